using Nabla.Symbolic;

namespace Nabla.Symbolic.Polynomials;

/// <summary>
/// A quotient of two polynomials over Q in lowest terms: gcd(numerator, denominator) = 1 and the
/// form is canonical: a polynomial is numerator/1 (rational coefficients); otherwise both have
/// integer coefficients whose contents are coprime and the denominator's leading coefficient is
/// positive. Zero is 0/1. Arithmetic keeps the invariant using only the gcds it needs
/// (Henrici's formulas), so adding fractions with a common denominator never factors it again.
/// </summary>
public sealed class RationalFunction : IEquatable<RationalFunction>
{
    public Polynomial Numerator { get; }
    public Polynomial Denominator { get; }
    public int Arity => Numerator.Arity;
    public bool IsZero => Numerator.IsZero;
    public bool IsPolynomial => Denominator.IsConstant;

    private RationalFunction(Polynomial numerator, Polynomial denominator)
    {
        Numerator = numerator;
        Denominator = denominator;
    }

    public static RationalFunction FromPolynomial(Polynomial p) => Normalized(p, Polynomial.One(p.Arity));

    public static RationalFunction Constant(int arity, Rational c) => FromPolynomial(Polynomial.Constant(arity, c));

    /// <summary>n/d reduced to lowest terms (one full gcd).</summary>
    public static RationalFunction Create(Polynomial numerator, Polynomial denominator, Budget? budget = null)
    {
        if (denominator.IsZero) throw new DivideByZeroException("rational function with a zero denominator");
        if (numerator.IsZero) return Normalized(numerator, Polynomial.One(numerator.Arity));
        var g = PolynomialGcd.Gcd(numerator, denominator, budget);
        if (!g.IsConstant)
        {
            numerator = numerator.DivideExact(g, budget);
            denominator = denominator.DivideExact(g, budget);
        }
        return Normalized(numerator, denominator);
    }

    /// <summary>Fixes contents and sign, assuming the polynomial gcd is already 1.</summary>
    private static RationalFunction Normalized(Polynomial n, Polynomial d)
    {
        if (n.IsZero) return new RationalFunction(n, Polynomial.One(n.Arity));
        if (d.IsConstant)
        {
            // a polynomial: kept with rational coefficients over 1 (no content work per operation)
            var k = d.ConstantValue;
            return new RationalFunction(k.IsOne ? n : n.Scale(Rational.One / k), k.IsOne ? d : Polynomial.One(n.Arity));
        }
        var cn = n.RationalContent();
        var cd = d.RationalContent(); // sign of d's leading coefficient
        var c = cn / cd;              // n/d = c * pp(n)/pp(d)
        var pn = cn.IsOne ? n : n.Scale((Rational.One / cn));
        var pd = cd.IsOne ? d : d.Scale((Rational.One / cd));
        return new RationalFunction(pn.Scale(c.Numerator), pd.Scale(c.Denominator));
    }

    public static RationalFunction operator +(RationalFunction a, RationalFunction b) => AddCore(a, b, null);
    public static RationalFunction operator -(RationalFunction a, RationalFunction b) => AddCore(a, b.Negate(), null);
    public static RationalFunction operator *(RationalFunction a, RationalFunction b) => MultiplyCore(a, b, null);
    public static RationalFunction operator /(RationalFunction a, RationalFunction b) => MultiplyCore(a, b.Reciprocal(), null);
    public static RationalFunction operator -(RationalFunction a) => a.Negate();

    public RationalFunction Add(RationalFunction other, Budget? budget) => AddCore(this, other, budget);
    public RationalFunction Subtract(RationalFunction other, Budget? budget) => AddCore(this, other.Negate(), budget);
    public RationalFunction Multiply(RationalFunction other, Budget? budget) => MultiplyCore(this, other, budget);
    public RationalFunction Divide(RationalFunction other, Budget? budget) => MultiplyCore(this, other.Reciprocal(), budget);

    public RationalFunction Negate() => new(-Numerator, Denominator);

    public RationalFunction Reciprocal()
    {
        if (IsZero) throw new DivideByZeroException("reciprocal of the zero rational function");
        return Normalized(Denominator, Numerator);
    }

    public RationalFunction Pow(int n, Budget? budget = null)
    {
        if (n < 0) return Reciprocal().Pow(-n, budget);
        // powers of coprime polynomials stay coprime
        return Normalized(Numerator.Pow(n, budget), Denominator.Pow(n, budget));
    }

    private static RationalFunction AddCore(RationalFunction a, RationalFunction b, Budget? budget)
    {
        if (a.IsZero) return b;
        if (b.IsZero) return a;
        if (a.Denominator.Equals(b.Denominator))
        {
            if (a.Denominator.IsConstant) return Normalized(a.Numerator + b.Numerator, a.Denominator);
            return Create(a.Numerator + b.Numerator, a.Denominator, budget);
        }
        if (a.Denominator.IsConstant || b.Denominator.IsConstant)
        {
            // one side polynomial: no common factor can appear between (n1 d2 + n2 d1) and d1 d2 beyond the constants
            return Normalized(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);
        }
        // Henrici: g = gcd(d1, d2); t = n1 (d2/g) + n2 (d1/g); h = gcd(t, g)
        var g = PolynomialGcd.Gcd(a.Denominator, b.Denominator, budget);
        var d1g = a.Denominator.DivideExact(g, budget);
        var d2g = b.Denominator.DivideExact(g, budget);
        var t = a.Numerator * d2g + b.Numerator * d1g;
        if (t.IsZero) return Constant(a.Arity, Rational.Zero);
        if (g.IsConstant) return Normalized(t, a.Denominator * d2g);
        var h = PolynomialGcd.Gcd(t, g, budget);
        var gh = h.IsConstant ? g : g.DivideExact(h, budget);
        var th = h.IsConstant ? t : t.DivideExact(h, budget);
        return Normalized(th, d1g * d2g * gh);
    }

    private static RationalFunction MultiplyCore(RationalFunction a, RationalFunction b, Budget? budget)
    {
        if (a.IsZero || b.IsZero) return Constant(a.Arity, Rational.Zero);
        if (a.IsPolynomial && b.IsPolynomial) return Normalized(a.Numerator * b.Numerator, a.Denominator * b.Denominator);
        // cross-cancel: gcd(n1, d2) and gcd(n2, d1)
        var (n1, d2) = Cancel(a.Numerator, b.Denominator, budget);
        var (n2, d1) = Cancel(b.Numerator, a.Denominator, budget);
        return Normalized(n1 * n2, d1 * d2);
    }

    private static (Polynomial, Polynomial) Cancel(Polynomial n, Polynomial d, Budget? budget)
    {
        if (n.IsConstant || d.IsConstant) return (n, d);
        var g = PolynomialGcd.Gcd(n, d, budget);
        return g.IsConstant ? (n, d) : (n.DivideExact(g, budget), d.DivideExact(g, budget));
    }

    public double Evaluate(ReadOnlySpan<double> point) => Numerator.Evaluate(point) / Denominator.Evaluate(point);

    public bool Equals(RationalFunction? other) =>
        other is not null && Numerator.Equals(other.Numerator) && Denominator.Equals(other.Denominator);

    public override bool Equals(object? obj) => obj is RationalFunction r && Equals(r);
    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    public string ToString(IReadOnlyList<string>? names) =>
        Denominator.IsConstant && Denominator.ConstantValue.IsOne
            ? Numerator.ToString(names)
            : $"({Numerator.ToString(names)})/({Denominator.ToString(names)})";

    public override string ToString() => ToString(null);
}
