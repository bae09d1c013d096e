using System.Numerics;

namespace Nabla.Symbolic;

/// <summary>
/// The function table: every elementary function Nabla knows, each declared once, here. Adding a
/// function means adding one class below and one line in <see cref="All"/>; the parser, the
/// printers, differentiation, evaluation, the compiler and the generic evaluation pick it up.
/// </summary>
public static class Functions
{
    public static readonly Function Sin = new SinF(), Cos = new CosF(), Tan = new TanF(),
        Asin = new AsinF(), Acos = new AcosF(), Atan = new AtanF(), Atan2 = new Atan2F(),
        Sinh = new SinhF(), Cosh = new CoshF(), Tanh = new TanhF(), Exp = new ExpF(), Log = new LogF(),
        Sqrt = new SqrtF(), Cbrt = new CbrtF(), Abs = new AbsF(), Sign = new SignF(), Pow = new PowF(),
        Min = new MinF(), Max = new MaxF(), Sigmoid = new SigmoidF(), Softplus = new SoftplusF(), Relu = new ReluF();

    public static IReadOnlyList<Function> All { get; } =
        [Sin, Cos, Tan, Asin, Acos, Atan, Atan2, Sinh, Cosh, Tanh, Exp, Log, Sqrt, Cbrt, Abs, Sign, Pow, Min, Max, Sigmoid, Softplus, Relu];

    private static readonly Dictionary<string, Function> byName = All.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The function with this name, or null.</summary>
    public static Function? Find(string name) => byName.GetValueOrDefault(name);

    private static bool Is(ReadOnlySpan<Expr> a, int v) => a[0].IsNumber && a[0].Value == v;
    private static Expr X(ReadOnlySpan<Expr> a) => a[0];
    private static readonly Expr Half = Expr.Number(new Rational(1, 2));

    private sealed class SinF() : Function("sin", 1, true, @"\sin")
    {
        public static double F(double x) => Math.Sin(x);
        public override double Evaluate(double a, double b) => F(a);
        public override T Apply<T>(T a, T b) => T.Sin(a);
        public override Expr Partial(int i, ReadOnlySpan<Expr> a) => Expr.Cos(X(a));
        public override Expr? Fold(ReadOnlySpan<Expr> a) => Is(a, 0) ? Expr.Zero : null;
    }
    private sealed class CosF() : Function("cos", 1, true, @"\cos")
    {
        public static double F(double x) => Math.Cos(x);
        public override double Evaluate(double a, double b) => F(a);
        public override T Apply<T>(T a, T b) => T.Cos(a);
        public override Expr Partial(int i, ReadOnlySpan<Expr> a) => -Expr.Sin(X(a));
        public override Expr? Fold(ReadOnlySpan<Expr> a) => Is(a, 0) ? Expr.One : null;
    }
    private sealed class TanF() : Function("tan", 1, false, @"\tan")
    {
        public static double F(double x) => Math.Tan(x);
        public override double Evaluate(double a, double b) => F(a);
        public override T Apply<T>(T a, T b) => T.Tan(a);
        public override Expr Partial(int i, ReadOnlySpan<Expr> a) => Expr.One + Expr.Pow(Expr.Tan(X(a)), 2);
        public override Expr? Fold(ReadOnlySpan<Expr> a) => Is(a, 0) ? Expr.Zero : null;
    }
    private sealed class AsinF() : Function("asin", 1, false, @"\arcsin")
    {
        public static double F(double x) => Math.Asin(x);
        public override double Evaluate(double a, double b) => F(a);
        public override T Apply<T>(T a, T b) => T.Asin(a);
        public override Expr Partial(int i, ReadOnlySpan<Expr> a) => Expr.Pow(Expr.Sqrt(Expr.One - Expr.Pow(X(a), 2)), -1);
        public override Expr? Fold(ReadOnlySpan<Expr> a) => Is(a, 0) ? Expr.Zero : null;
    }
    private sealed class AcosF() : Function("acos", 1, false, @"\arccos")
    {
        public static double F(double x) => Math.Acos(x);
        public override double Evaluate(double a, double b) => F(a);
        public override T Apply<T>(T a, T b) => T.Acos(a);
        public override Expr Partial(int i, ReadOnlySpan<Expr> a) => -Expr.Pow(Expr.Sqrt(Expr.One - Expr.Pow(X(a), 2)), -1);
        public override Expr? Fold(ReadOnlySpan<Expr> a) => Is(a, 1) ? Expr.Zero : null;
    }
    private sealed class AtanF() : Function("atan", 1, true, @"\arctan")
    {
        public static double F(double x) => Math.Atan(x);
        public override double Evaluate(double a, double b) => F(a);
        public override T Apply<T>(T a, T b) => T.Atan(a);
        public override Expr Partial(int i, ReadOnlySpan<Expr> a) => Expr.Pow(Expr.One + Expr.Pow(X(a), 2), -1);
        public override Expr? Fold(ReadOnlySpan<Expr> a) => Is(a, 0) ? Expr.Zero : null;
    }
    private sealed class Atan2F() : Function("atan2", 2, false, @"\operatorname{atan2}")
    {
        /// <summary>atan2(y, x); undefined (NaN) at the origin.</summary>
        public static double F(double y, double x) => y == 0 && x == 0 ? double.NaN : Math.Atan2(y, x);
        public override double Evaluate(double a, double b) => F(a, b);
        public override T Apply<T>(T a, T b) => T.Atan2(a, b);
        public override Expr Partial(int i, ReadOnlySpan<Expr> a)
        {
            var r2 = Expr.Pow(a[0], 2) + Expr.Pow(a[1], 2);
            return i == 0 ? a[1] / r2 : -a[0] / r2;
        }
    }
    private sealed class SinhF() : Function("sinh", 1, true, @"\sinh")
    {
        public static double F(double x) => Math.Sinh(x);
        public override double Evaluate(double a, double b) => F(a);
        public override T Apply<T>(T a, T b) => T.Sinh(a);
        public override Expr Partial(int i, ReadOnlySpan<Expr> a) => Expr.Cosh(X(a));
        public override Expr? Fold(ReadOnlySpan<Expr> a) => Is(a, 0) ? Expr.Zero : null;
    }
    private sealed class CoshF() : Function("cosh", 1, true, @"\cosh")
    {
        public static double F(double x) => Math.Cosh(x);
        public override double Evaluate(double a, double b) => F(a);
        public override T Apply<T>(T a, T b) => T.Cosh(a);
        public override Expr Partial(int i, ReadOnlySpan<Expr> a) => Expr.Sinh(X(a));
        public override Expr? Fold(ReadOnlySpan<Expr> a) => Is(a, 0) ? Expr.One : null;
    }
    private sealed class TanhF() : Function("tanh", 1, true, @"\tanh")
    {
        public static double F(double x) => Math.Tanh(x);
        public override double Evaluate(double a, double b) => F(a);
        public override T Apply<T>(T a, T b) => T.Tanh(a);
        public override Expr Partial(int i, ReadOnlySpan<Expr> a) => Expr.One - Expr.Pow(Expr.Tanh(X(a)), 2);
        public override Expr? Fold(ReadOnlySpan<Expr> a) => Is(a, 0) ? Expr.Zero : null;
    }
    private sealed class ExpF() : Function("exp", 1, true, @"\exp")
    {
        public static double F(double x) => Math.Exp(x);
        public override double Evaluate(double a, double b) => F(a);
        public override T Apply<T>(T a, T b) => T.Exp(a);
        public override Expr Partial(int i, ReadOnlySpan<Expr> a) => Expr.Exp(X(a));
        public override Expr? Fold(ReadOnlySpan<Expr> a) => Is(a, 0) ? Expr.One : null;
    }
    private sealed class LogF() : Function("log", 1, false, @"\log")
    {
        public static double F(double x) => Math.Log(x);
        public override double Evaluate(double a, double b) => F(a);
        public override T Apply<T>(T a, T b) => T.Log(a);
        public override Expr Partial(int i, ReadOnlySpan<Expr> a) => Expr.Pow(X(a), -1);
        public override Expr? Fold(ReadOnlySpan<Expr> a) =>
            Is(a, 1) ? Expr.Zero : a[0] == Expr.E ? Expr.One : null;
    }
    private sealed class SqrtF() : Function("sqrt", 1, false, @"\sqrt")
    {
        public static double F(double x) => Math.Sqrt(x);
        public override double Evaluate(double a, double b) => F(a);
        public override T Apply<T>(T a, T b) => T.Sqrt(a);
        public override Expr Partial(int i, ReadOnlySpan<Expr> a) => Half * Expr.Pow(Expr.Sqrt(X(a)), -1);
        public override Expr? Fold(ReadOnlySpan<Expr> a) => ExactRoot(a[0], 2);
    }
    private sealed class CbrtF() : Function("cbrt", 1, true, @"\sqrt[3]")
    {
        public static double F(double x) => Math.Cbrt(x);
        public override double Evaluate(double a, double b) => F(a);
        public override T Apply<T>(T a, T b) => T.Cbrt(a);
        // Not differentiable at 0 (vertical tangent): the rule holds away from it.
        public override Expr Partial(int i, ReadOnlySpan<Expr> a) => Expr.Number(new Rational(1, 3)) * Expr.Pow(Expr.Cbrt(X(a)), -2);
        public override Expr? Fold(ReadOnlySpan<Expr> a) => ExactRoot(a[0], 3);
    }
    private sealed class AbsF() : Function("abs", 1, true, @"\left|")
    {
        public static double F(double x) => Math.Abs(x);
        public override double Evaluate(double a, double b) => F(a);
        public override T Apply<T>(T a, T b) => T.Abs(a);
        public override Expr Partial(int i, ReadOnlySpan<Expr> a) => Expr.Sign(X(a));   // away from 0
        public override Expr? Fold(ReadOnlySpan<Expr> a) => a[0].IsNumber ? Expr.Number(a[0].Value.Abs()) : null;
    }
    private sealed class SignF() : Function("sign", 1, true, @"\operatorname{sign}")
    {
        public static double F(double x) => double.IsNaN(x) ? double.NaN : Math.Sign(x);
        public override double Evaluate(double a, double b) => F(a);
        public override T Apply<T>(T a, T b) => T.Sign(a);
        public override Expr Partial(int i, ReadOnlySpan<Expr> a) => Expr.Zero;       // away from 0
        public override Expr? Fold(ReadOnlySpan<Expr> a) => a[0].IsNumber ? Expr.Number(a[0].Value.Sign) : null;
    }
    private sealed class PowF() : Function("pow", 2, false, @"\operatorname{pow}")
    {
        public static double F(double x, double y) => Ops.Pow(x, y);
        public override double Evaluate(double a, double b) => F(a, b);
        public override T Apply<T>(T a, T b) => T.Pow(a, b);
        public override Expr Partial(int i, ReadOnlySpan<Expr> a) =>
            i == 0 ? a[1] * Expr.Pow(a[0], a[1] - 1) : Expr.Pow(a[0], a[1]) * Expr.Log(a[0]);
        // pow(a, b) is built as the power node a^b: one canonical form.
        public override Expr? Fold(ReadOnlySpan<Expr> a) => Expr.Pow(a[0], a[1]);
    }
    private sealed class MinF() : Function("min", 2, true, @"\min")
    {
        public static double F(double x, double y) => Math.Min(x, y);
        public override double Evaluate(double a, double b) => F(a, b);
        public override T Apply<T>(T a, T b) => T.Min(a, b);
        // Away from the kink a = b.
        public override Expr Partial(int i, ReadOnlySpan<Expr> a) =>
            Expr.If(Expr.Compare(CompareOp.Less, a[0], a[1]), i == 0 ? Expr.One : Expr.Zero, i == 0 ? Expr.Zero : Expr.One);
        public override Expr? Fold(ReadOnlySpan<Expr> a) =>
            a[0] == a[1] ? a[0] : a[0].IsNumber && a[1].IsNumber ? (a[0].Value <= a[1].Value ? a[0] : a[1]) : null;
    }
    private sealed class MaxF() : Function("max", 2, true, @"\max")
    {
        public static double F(double x, double y) => Math.Max(x, y);
        public override double Evaluate(double a, double b) => F(a, b);
        public override T Apply<T>(T a, T b) => T.Max(a, b);
        public override Expr Partial(int i, ReadOnlySpan<Expr> a) =>
            Expr.If(Expr.Compare(CompareOp.Greater, a[0], a[1]), i == 0 ? Expr.One : Expr.Zero, i == 0 ? Expr.Zero : Expr.One);
        public override Expr? Fold(ReadOnlySpan<Expr> a) =>
            a[0] == a[1] ? a[0] : a[0].IsNumber && a[1].IsNumber ? (a[0].Value >= a[1].Value ? a[0] : a[1]) : null;
    }
    private sealed class SigmoidF() : Function("sigmoid", 1, true, @"\sigma")
    {
        public static double F(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));
        public override double Evaluate(double a, double b) => F(a);
        public override T Apply<T>(T a, T b) => T.Sigmoid(a);
        public override Expr Partial(int i, ReadOnlySpan<Expr> a)
        {
            var s = Expr.Sigmoid(X(a));
            return s * (Expr.One - s);
        }
        public override Expr? Fold(ReadOnlySpan<Expr> a) => Is(a, 0) ? Half : null;
    }
    private sealed class SoftplusF() : Function("softplus", 1, true, @"\operatorname{softplus}")
    {
        public static double F(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));
        public override double Evaluate(double a, double b) => F(a);
        public override T Apply<T>(T a, T b) => T.Softplus(a);
        public override Expr Partial(int i, ReadOnlySpan<Expr> a) => Expr.Sigmoid(X(a));
    }
    private sealed class ReluF() : Function("relu", 1, true, @"\operatorname{relu}")
    {
        public static double F(double x) => double.IsNaN(x) ? double.NaN : Math.Max(x, 0);
        public override double Evaluate(double a, double b) => F(a);
        public override T Apply<T>(T a, T b) => T.Relu(a);
        public override Expr Partial(int i, ReadOnlySpan<Expr> a) =>                  // away from 0
            Expr.If(Expr.Compare(CompareOp.Greater, X(a), Expr.Zero), Expr.One, Expr.Zero);
        public override Expr? Fold(ReadOnlySpan<Expr> a) => a[0].IsNumber ? Expr.Number(a[0].Value.Sign > 0 ? a[0].Value : Rational.Zero) : null;
    }

    /// <summary>Exact k-th root of a nonnegative rational whose numerator and denominator are perfect powers.</summary>
    private static Expr? ExactRoot(Expr a, int k)
    {
        if (!a.IsNumber) return null;
        var r = a.Value;
        if (r.Sign < 0 && k % 2 == 0) return null;
        var n = IntRoot(BigInteger.Abs(r.Numerator), k);
        var d = IntRoot(r.Denominator, k);
        if (n is null || d is null) return null;
        return Expr.Number(new Rational(r.Sign < 0 ? -n.Value : n.Value, d.Value));
    }

    private static BigInteger? IntRoot(BigInteger v, int k)
    {
        if (v <= BigInteger.One) return v;
        if (v.GetBitLength() > 2000) return null;
        // Integer Newton from above, x ← ((k−1)x + v / x^(k−1)) / k, decreases to ⌊v^(1/k)⌋. (A
        // double estimate overflows past 2¹⁰²⁴ and is not exact past 2⁵³.)
        var x = BigInteger.One << (int)((v.GetBitLength() + k - 1) / k);
        while (true)
        {
            var next = ((k - 1) * x + v / BigInteger.Pow(x, k - 1)) / k;
            if (next >= x) break;
            x = next;
        }
        return BigInteger.Pow(x, k) == v ? x : null;
    }
}
