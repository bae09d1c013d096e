namespace Nabla.Tests.AutoDiff;

internal struct Rosenbrock : IScalarFunction
{
    public readonly T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T>
        => T.Constant(100) * T.Square(x[1] - x[0] * x[0]) + T.Square(T.One - x[0]);

    public static void Gradient(ReadOnlySpan<double> x, Span<double> g)
    {
        g[0] = -400 * x[0] * (x[1] - x[0] * x[0]) - 2 * (1 - x[0]);
        g[1] = 200 * (x[1] - x[0] * x[0]);
    }

    public static void Hessian(ReadOnlySpan<double> x, Span<double> h)
    {
        h[0] = 1200 * x[0] * x[0] - 400 * x[1] + 2;
        h[1] = h[2] = -400 * x[0];
        h[3] = 200;
    }
}

internal struct ExtendedRosenbrock : IScalarFunction
{
    public readonly T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T>
    {
        var s = T.Zero;
        for (int i = 0; i + 1 < x.Length; i += 2)
        {
            var a = T.Constant(10) * (x[i + 1] - x[i] * x[i]);
            var b = T.One - x[i];
            s += a * a + b * b;
        }
        return s;
    }

    public static double Gradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double s = 0;
        for (int i = 0; i + 1 < x.Length; i += 2)
        {
            double a = 10 * (x[i + 1] - x[i] * x[i]), b = 1 - x[i];
            s += a * a + b * b;
            g[i] = -40 * x[i] * a - 2 * b;
            g[i + 1] = 20 * a;
        }
        return s;
    }
}

/// <summary>Uses every elementary function, so each mode's rules are exercised.</summary>
internal struct Everything(bool kinks = true) : IScalarFunction
{
    public Everything() : this(true) { }

    public readonly T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T>
    {
        T a = x[0], b = x[1], c = x[2];
        var u = T.Sin(a) * T.Cos(b) + T.Tan(a * T.Constant(0.3)) + T.Asin(a * T.Constant(0.2)) + T.Acos(b * T.Constant(0.2));
        var v = T.Atan(c) + T.Atan2(a, T.Constant(2) + b * b) + T.Sinh(a * T.Constant(0.5)) * T.Cosh(c * T.Constant(0.3)) + T.Tanh(b);
        var w = T.Exp(a * T.Constant(0.3)) + T.Log(T.Constant(3) + c) + T.Sqrt(T.Constant(4) + a * b) + T.Cbrt(T.Constant(5) + c);
        var z = T.Abs(a - T.Constant(7)) + T.Pow(T.Constant(2) + c * c, b) + T.Pow(a, 3) + (kinks ? T.Min(a, b + T.Constant(0.37)) * T.Max(b, c - T.Constant(0.41)) : a * b) + T.Sigmoid(a * b) + T.Softplus(c) + T.Square(a + c) + T.Pow(T.Constant(1.5) + b * b, -2);
        return u * v + w * z + T.Sign(T.Constant(3) - a) * a;
    }
}

/// <summary>The Helical valley residuals as a vector function (m = n = 3) and a wide one (m = 2, n = 12).</summary>
internal struct Wide : IVectorFunction
{
    public readonly int OutputLength(int inputLength) => 2;
    public readonly void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T>
    {
        var s = T.Zero;
        var p = T.One;
        for (int i = 0; i < x.Length; i++) { s += T.Sin(x[i]) * T.Constant(i + 1); p *= T.One + x[i] * x[i] * T.Constant(0.1); }
        y[0] = s;
        y[1] = T.Log(p);
    }
}

internal static class Numeric
{
    /// <summary>Central differences with Richardson extrapolation (error O(h^6)).</summary>
    public static double Partial<TF>(TF f, double[] x, int i) where TF : IScalarFunction
    {
        double D(double h)
        {
            var p = (double[])x.Clone();
            var q = (double[])x.Clone();
            p[i] += h; q[i] -= h;
            return (f.Evaluate(Real.View(p)).V - f.Evaluate(Real.View(q)).V) / (2 * h);
        }
        double h0 = 2e-3 * Math.Max(0.01, Math.Abs(x[i]));
        double d1 = D(h0), d2 = D(h0 / 2), d3 = D(h0 / 4);
        double r1 = (4 * d2 - d1) / 3, r2 = (4 * d3 - d2) / 3;
        return (16 * r2 - r1) / 15;
    }

    public static void Close(double expected, double actual, double rel, string what = "")
    {
        double tol = rel * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tol, $"{what}: expected {expected:R}, got {actual:R}");
    }
}
