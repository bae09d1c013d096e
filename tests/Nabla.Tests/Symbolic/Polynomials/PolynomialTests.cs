using Nabla.Symbolic;
using CsCheck;
using Nabla.Symbolic.Polynomials;

namespace Nabla.Tests.Symbolic.Polynomials;

public class PolynomialTests
{
    private const int N = 3;

    internal static readonly Gen<Polynomial> GenPoly =
        Gen.Select(Gen.Int[-6, 6], Gen.Int[1, 3], Gen.Int[0, 3].Array[N])
            .Select(t => new Term(t.Item3, new Rational(t.Item1, t.Item2)))
            .Array[0, 5]
            .Select(ts => Polynomial.FromTerms(N, ts));

    internal static readonly Gen<Polynomial> GenNonZero = GenPoly.Where(p => !p.IsZero);

    private static readonly Gen<Rational[]> GenPoint =
        Gen.Select(Gen.Int[-9, 9], Gen.Int[1, 4]).Select(t => new Rational(t.Item1, t.Item2)).Array[N];

    private static Polynomial P(string s) => Parse(s);

    // tiny test-only parser for sums of terms like "3*x^2*y - 2*z + 1" over x, y, z
    private static Polynomial Parse(string s)
    {
        var names = new[] { "x", "y", "z" };
        var p = Polynomial.Zero(N);
        foreach (var raw in s.Replace(" ", "").Replace("-", "+-").Split('+', StringSplitOptions.RemoveEmptyEntries))
        {
            var term = Polynomial.One(N);
            var body = raw;
            if (body.StartsWith('-')) { term = -term; body = body[1..]; }
            foreach (var f in body.Split('*'))
            {
                var parts = f.Split('^');
                int k = parts.Length > 1 ? int.Parse(parts[1]) : 1;
                int idx = Array.IndexOf(names, parts[0]);
                term *= idx >= 0 ? Polynomial.Variable(N, idx, k) : Polynomial.Constant(N, ((Rational)int.Parse(parts[0])).Pow(k));
            }
            p += term;
        }
        return p;
    }

    [Fact]
    public void RingLawsHoldUnderEvaluation()
    {
        Gen.Select(GenPoly, GenPoly, GenPoly, GenPoint).Sample((a, b, c, x) =>
        {
            Assert.Equal(((a + b) * c).Evaluate(x), (a * c + b * c).Evaluate(x));
            Assert.Equal((a * b).Evaluate(x), a.Evaluate(x) * b.Evaluate(x));
            Assert.Equal((a - b).Evaluate(x), a.Evaluate(x) - b.Evaluate(x));
            Assert.True((a - a).IsZero);
            Assert.Equal(a.Pow(3), a * a * a);
        }, iter: 2000);
    }

    [Fact]
    public void ExactDivisionUndoesMultiplication()
    {
        Gen.Select(GenPoly, GenNonZero).Sample((a, b) =>
        {
            var q = (a * b).TryDivideExact(b);
            Assert.NotNull(q);
            Assert.Equal(a, q);
        }, iter: 2000);
    }

    [Fact]
    public void ExactDivisionRejectsNonDivisors()
    {
        Assert.Null(P("x^2 + y").TryDivideExact(P("x + y")));
        Assert.Null(P("x").TryDivideExact(P("y")));
        Assert.Equal(P("x - y"), P("x^2 - y^2").TryDivideExact(P("x + y")));
    }

    [Fact]
    public void GcdDividesBothAndScalesWithCommonFactor()
    {
        Gen.Select(GenNonZero, GenNonZero, GenNonZero).Sample((a, b, c) =>
        {
            var g = PolynomialGcd.Gcd(a, b);
            Assert.NotNull(a.TryDivideExact(g));
            Assert.NotNull(b.TryDivideExact(g));
            var gc = PolynomialGcd.Gcd(a * c, b * c);
            Assert.Equal((c * g).PrimitivePart(), gc.PrimitivePart());
        }, iter: 1500);
    }

    [Fact]
    public void GcdOfCofactorsIsOne()
    {
        Gen.Select(GenNonZero, GenNonZero).Sample((a, b) =>
        {
            var g = PolynomialGcd.Gcd(a, b);
            var ca = a.DivideExact(g);
            var cb = b.DivideExact(g);
            Assert.True(PolynomialGcd.Gcd(ca, cb).IsConstant);
        }, iter: 1000);
    }

    [Fact]
    public void KnownGcds()
    {
        Assert.Equal(P("x^2 + y^2"), PolynomialGcd.Gcd(P("x^3*y + x*y^3"), P("x^4 - y^4")));
        Assert.Equal(P("x + y"), PolynomialGcd.Gcd(P("2*x^2 + 4*x*y + 2*y^2"), P("3*x^2 - 3*y^2")));
        Assert.Equal(P("x*y"), PolynomialGcd.Gcd(P("x^2*y"), P("x*y^3 + x*y")));
        Assert.Equal(P("1"), PolynomialGcd.Gcd(P("x + 1"), P("x + 2")));
        Assert.Equal(P("y*z + 1"), PolynomialGcd.Gcd(P("x*y*z + x + y*z + 1"), P("y^2*z^2 - 1")));
    }

    [Fact]
    public void GcdRespectsTheBudget()
    {
        var a = P("x^9*y^7 + 3*x^5*z^4 - 7*y^3*z^8 + x*y*z + 5").Pow(3);
        var b = P("x^8*z^6 - 2*y^9*x^2 + z^5 + x^3*y^3*z^3 - 1").Pow(3);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Throws<BudgetExceededException>(() => PolynomialGcd.Gcd(a * b, b * a.Pow(2), new Budget(TimeSpan.FromMilliseconds(30))));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void RationalFunctionsAreInLowestTermsAndKeepTheirValue()
    {
        Gen.Select(GenPoly, GenNonZero, GenNonZero, GenPoint).Sample((n, d, c, x) =>
        {
            var r = RationalFunction.Create(n * c, d * c);
            Assert.True(PolynomialGcd.Gcd(r.Numerator, r.Denominator).IsConstant);
            Assert.True(r.Denominator.LeadingCoefficient.Sign > 0);
            Assert.True(r.IsPolynomial ? r.Denominator.Equals(Polynomial.One(N)) : r.Denominator.HasIntegerCoefficients && r.Numerator.HasIntegerCoefficients);
            var dx = d.Evaluate(x) * c.Evaluate(x);
            if (!dx.IsZero && !r.Denominator.Evaluate(x).IsZero)
                Assert.Equal(n.Evaluate(x) / d.Evaluate(x), r.Numerator.Evaluate(x) / r.Denominator.Evaluate(x));
        }, iter: 1500);
    }

    [Fact]
    public void RationalArithmeticAgreesWithValues()
    {
        var genR = Gen.Select(GenPoly, GenNonZero).Select(t => RationalFunction.Create(t.Item1, t.Item2));
        Gen.Select(genR, genR, GenPoint).Sample((a, b, x) =>
        {
            static Rational? V(RationalFunction r, Rational[] x)
            {
                var d = r.Denominator.Evaluate(x);
                return d.IsZero ? null : r.Numerator.Evaluate(x) / d;
            }
            var (va, vb) = (V(a, x), V(b, x));
            if (va is null || vb is null) return;
            var sum = a + b;
            var prod = a * b;
            Assert.Equal(va.Value + vb.Value, V(sum, x) ?? va.Value + vb.Value);
            Assert.Equal(va.Value * vb.Value, V(prod, x) ?? va.Value * vb.Value);
            // canonical: the same function built two ways is the same pair
            Assert.Equal(sum, RationalFunction.Create(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator));
            Assert.Equal(prod, RationalFunction.Create(a.Numerator * b.Numerator, a.Denominator * b.Denominator));
        }, iter: 1500);
    }

    [Fact]
    public void LectureExampleGradientNormalizes()
    {
        // d/dx of x*y^3/(x^2+y^2) = y^3/(x^2+y^2) - 2*x^2*y^3/(x^2+y^2)^2
        var den = P("x^2 + y^2");
        var one = RationalFunction.Create(P("y^3"), den);
        var two = RationalFunction.Create(P("2*x^2*y^3"), den.Pow(2));
        var r = one - two;
        Assert.Equal(P("y^5 - x^2*y^3"), r.Numerator);
        Assert.Equal(den.Pow(2), r.Denominator);
        var sf = SquareFree.Decompose(r.Denominator);
        Assert.Single(sf.Factors);
        Assert.Equal((den, 2), sf.Factors[0]);
    }

    [Fact]
    public void SquareFreeDecompositionMultipliesBack()
    {
        Gen.Select(GenNonZero, GenNonZero, Gen.Int[1, 3]).Sample((a, b, k) =>
        {
            var p = a * b.Pow(k);
            var f = SquareFree.Decompose(p);
            Assert.Equal(p, f.Expand(N));
            foreach (var (factor, _) in f.Factors)
            {
                Assert.False(factor.IsConstant);
                for (int v = 0; v < N; v++)
                    if (factor.Contains(v))
                        Assert.True(PolynomialGcd.Gcd(factor, factor.Derivative(v)).IsConstant || !PolynomialGcd.ContentIn(factor, v).IsConstant);
            }
        }, iter: 500);
    }

    [Fact]
    public void MonomialContentAndPrimitivePart()
    {
        var p = P("6*x^3*y^2 + 9*x*y^4");
        Assert.Equal(new[] { 1, 2, 0 }, p.MonomialContent());
        Assert.Equal(P("2*x^2 + 3*y^2"), p.DivideByMonomial(p.MonomialContent()).PrimitivePart());
        Assert.Equal((Rational)3, p.RationalContent());
        Assert.Equal(P("x - 2"), (-P("x") + Polynomial.Constant(N, 2)).PrimitivePart());
    }

    [Fact]
    public void RationalIsExact()
    {
        Gen.Double[-1e6, 1e6].Sample(d => Assert.Equal(d, Rational.FromDouble(d).ToDouble()), iter: 2000);
        Assert.Equal(new Rational(1, 3), new Rational(2, 6));
        Assert.Equal(new Rational(-1, 3), new Rational(2, -6));
        Assert.Equal("-1/3", new Rational(2, -6).ToString());
        Assert.Equal(0.1, new Rational(1, 10).ToDouble());
        Assert.True(new Rational(1, 3) < new Rational(1, 2));
        Assert.Equal(Rational.Zero, default(Rational));
        Assert.Equal(Rational.One, default(Rational) + 1);
    }
}
