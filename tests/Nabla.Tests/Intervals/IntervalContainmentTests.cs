using CsCheck;

using Nabla.Intervals;

namespace Nabla.Tests.Intervals;

/// <summary>
/// The containment property, for every operation: for random intervals X (wide and narrow, at
/// many scales) and random points x in X, f(x) computed in doubles lies in F(X). A point where
/// f is undefined (NaN) is skipped; infinite values must be matched by an unbounded enclosure.
/// </summary>
public class IntervalContainmentTests
{
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("NABLA_ITER"), out var n) ? n : 4_000;

    /// <summary>An interval around a random centre with a width from 1e-9 to 2·range, and a point in it.</summary>
    internal static Gen<(Interval X, double P)> IntervalWithPoint(double range) =>
        Gen.Select(Gen.Double[-range, range], Gen.Double[-9, Math.Log10(2 * range)], Gen.Double[0, 1], Gen.Int[0, 9],
            (c, logWidth, t, kind) =>
            {
                double w = Math.Pow(10, logWidth);
                double lo = c - w / 2, hi = c + w / 2;
                if (kind == 0) { lo = c; hi = c; }             // degenerate
                if (kind == 1) { lo = Math.Min(0, c); hi = Math.Max(0, c); } // touches 0
                if (kind == 2) { lo = Math.Round(lo); hi = Math.Max(lo, Math.Round(hi)); } // integer endpoints
                double p = t switch { < 0.05 => lo, > 0.95 => hi, _ => Math.Clamp(lo + t * (hi - lo), lo, hi) };
                return (new Interval(lo, hi), p);
            });

    /// <summary>
    /// y in Y; an infinite y (overflow, or a pole such as 1/0 where no real value exists) needs Y
    /// unbounded on that side (overflow), or Y flagged (a pole: the operation is undefined there).
    /// </summary>
    internal static bool Encloses(Interval Y, double y) =>
        Y.Contains(y)
        || (double.IsInfinity(y) && Y.PossiblyDiscontinuous) // a pole: no real value there (and ±0 picks the sign)
        || (double.IsPositiveInfinity(y) && double.IsPositiveInfinity(Y.Hi))
        || (double.IsNegativeInfinity(y) && double.IsNegativeInfinity(Y.Lo));

    private static void CheckUnary(Func<Interval, Interval> F, Func<double, double> f, double range)
    {
        IntervalWithPoint(range).Sample((x, p) =>
        {
            double y = f(p);
            if (double.IsNaN(y)) return;
            var Y = F(x);
            Assert.True(Encloses(Y, y), $"f({p:R}) = {y:R} not in F({x}) = {Y}");
        }, iter: Iterations);
    }

    private static void CheckBinary(Func<Interval, Interval, Interval> F, Func<double, double, double> f, double range)
    {
        Gen.Select(IntervalWithPoint(range), IntervalWithPoint(range)).Sample((a, b) =>
        {
            double y = f(a.P, b.P);
            if (double.IsNaN(y)) return;
            var Y = F(a.X, b.X);
            Assert.True(Encloses(Y, y), $"f({a.P:R}, {b.P:R}) = {y:R} not in F({a.X}, {b.X}) = {Y}");
        }, iter: Iterations);
    }

    private static T Sigmoid<T>(T x) where T : IScalar<T> => T.Sigmoid(x);
    private static T Softplus<T>(T x) where T : IScalar<T> => T.Softplus(x);

    public static TheoryData<string> UnaryNames => new(Unary.Keys);
    public static TheoryData<string> BinaryNames => new(Binary.Keys);

    private static readonly Dictionary<string, (Func<Interval, Interval> F, Func<double, double> f, double Range)> Unary = new()
    {
        ["neg"] = (x => -x, x => -x, 1e3),
        ["sin"] = (Interval.Sin, Math.Sin, 20),
        ["sin-wide"] = (Interval.Sin, Math.Sin, 1e4),
        ["cos"] = (Interval.Cos, Math.Cos, 20),
        ["cos-wide"] = (Interval.Cos, Math.Cos, 1e4),
        ["tan"] = (Interval.Tan, Math.Tan, 10),
        ["asin"] = (Interval.Asin, Math.Asin, 1.5),
        ["acos"] = (Interval.Acos, Math.Acos, 1.5),
        ["atan"] = (Interval.Atan, Math.Atan, 50),
        ["sinh"] = (Interval.Sinh, Math.Sinh, 20),
        ["cosh"] = (Interval.Cosh, Math.Cosh, 20),
        ["tanh"] = (Interval.Tanh, Math.Tanh, 20),
        ["exp"] = (Interval.Exp, Math.Exp, 50),
        ["log"] = (Interval.Log, Math.Log, 20),
        ["log-small"] = (Interval.Log, Math.Log, 1e-3),
        ["sqrt"] = (Interval.Sqrt, Math.Sqrt, 20),
        ["cbrt"] = (Interval.Cbrt, Math.Cbrt, 20),
        ["abs"] = (Interval.Abs, Math.Abs, 20),
        ["sign"] = (Interval.Sign, x => Math.Sign(x), 2),
        ["square"] = (Interval.Square, x => x * x, 20),
        ["sigmoid"] = (Interval.Sigmoid, x => Sigmoid<Real>(x).Value, 40),
        ["softplus"] = (Interval.Softplus, x => Softplus<Real>(x).Value, 40),
        ["relu"] = (Interval.Relu, x => Math.Max(x, 0), 5),
        ["pow2"] = (x => Interval.Pow(x, 2), x => Math.Pow(x, 2), 10),
        ["pow3"] = (x => Interval.Pow(x, 3), x => Math.Pow(x, 3), 10),
        ["pow4"] = (x => Interval.Pow(x, 4), x => Math.Pow(x, 4), 10),
        ["pow7"] = (x => Interval.Pow(x, 7), x => Math.Pow(x, 7), 10),
        ["pow-1"] = (x => Interval.Pow(x, -1), x => Math.Pow(x, -1), 10),
        ["pow-2"] = (x => Interval.Pow(x, -2), x => Math.Pow(x, -2), 10),
        ["pow-3"] = (x => Interval.Pow(x, -3), x => Math.Pow(x, -3), 10),
        ["pow0"] = (x => Interval.Pow(x, 0), x => Math.Pow(x, 0), 10),
        ["pow-real-half"] = (x => Interval.Pow(x, Interval.Constant(0.5)), x => Math.Pow(x, 0.5), 10),
        ["pow-real-int-2"] = (x => Interval.Pow(x, Interval.Constant(2)), x => Math.Pow(x, 2), 10),
    };

    private static readonly Dictionary<string, (Func<Interval, Interval, Interval> F, Func<double, double, double> f, double Range)> Binary = new()
    {
        ["add"] = ((a, b) => a + b, (a, b) => a + b, 1e6),
        ["sub"] = ((a, b) => a - b, (a, b) => a - b, 1e6),
        ["mul"] = ((a, b) => a * b, (a, b) => a * b, 1e3),
        ["div"] = ((a, b) => a / b, (a, b) => a / b, 10),
        ["atan2"] = (Interval.Atan2, Math.Atan2, 5),
        ["pow"] = (Interval.Pow, Math.Pow, 4),
        ["min"] = (Interval.Min, Math.Min, 10),
        ["max"] = (Interval.Max, Math.Max, 10),
    };

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void UnaryFunctionsContainPointValues(string name)
    {
        var (F, f, range) = Unary[name];
        CheckUnary(F, f, range);
    }

    [Theory]
    [MemberData(nameof(BinaryNames))]
    public void BinaryOperationsContainPointValues(string name)
    {
        var (F, f, range) = Binary[name];
        CheckBinary(F, f, range);
    }

    [Fact]
    public void IntegerPowersOfAllOrdersContainPointValues()
    {
        Gen.Select(IntervalWithPoint(3), Gen.Int[-12, 12]).Sample((xp, n) =>
        {
            double y = Math.Pow(xp.P, n);
            if (double.IsNaN(y) || double.IsInfinity(y)) return;
            Assert.True(Interval.Pow(xp.X, n).Contains(y), $"{xp.P}^{n} = {y} not in {Interval.Pow(xp.X, n)}");
        }, iter: Iterations);
    }

    [Fact]
    public void GenericCodeOverIntervalsEnclosesRealEvaluation()
    {
        // A composite function written once over IScalar<T>: the interval run must enclose the double run.
        static T F<T>(T x, T y) where T : IScalar<T> =>
            T.Sin(x * y) + T.Exp(-T.Square(x)) * T.Cos(y) - T.Sqrt(T.Abs(x) + T.One) / (T.Constant(3) + T.Tanh(y));
        Gen.Select(IntervalWithPoint(3), IntervalWithPoint(3)).Sample((a, b) =>
        {
            double y = F<Real>(a.P, b.P).Value;
            Assert.True(F(a.X, b.X).Contains(y));
        }, iter: Iterations);
    }
}
