using System.Numerics;
using Nabla.Symbolic;

namespace Nabla.Symbolic.Polynomials;

/// <summary>
/// Multivariate polynomial GCD over Q (equivalently over Z up to units). First the heuristic GCD
/// of Char, Geddes and Gonnet (evaluate one variable at a large integer, recurse, interpolate
/// the xi-adic expansion, and accept the candidate only if it divides both inputs, which with
/// xi > 2 min(|A|, |B|) + 1 proves it is the gcd); when that fails, the recursive primitive
/// polynomial remainder sequence (always correct, slower). The cost is bounded by the
/// <see cref="Budget"/> (which throws when it runs out).
/// Results are normalized: integer coefficients with gcd 1 and a positive leading coefficient.
/// </summary>
public static class PolynomialGcd
{
    public static Polynomial Gcd(Polynomial a, Polynomial b, Budget? budget = null)
    {
        budget ??= Budget.Current;
        using var scope = budget.Enter();
        if (a.Arity != b.Arity) throw new ArgumentException("polynomials over different rings");
        if (a.IsZero) return b.PrimitivePart();
        if (b.IsZero) return a.PrimitivePart();
        if (a.IsConstant || b.IsConstant) return Polynomial.One(a.Arity);

        // monomial factors first: cheap, and very common in textbook expressions
        var ma = a.MonomialContent();
        var mb = b.MonomialContent();
        var m = new int[a.Arity];
        for (int i = 0; i < m.Length; i++) m[i] = Math.Min(ma[i], mb[i]);
        a = a.DivideByMonomial(ma).PrimitivePart();
        b = b.DivideByMonomial(mb).PrimitivePart();
        var g = a.IsConstant || b.IsConstant ? Polynomial.One(a.Arity)
            : a.Equals(b) ? a
            : FewerVariables(a, b, budget) ?? FewerVariables(b, a, budget)
              ?? HeuristicGcd(a, b, budget)?.PrimitivePart() ?? GcdPrimitiveParts(a, b, budget);
        return Polynomial.IsZeroVector(m) ? g : g.MultiplyTerm(new Term(m, Rational.One));
    }

    /// <summary>Least common multiple, normalized like <see cref="Gcd"/>.</summary>
    public static Polynomial Lcm(Polynomial a, Polynomial b, Budget? budget = null)
    {
        if (a.IsZero || b.IsZero) return Polynomial.Zero(a.Arity);
        var g = Gcd(a, b, budget);
        return (a.DivideExact(g, budget) * b).PrimitivePart();
    }

    // a, b: non-zero, integer-primitive
    private static Polynomial GcdPrimitiveParts(Polynomial a, Polynomial b, Budget budget)
    {
        budget.Check();
        if (a.IsConstant || b.IsConstant) return Polynomial.One(a.Arity);
        if (a.Equals(b)) return a;

        // pick the first variable occurring in either
        int v = -1;
        for (int i = 0; i < a.Arity && v < 0; i++)
            if (a.Contains(i) || b.Contains(i)) v = i;

        bool inA = a.Contains(v), inB = b.Contains(v);
        if (!inA) return GcdPrimitiveParts(a, ContentIn(b, v, budget), budget);
        if (!inB) return GcdPrimitiveParts(ContentIn(a, v, budget), b, budget);

        // cheap exact-division check: the gcd is often one of the two
        if (a.TermCount <= b.TermCount ? Divides(a, b, budget) : false) return a;
        if (b.TermCount <= a.TermCount && Divides(b, a, budget)) return b;

        var ca = ContentIn(a, v, budget);
        var cb = ContentIn(b, v, budget);
        var c = GcdPrimitiveParts(ca, cb, budget);
        var pa = ca.IsConstant ? a : a.DivideExact(ca, budget).PrimitivePart();
        var pb = cb.IsConstant ? b : b.DivideExact(cb, budget).PrimitivePart();

        if (pa.Degree(v) < pb.Degree(v)) (pa, pb) = (pb, pa);
        while (true)
        {
            budget.Check();
            var r = PseudoRemainder(pa, pb, v, budget);
            if (r.IsZero) break;
            if (!r.Contains(v)) { pb = Polynomial.One(a.Arity); break; }
            pa = pb;
            pb = PrimitivePartIn(r, v, budget);
        }
        var g = PrimitivePartIn(pb, v, budget);
        return (c * g).PrimitivePart();
    }

    /// <summary>
    /// When b lacks some variables of a, gcd(a, b) divides every coefficient of a with respect to
    /// those variables (each a polynomial in b's variables only): fold the gcd over them, smallest
    /// first, stopping at 1. Typical case: a big numerator against a power of (1 + x^2).
    /// Null when b has every variable of a.
    /// </summary>
    private static Polynomial? FewerVariables(Polynomial a, Polynomial b, Budget budget)
    {
        int n = a.Arity;
        var inB = new bool[n];
        bool fewer = false;
        for (int v = 0; v < n; v++)
        {
            inB[v] = b.Contains(v);
            if (!inB[v] && a.Contains(v)) fewer = true;
        }
        if (!fewer) return null;
        var groups = new Dictionary<int[], List<Term>>(ExponentComparer.Instance);
        foreach (var t in a.Terms)
        {
            var key = new int[n];
            var rest = new int[n];
            for (int v = 0; v < n; v++) { if (inB[v]) rest[v] = t.Exponents[v]; else key[v] = t.Exponents[v]; }
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            list.Add(new Term(rest, t.Coefficient));
        }
        var g = b;
        foreach (var list in groups.Values.OrderBy(l => l.Count))
        {
            budget.Check();
            g = Gcd(g, Polynomial.FromTerms(n, list), budget);
            if (g.IsConstant) return Polynomial.One(n);
        }
        return g.PrimitivePart();
    }

    private const int HeuristicTries = 6;
    private const long HeuristicMaxBits = 6000;

    /// <summary>
    /// Heuristic GCD of two non-zero integer polynomials, or null when it gives up (then the PRS
    /// decides). Recursion is over the variables present (at most the arity deep).
    /// </summary>
    internal static Polynomial? HeuristicGcd(Polynomial f, Polynomial g, Budget budget)
    {
        budget.Check();
        int n = f.Arity;
        if (f.IsConstant || g.IsConstant)
        {
            var c = BigInteger.GreatestCommonDivisor(IntegerContent(f), IntegerContent(g));
            return Polynomial.Constant(n, c);
        }
        var common = BigInteger.GreatestCommonDivisor(IntegerContent(f), IntegerContent(g));
        if (!common.IsOne) { f = f.Scale(new Rational(BigInteger.One, common)); g = g.Scale(new Rational(BigInteger.One, common)); }
        int v = f.MainVariable();
        if (v < 0 || (g.MainVariable() is var w && w >= 0 && w < v)) v = g.MainVariable();
        var fNorm = MaxNorm(f);
        var gNorm = MaxNorm(g);
        var x = 2 * BigInteger.Min(fNorm, gNorm) + 29;
        for (int attempt = 0; attempt < HeuristicTries; attempt++)
        {
            if (x.GetBitLength() > HeuristicMaxBits) return null;
            var ff = EvaluateAt(f, v, x);
            var gg = EvaluateAt(g, v, x);
            if (!ff.IsZero && !gg.IsZero)
            {
                var h = HeuristicGcd(ff, gg, budget);
                if (h is null) return null;
                var candidate = Interpolate(h, v, x, budget).PrimitivePart();
                if (!candidate.IsZero && Divides(candidate, f, budget) && Divides(candidate, g, budget))
                    return common.IsOne ? candidate : candidate.Scale(common);
            }
            x = 73794 * x * Sqrt(Sqrt(x)) / 27011;
        }
        return null;
    }

    private static BigInteger IntegerContent(Polynomial p)
    {
        var g = BigInteger.Zero;
        foreach (var t in p.Terms) { g = BigInteger.GreatestCommonDivisor(g, t.Coefficient.Numerator); if (g.IsOne) break; }
        return g;
    }

    private static BigInteger MaxNorm(Polynomial p)
    {
        var m = BigInteger.Zero;
        foreach (var t in p.Terms) m = BigInteger.Max(m, BigInteger.Abs(t.Coefficient.Numerator));
        return m;
    }

    private static BigInteger Sqrt(BigInteger n)
    {
        if (n < 2) return n;
        var x = BigInteger.One << (int)((n.GetBitLength() + 1) / 2);
        while (true)
        {
            var y = (x + n / x) >> 1;
            if (y >= x) return x;
            x = y;
        }
    }

    /// <summary>p with variable v replaced by the integer x.</summary>
    private static Polynomial EvaluateAt(Polynomial p, int v, BigInteger x)
    {
        var powers = new Dictionary<int, BigInteger>();
        var terms = new List<Term>(p.TermCount);
        foreach (var t in p.Terms)
        {
            int k = t.Exponents[v];
            if (k == 0) { terms.Add(t); continue; }
            if (!powers.TryGetValue(k, out var xk)) powers[k] = xk = BigInteger.Pow(x, k);
            var e = (int[])t.Exponents.Clone();
            e[v] = 0;
            terms.Add(new Term(e, t.Coefficient * (Rational)xk));
        }
        return Polynomial.FromTerms(p.Arity, terms);
    }

    /// <summary>The polynomial in v whose value at v = x is h, read off the symmetric x-adic digits.</summary>
    private static Polynomial Interpolate(Polynomial h, int v, BigInteger x, Budget budget)
    {
        int arity = h.Arity;
        var terms = new List<Term>();
        var half = x / 2;
        for (int i = 0; !h.IsZero; i++)
        {
            budget.Check();
            var digits = new List<Term>(h.TermCount);
            var rest = new List<Term>(h.TermCount);
            foreach (var t in h.Terms)
            {
                var c = t.Coefficient.Numerator;
                var d = BigInteger.Remainder(c, x);
                if (d > half) d -= x; else if (d < -half) d += x;
                if (!d.IsZero)
                {
                    var e = (int[])t.Exponents.Clone();
                    e[v] = i;
                    terms.Add(new Term(e, (Rational)d));
                }
                var q = (c - d) / x;
                if (!q.IsZero) rest.Add(new Term(t.Exponents, (Rational)q));
            }
            h = Polynomial.FromTerms(h.Arity, rest);
        }
        return Polynomial.FromTerms(arity, terms);
    }

    private static bool Divides(Polynomial d, Polynomial p, Budget budget)
    {
        var lt = d.LeadingTerm.Exponents;
        var lp = p.LeadingTerm.Exponents;
        for (int i = 0; i < lt.Length; i++) if (lt[i] > lp[i]) return false;
        return p.TryDivideExact(d, budget) is not null;
    }

    /// <summary>The content of p as a polynomial in variable v: gcd of its coefficients (free of v).</summary>
    public static Polynomial ContentIn(Polynomial p, int v, Budget? budget = null)
    {
        budget ??= Budget.Current;
        if (p.IsZero) return p;
        var coefficients = p.CoefficientsIn(v).Values.OrderBy(q => q.TermCount).ToList();
        var g = coefficients[0].PrimitivePart();
        for (int i = 1; i < coefficients.Count && !g.IsConstant; i++)
            g = Gcd(g, coefficients[i], budget);
        return g.IsConstant ? Polynomial.One(p.Arity) : g;
    }

    /// <summary>p divided by its content in v, made integer-primitive.</summary>
    public static Polynomial PrimitivePartIn(Polynomial p, int v, Budget? budget = null)
    {
        if (p.IsZero) return p;
        var c = ContentIn(p, v, budget);
        return (c.IsConstant ? p : p.DivideExact(c, budget)).PrimitivePart();
    }

    /// <summary>
    /// Pseudo-remainder of a by b as polynomials in variable v: lc(b)^k * a = q * b + r with
    /// deg_v r &lt; deg_v b.
    /// </summary>
    public static Polynomial PseudoRemainder(Polynomial a, Polynomial b, int v, Budget? budget = null)
    {
        int db = b.Degree(v);
        if (db < 0) throw new DivideByZeroException();
        var lcb = b.LeadingCoefficientIn(v);
        var r = a;
        while (!r.IsZero && r.Degree(v) >= db)
        {
            budget?.Check();
            int dr = r.Degree(v);
            var lcr = r.LeadingCoefficientIn(v);
            var shift = new int[a.Arity];
            shift[v] = dr - db;
            // lcb*r - lcr*x_v^(dr-db)*b cancels the degree-dr part
            r = lcb * r - (lcr * b).MultiplyTerm(new Term(shift, Rational.One));
        }
        return r;
    }
}
