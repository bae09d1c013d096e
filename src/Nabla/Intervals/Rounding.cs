using System.Runtime.CompilerServices;

namespace Nabla.Intervals;

/// <summary>
/// Directed rounding without switching the FPU mode: the result of an operation rounded to
/// nearest is moved one ulp outward only when an error-free transformation (TwoSum, FMA
/// residual) shows it is inexact in the wrong direction, so exact results stay exact
/// ([2,3]*[4,5] is exactly [8,15]). Library functions (sin, exp...) that are not correctly
/// rounded are widened by a few ulps instead.
/// </summary>
internal static class Rounding
{
    // Below this magnitude an FMA residual may itself underflow and lose its sign: widen blindly.
    private const double Tiny = 1e-280;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Down(double x) => double.IsNegativeInfinity(x) || double.IsNaN(x) ? x : Math.BitDecrement(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Up(double x) => double.IsPositiveInfinity(x) || double.IsNaN(x) ? x : Math.BitIncrement(x);

    /// <summary>A lower bound of a library function value accurate to within <paramref name="ulps"/> ulps.</summary>
    public static double Down(double x, int ulps)
    {
        for (int i = 0; i < ulps; i++) x = Down(x);
        return x;
    }

    /// <summary>An upper bound of a library function value accurate to within <paramref name="ulps"/> ulps.</summary>
    public static double Up(double x, int ulps)
    {
        for (int i = 0; i < ulps; i++) x = Up(x);
        return x;
    }

    /// <summary>Largest double not above a + b.</summary>
    public static double AddDown(double a, double b)
    {
        double s = a + b;
        if (double.IsInfinity(s))
            return s > 0 && double.IsFinite(a) && double.IsFinite(b) ? double.MaxValue : s;
        if (double.IsNaN(s)) return s;
        double bb = s - a;
        double err = (a - (s - bb)) + (b - bb);
        if (!double.IsFinite(err)) return Math.BitDecrement(s);
        return err < 0 ? Math.BitDecrement(s) : s;
    }

    /// <summary>Smallest double not below a + b.</summary>
    public static double AddUp(double a, double b) => -AddDown(-a, -b);

    /// <summary>Lower bound of a * b, with 0 * ∞ = 0 (the interval convention).</summary>
    public static double MulDown(double a, double b)
    {
        if (a == 0 || b == 0) return 0;
        double p = a * b;
        if (double.IsInfinity(p))
            return p > 0 && double.IsFinite(a) && double.IsFinite(b) ? double.MaxValue : p;
        if (double.IsNaN(p)) return p;
        if (Math.Abs(p) < Tiny) return Math.BitDecrement(p);
        double err = Math.FusedMultiplyAdd(a, b, -p);
        return err < 0 ? Math.BitDecrement(p) : p;
    }

    public static double MulUp(double a, double b) => -MulDown(-a, b);

    /// <summary>Lower bound of a / b for b ≠ 0, with x/±∞ = 0.</summary>
    public static double DivDown(double a, double b)
    {
        if (a == 0) return 0;
        if (double.IsInfinity(b)) return double.IsInfinity(a) ? double.NaN : 0;
        double q = a / b;
        if (double.IsInfinity(q))
            return q > 0 && double.IsFinite(a) ? double.MaxValue : q;
        if (double.IsNaN(q)) return q;
        if (Math.Abs(q) < Tiny || Math.Abs(a) < Tiny) return Math.BitDecrement(q);
        double r = Math.FusedMultiplyAdd(-q, b, a); // a - q b, exact: the true quotient is q + r/b
        return r != 0 && (r < 0) != (b < 0) ? Math.BitDecrement(q) : q;
    }

    public static double DivUp(double a, double b) => -DivDown(-a, b);

    public static double SqrtDown(double x)
    {
        double s = Math.Sqrt(x);
        if (x == 0 || double.IsInfinity(x) || double.IsNaN(s)) return s;
        if (x < Tiny) return Down(s);
        return Math.FusedMultiplyAdd(s, s, -x) > 0 ? Math.BitDecrement(s) : s;
    }

    public static double SqrtUp(double x)
    {
        double s = Math.Sqrt(x);
        if (x == 0 || double.IsInfinity(x) || double.IsNaN(s)) return s;
        if (x < Tiny) return Up(s);
        return Math.FusedMultiplyAdd(s, s, -x) < 0 ? Math.BitIncrement(s) : s;
    }

    /// <summary>Bounds of a^n for a ≥ 0 and n ≥ 1 by binary powering with directed rounding (monotone for a ≥ 0).</summary>
    public static double PowNonNegative(double a, long n, bool up)
    {
        double result = 1, b = a;
        while (true)
        {
            if ((n & 1) != 0) result = up ? MulUp(result, b) : MulDown(result, b);
            n >>= 1;
            if (n == 0) return result;
            b = up ? MulUp(b, b) : MulDown(b, b);
        }
    }
}
