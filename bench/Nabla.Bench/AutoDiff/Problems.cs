using Nabla.AutoDiff;

namespace Nabla.Bench.AutoDiff;

// Each problem written once over IScalar<T> (what a user writes), next to the hand-written double
// code of f and its analytic gradient (the practical limit every ratio is measured against).

public readonly struct RosenbrockF : IScalarFunction
{
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T>
        => T.Constant(100) * T.Square(x[1] - x[0] * x[0]) + T.Square(T.One - x[0]);

    public static double F(ReadOnlySpan<double> x)
    {
        double a = x[1] - x[0] * x[0], b = 1 - x[0];
        return 100 * a * a + b * b;
    }

    public static double Gradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double a = x[1] - x[0] * x[0], b = 1 - x[0];
        g[0] = -400 * x[0] * a - 2 * b;
        g[1] = 200 * a;
        return 100 * a * a + b * b;
    }
}

public readonly struct HelicalValleyF : IScalarFunction
{
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T>
    {
        var theta = T.Atan(x[1] / x[0]) * T.Constant(1 / (2 * Math.PI));
        if (x[0] < T.Zero) theta += T.Constant(0.5);
        var a = x[2] - T.Constant(10) * theta;
        var r = T.Sqrt(x[0] * x[0] + x[1] * x[1]) - T.One;
        return T.Constant(100) * (a * a + r * r) + x[2] * x[2];
    }

    public static double F(ReadOnlySpan<double> x)
    {
        double theta = Math.Atan(x[1] / x[0]) * (1 / (2 * Math.PI));
        if (x[0] < 0) theta += 0.5;
        double a = x[2] - 10 * theta, r = Math.Sqrt(x[0] * x[0] + x[1] * x[1]) - 1;
        return 100 * (a * a + r * r) + x[2] * x[2];
    }

    public static double Gradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double r2 = x[0] * x[0] + x[1] * x[1], rho = Math.Sqrt(r2);
        double theta = Math.Atan(x[1] / x[0]) * (1 / (2 * Math.PI));
        if (x[0] < 0) theta += 0.5;
        double a = x[2] - 10 * theta, r = rho - 1;
        double k = 200 * a * -10 / (2 * Math.PI * r2);
        g[0] = k * -x[1] + 200 * r * x[0] / rho;
        g[1] = k * x[0] + 200 * r * x[1] / rho;
        g[2] = 200 * a + 2 * x[2];
        return 100 * (a * a + r * r) + x[2] * x[2];
    }
}

public readonly struct WoodF : IScalarFunction
{
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T>
    {
        var a = x[1] - x[0] * x[0];
        var b = T.One - x[0];
        var c = x[3] - x[2] * x[2];
        var d = T.One - x[2];
        var e = x[1] - T.One;
        var f = x[3] - T.One;
        return T.Constant(100) * a * a + b * b + T.Constant(90) * c * c + d * d + T.Constant(10.1) * (e * e + f * f) + T.Constant(19.8) * e * f;
    }

    public static double F(ReadOnlySpan<double> x)
    {
        double a = x[1] - x[0] * x[0], b = 1 - x[0], c = x[3] - x[2] * x[2], d = 1 - x[2], e = x[1] - 1, f = x[3] - 1;
        return 100 * a * a + b * b + 90 * c * c + d * d + 10.1 * (e * e + f * f) + 19.8 * e * f;
    }

    public static double Gradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double a = x[1] - x[0] * x[0], b = 1 - x[0], c = x[3] - x[2] * x[2], d = 1 - x[2], e = x[1] - 1, f = x[3] - 1;
        g[0] = -400 * x[0] * a - 2 * b;
        g[1] = 200 * a + 20.2 * e + 19.8 * f;
        g[2] = -360 * x[2] * c - 2 * d;
        g[3] = 180 * c + 20.2 * f + 19.8 * e;
        return 100 * a * a + b * b + 90 * c * c + d * d + 10.1 * (e * e + f * f) + 19.8 * e * f;
    }
}

public readonly struct ExtendedRosenbrockF : IScalarFunction
{
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T>
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

    public static double F(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i + 1 < x.Length; i += 2)
        {
            double a = 10 * (x[i + 1] - x[i] * x[i]), b = 1 - x[i];
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

    /// <summary>Hand-written H·v (the Hessian is block diagonal with 2×2 blocks).</summary>
    public static void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv)
    {
        for (int i = 0; i + 1 < x.Length; i += 2)
        {
            double h11 = 1200 * x[i] * x[i] - 400 * x[i + 1] + 2, h12 = -400 * x[i];
            hv[i] = h11 * v[i] + h12 * v[i + 1];
            hv[i + 1] = h12 * v[i] + 200 * v[i + 1];
        }
    }
}

/// <summary>The same function as a partially separable sum (the vectorized fast path).</summary>
public readonly struct ExtendedRosenbrockElement : IElementFunction
{
    public int Arity => 2;
    public int Stride => 2;
    public int ElementCount(int n) => n / 2;
    public int Index(int element, int slot, int n) => 2 * element + slot;
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T>
    {
        var a = T.Constant(10) * (x[1] - x[0] * x[0]);
        var b = T.One - x[0];
        return a * a + b * b;
    }
}
