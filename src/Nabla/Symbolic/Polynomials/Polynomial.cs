using Nabla.Symbolic;
using System.Numerics;
using System.Text;

namespace Nabla.Symbolic.Polynomials;

/// <summary>One term of a polynomial: a rational coefficient times x0^e0 * x1^e1 * ...</summary>
public readonly record struct Term(int[] Exponents, Rational Coefficient);

/// <summary>
/// An immutable sparse multivariate polynomial over Q in a fixed number of variables
/// (<see cref="Arity"/>), variable 0 being the most significant. Terms are kept sorted in
/// descending lexicographic order of their exponent vectors with no zero coefficients, so equal
/// polynomials have equal term lists.
/// </summary>
public sealed class Polynomial : IEquatable<Polynomial>
{
    private readonly Term[] _terms;

    public int Arity { get; }
    public ReadOnlySpan<Term> Terms => _terms;
    public int TermCount => _terms.Length;
    public bool IsZero => _terms.Length == 0;
    public bool IsConstant => _terms.Length == 0 || (_terms.Length == 1 && IsZeroVector(_terms[0].Exponents));
    public bool IsMonomial => _terms.Length == 1;

    /// <summary>Wraps already sorted, merged, non-zero terms (no copy).</summary>
    private Polynomial(int arity, Term[] sortedTerms)
    {
        Arity = arity;
        _terms = sortedTerms;
    }

    public static Polynomial Zero(int arity) => new(arity, []);
    public static Polynomial One(int arity) => Constant(arity, Rational.One);

    public static Polynomial Constant(int arity, Rational c) =>
        c.IsZero ? Zero(arity) : new(arity, [new Term(new int[arity], c)]);

    public static Polynomial Variable(int arity, int index, int power = 1)
    {
        if ((uint)index >= (uint)arity) throw new ArgumentOutOfRangeException(nameof(index));
        var e = new int[arity];
        e[index] = power;
        return new(arity, [new Term(e, Rational.One)]);
    }

    public static Polynomial Monomial(int[] exponents, Rational coefficient) =>
        coefficient.IsZero ? Zero(exponents.Length) : new(exponents.Length, [new Term((int[])exponents.Clone(), coefficient)]);

    /// <summary>Builds a polynomial from arbitrary terms (in any order, repeats are added up).</summary>
    public static Polynomial FromTerms(int arity, IEnumerable<Term> terms)
    {
        var acc = new Dictionary<int[], Rational>(ExponentComparer.Instance);
        foreach (var t in terms)
        {
            if (t.Exponents.Length != arity) throw new ArgumentException("term arity does not match");
            if (t.Coefficient.IsZero) continue;
            acc[t.Exponents] = acc.TryGetValue(t.Exponents, out var c) ? c + t.Coefficient : t.Coefficient;
        }
        return FromDictionary(arity, acc);
    }

    private static Polynomial FromDictionary(int arity, Dictionary<int[], Rational> acc)
    {
        var list = new List<Term>(acc.Count);
        foreach (var (e, c) in acc) if (!c.IsZero) list.Add(new Term(e, c));
        var arr = list.ToArray();
        Array.Sort(arr, static (a, b) => ExponentComparer.Instance.Compare(b.Exponents, a.Exponents));
        return new Polynomial(arity, arr);
    }

    public Term LeadingTerm => _terms.Length > 0 ? _terms[0] : throw new InvalidOperationException("zero polynomial has no leading term");
    public Rational LeadingCoefficient => _terms.Length > 0 ? _terms[0].Coefficient : Rational.Zero;

    /// <summary>The constant value (only meaningful when <see cref="IsConstant"/>).</summary>
    public Rational ConstantValue => _terms.Length == 0 ? Rational.Zero : _terms[^1].Coefficient is var c && IsZeroVector(_terms[^1].Exponents) ? c : Rational.Zero;

    public int TotalDegree
    {
        get
        {
            int d = _terms.Length == 0 ? -1 : 0;
            foreach (var t in _terms) { int s = 0; foreach (var e in t.Exponents) s += e; d = Math.Max(d, s); }
            return d;
        }
    }

    /// <summary>Degree in one variable; -1 for the zero polynomial.</summary>
    public int Degree(int variable)
    {
        int d = _terms.Length == 0 ? -1 : 0;
        foreach (var t in _terms) d = Math.Max(d, t.Exponents[variable]);
        return d;
    }

    public bool Contains(int variable)
    {
        foreach (var t in _terms) if (t.Exponents[variable] != 0) return true;
        return false;
    }

    /// <summary>Smallest variable index that occurs, or -1 for constants.</summary>
    public int MainVariable()
    {
        int best = -1;
        foreach (var t in _terms)
            for (int i = 0; i < (best < 0 ? Arity : best); i++)
                if (t.Exponents[i] != 0) { best = i; break; }
        return best;
    }

    // ---------------------------------------------------------------- arithmetic

    public static Polynomial operator +(Polynomial a, Polynomial b) => Combine(a, b, negateB: false);
    public static Polynomial operator -(Polynomial a, Polynomial b) => Combine(a, b, negateB: true);

    public static Polynomial operator -(Polynomial a)
    {
        var t = new Term[a._terms.Length];
        for (int i = 0; i < t.Length; i++) t[i] = a._terms[i] with { Coefficient = -a._terms[i].Coefficient };
        return new Polynomial(a.Arity, t);
    }

    private static Polynomial Combine(Polynomial a, Polynomial b, bool negateB)
    {
        CheckArity(a, b);
        if (b.IsZero) return a;
        if (a.IsZero) return negateB ? -b : b;
        if (a._terms.Length + b._terms.Length > 256) Budget.Poll();
        var result = new List<Term>(a._terms.Length + b._terms.Length);
        int i = 0, j = 0;
        var cmp = ExponentComparer.Instance;
        while (i < a._terms.Length && j < b._terms.Length)
        {
            var ta = a._terms[i];
            var tb = b._terms[j];
            int c = cmp.Compare(ta.Exponents, tb.Exponents);
            if (c > 0) { result.Add(ta); i++; }
            else if (c < 0) { result.Add(negateB ? tb with { Coefficient = -tb.Coefficient } : tb); j++; }
            else
            {
                var s = negateB ? ta.Coefficient - tb.Coefficient : ta.Coefficient + tb.Coefficient;
                if (!s.IsZero) result.Add(new Term(ta.Exponents, s));
                i++; j++;
            }
        }
        for (; i < a._terms.Length; i++) result.Add(a._terms[i]);
        for (; j < b._terms.Length; j++) result.Add(negateB ? b._terms[j] with { Coefficient = -b._terms[j].Coefficient } : b._terms[j]);
        return new Polynomial(a.Arity, result.ToArray());
    }

    public static Polynomial operator *(Polynomial a, Polynomial b)
    {
        CheckArity(a, b);
        if (a.IsZero || b.IsZero) return Zero(a.Arity);
        if (a.IsConstant) return b.Scale(a.ConstantValue);
        if (b.IsConstant) return a.Scale(b.ConstantValue);
        if (a._terms.Length == 1) return b.MultiplyTerm(a._terms[0]);
        if (b._terms.Length == 1) return a.MultiplyTerm(b._terms[0]);
        var acc = new Dictionary<int[], Rational>(a._terms.Length * b._terms.Length, ExponentComparer.Instance);
        foreach (var ta in a._terms)
        {
            Budget.Poll();
            foreach (var tb in b._terms)
            {
                var e = AddExponents(ta.Exponents, tb.Exponents);
                var c = ta.Coefficient * tb.Coefficient;
                ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(acc, e, out _);
                slot += c;
            }
        }
        return FromDictionary(a.Arity, acc);
    }

    public static Polynomial operator *(Rational c, Polynomial p) => p.Scale(c);

    public Polynomial Scale(Rational c)
    {
        if (c.IsZero) return Zero(Arity);
        if (c.IsOne) return this;
        var t = new Term[_terms.Length];
        for (int i = 0; i < t.Length; i++) t[i] = new Term(_terms[i].Exponents, _terms[i].Coefficient * c);
        return new Polynomial(Arity, t);
    }

    /// <summary>Multiplies by one term (order is preserved, so no sort is needed).</summary>
    public Polynomial MultiplyTerm(Term m)
    {
        if (m.Coefficient.IsZero) return Zero(Arity);
        var t = new Term[_terms.Length];
        for (int i = 0; i < t.Length; i++)
            t[i] = new Term(AddExponents(_terms[i].Exponents, m.Exponents), _terms[i].Coefficient * m.Coefficient);
        return new Polynomial(Arity, t);
    }

    public Polynomial Pow(int n, Budget? budget = null)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), "negative power of a polynomial");
        if (n == 0) return One(Arity);
        if (_terms.Length == 1)
        {
            var t = _terms[0];
            var e = new int[Arity];
            for (int i = 0; i < Arity; i++) e[i] = checked(t.Exponents[i] * n);
            return new Polynomial(Arity, [new Term(e, (t.Coefficient).Pow(n))]);
        }
        Polynomial result = One(Arity), square = this;
        while (true)
        {
            if ((n & 1) != 0) result *= square;
            n >>= 1;
            if (n == 0) return result;
            budget?.Check();
            square *= square;
        }
    }

    /// <summary>Partial derivative with respect to one variable.</summary>
    public Polynomial Derivative(int variable)
    {
        var list = new List<Term>(_terms.Length);
        foreach (var t in _terms)
        {
            int k = t.Exponents[variable];
            if (k == 0) continue;
            var e = (int[])t.Exponents.Clone();
            e[variable] = k - 1;
            list.Add(new Term(e, t.Coefficient * k));
        }
        // differentiating in one variable keeps lex order among the surviving terms
        return new Polynomial(Arity, list.ToArray());
    }

    /// <summary>Coefficients with respect to one variable: degree -> coefficient (free of that variable).</summary>
    public SortedDictionary<int, Polynomial> CoefficientsIn(int variable)
    {
        var groups = new SortedDictionary<int, List<Term>>();
        foreach (var t in _terms)
        {
            int k = t.Exponents[variable];
            var e = t.Exponents;
            if (k != 0) { e = (int[])e.Clone(); e[variable] = 0; }
            if (!groups.TryGetValue(k, out var list)) groups[k] = list = [];
            list.Add(new Term(e, t.Coefficient));
        }
        var result = new SortedDictionary<int, Polynomial>();
        foreach (var (k, list) in groups)
        {
            var arr = list.ToArray();
            // dropping one exponent can reorder terms: re-sort
            Array.Sort(arr, static (a, b) => ExponentComparer.Instance.Compare(b.Exponents, a.Exponents));
            result[k] = new Polynomial(Arity, arr);
        }
        return result;
    }

    /// <summary>Leading coefficient with respect to one variable (a polynomial free of it).</summary>
    public Polynomial LeadingCoefficientIn(int variable)
    {
        int d = Degree(variable);
        var list = new List<Term>();
        foreach (var t in _terms)
            if (t.Exponents[variable] == d)
            {
                var e = (int[])t.Exponents.Clone();
                e[variable] = 0;
                list.Add(new Term(e, t.Coefficient));
            }
        var arr = list.ToArray();
        Array.Sort(arr, static (a, b) => ExponentComparer.Instance.Compare(b.Exponents, a.Exponents));
        return new Polynomial(Arity, arr);
    }

    /// <summary>
    /// Exact division: the quotient if <paramref name="divisor"/> divides this polynomial in
    /// Q[x...], otherwise null. Lexicographic division: terminates because the leading monomial
    /// strictly decreases.
    /// </summary>
    public Polynomial? TryDivideExact(Polynomial divisor, Budget? budget = null)
    {
        CheckArity(this, divisor);
        if (divisor.IsZero) throw new DivideByZeroException("division by the zero polynomial");
        if (IsZero) return this;
        if (divisor.IsConstant) return Scale((Rational.One / divisor.ConstantValue));
        for (int v = 0; v < Arity; v++)
            if (divisor.Degree(v) > Degree(v)) return null;
        if (divisor._terms.Length == 1)
        {
            var m = divisor._terms[0];
            var t = new Term[_terms.Length];
            var inv = (Rational.One / m.Coefficient);
            for (int i = 0; i < t.Length; i++)
            {
                var e = SubtractExponents(_terms[i].Exponents, m.Exponents);
                if (e is null) return null;
                t[i] = new Term(e, _terms[i].Coefficient * inv);
            }
            return new Polynomial(Arity, t);
        }
        var lead = divisor._terms[0];
        var leadInv = (Rational.One / lead.Coefficient);
        var quotient = new List<Term>();
        var rest = this;
        while (!rest.IsZero)
        {
            budget?.Check();
            var lt = rest._terms[0];
            var e = SubtractExponents(lt.Exponents, lead.Exponents);
            if (e is null) return null;
            var q = new Term(e, lt.Coefficient * leadInv);
            quotient.Add(q);
            rest -= divisor.MultiplyTerm(q);
        }
        // quotient terms were produced in strictly decreasing order
        return new Polynomial(Arity, quotient.ToArray());
    }

    /// <summary>Divides exactly or throws (for internal use where divisibility is known).</summary>
    public Polynomial DivideExact(Polynomial divisor, Budget? budget = null) =>
        TryDivideExact(divisor, budget) ?? throw new InvalidOperationException("polynomial division is not exact");

    // ---------------------------------------------------------------- content

    /// <summary>
    /// The rational content: positive gcd of the numerators over the lcm of the denominators,
    /// signed like the leading coefficient, so that this / content is a primitive integer
    /// polynomial with a positive leading coefficient. Zero for the zero polynomial.
    /// </summary>
    public Rational RationalContent()
    {
        if (IsZero) return Rational.Zero;
        BigInteger g = BigInteger.Zero, l = BigInteger.One;
        foreach (var t in _terms)
        {
            g = BigInteger.GreatestCommonDivisor(g, t.Coefficient.Numerator);
            var d = t.Coefficient.Denominator;
            l = l / BigInteger.GreatestCommonDivisor(l, d) * d;
        }
        var c = new Rational(g, l);
        return LeadingCoefficient.Sign < 0 ? -c : c;
    }

    /// <summary>Integer coefficients with gcd 1 and a positive leading coefficient (zero stays zero).</summary>
    public Polynomial PrimitivePart()
    {
        if (IsZero) return this;
        var c = RationalContent();
        return c.IsOne ? this : Scale((Rational.One / c));
    }

    public bool HasIntegerCoefficients
    {
        get { foreach (var t in _terms) if (!t.Coefficient.IsInteger) return false; return true; }
    }

    /// <summary>The largest monomial (exponent vector) dividing every term; zeros for the zero polynomial.</summary>
    public int[] MonomialContent()
    {
        var e = new int[Arity];
        if (_terms.Length == 0) return e;
        Array.Copy(_terms[0].Exponents, e, Arity);
        foreach (var t in _terms)
            for (int i = 0; i < Arity; i++) e[i] = Math.Min(e[i], t.Exponents[i]);
        return e;
    }

    /// <summary>Divides every term by a monomial that divides all of them.</summary>
    public Polynomial DivideByMonomial(int[] exponents)
    {
        if (IsZeroVector(exponents)) return this;
        var t = new Term[_terms.Length];
        for (int i = 0; i < t.Length; i++)
            t[i] = new Term(SubtractExponents(_terms[i].Exponents, exponents)
                ?? throw new InvalidOperationException("monomial does not divide the polynomial"), _terms[i].Coefficient);
        return new Polynomial(Arity, t);
    }

    // ---------------------------------------------------------------- evaluation

    public double Evaluate(ReadOnlySpan<double> point)
    {
        if (point.Length != Arity) throw new ArgumentException("point has the wrong number of coordinates");
        double s = 0;
        foreach (var t in _terms)
        {
            double v = t.Coefficient.ToDouble();
            for (int i = 0; i < Arity; i++)
                if (t.Exponents[i] != 0) v *= Math.Pow(point[i], t.Exponents[i]);
            s += v;
        }
        return s;
    }

    public Rational Evaluate(ReadOnlySpan<Rational> point)
    {
        if (point.Length != Arity) throw new ArgumentException("point has the wrong number of coordinates");
        var s = Rational.Zero;
        foreach (var t in _terms)
        {
            var v = t.Coefficient;
            for (int i = 0; i < Arity; i++)
                if (t.Exponents[i] != 0) v *= (point[i]).Pow(t.Exponents[i]);
            s += v;
        }
        return s;
    }

    // ---------------------------------------------------------------- equality, printing

    public bool Equals(Polynomial? other)
    {
        if (other is null || other.Arity != Arity || other._terms.Length != _terms.Length) return false;
        for (int i = 0; i < _terms.Length; i++)
            if (_terms[i].Coefficient != other._terms[i].Coefficient ||
                !_terms[i].Exponents.AsSpan().SequenceEqual(other._terms[i].Exponents)) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is Polynomial p && Equals(p);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Arity);
        foreach (var t in _terms) { h.Add(t.Coefficient); h.Add(ExponentComparer.Instance.GetHashCode(t.Exponents)); }
        return h.ToHashCode();
    }

    /// <summary>Debug form with variables named x0, x1, ... (or the given names).</summary>
    public string ToString(IReadOnlyList<string>? names)
    {
        if (IsZero) return "0";
        var sb = new StringBuilder();
        bool first = true;
        foreach (var t in _terms)
        {
            var c = t.Coefficient;
            if (!first) sb.Append(c.Sign < 0 ? " - " : " + ");
            else if (c.Sign < 0) sb.Append('-');
            first = false;
            var a = c.Abs();
            bool mono = !IsZeroVector(t.Exponents);
            if (!a.IsOne || !mono) { sb.Append(a); if (mono) sb.Append('*'); }
            bool firstFactor = true;
            for (int i = 0; i < Arity; i++)
            {
                int k = t.Exponents[i];
                if (k == 0) continue;
                if (!firstFactor) sb.Append('*');
                firstFactor = false;
                sb.Append(names is null ? "x" + i : names[i]);
                if (k != 1) sb.Append('^').Append(k);
            }
        }
        return sb.ToString();
    }

    public override string ToString() => ToString(null);

    // ---------------------------------------------------------------- helpers

    internal static bool IsZeroVector(int[] e)
    {
        foreach (var x in e) if (x != 0) return false;
        return true;
    }

    internal static int[] AddExponents(int[] a, int[] b)
    {
        var e = new int[a.Length];
        for (int i = 0; i < e.Length; i++) e[i] = checked(a[i] + b[i]);
        return e;
    }

    /// <summary>a - b, or null when b does not divide a.</summary>
    internal static int[]? SubtractExponents(int[] a, int[] b)
    {
        var e = new int[a.Length];
        for (int i = 0; i < e.Length; i++)
        {
            e[i] = a[i] - b[i];
            if (e[i] < 0) return null;
        }
        return e;
    }

    private static void CheckArity(Polynomial a, Polynomial b)
    {
        if (a.Arity != b.Arity) throw new ArgumentException($"polynomials over different rings ({a.Arity} and {b.Arity} variables)");
    }
}

/// <summary>Lexicographic order of exponent vectors (variable 0 most significant) and hashing.</summary>
public sealed class ExponentComparer : IComparer<int[]>, IEqualityComparer<int[]>
{
    public static readonly ExponentComparer Instance = new();

    public int Compare(int[]? x, int[]? y)
    {
        for (int i = 0; i < x!.Length; i++)
            if (x[i] != y![i]) return x[i] < y[i] ? -1 : 1;
        return 0;
    }

    public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(int[] obj)
    {
        int h = 17;
        foreach (var v in obj) h = h * 31 + v;
        return h;
    }
}
