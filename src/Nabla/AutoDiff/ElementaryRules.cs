using System.Runtime.CompilerServices;

namespace Nabla.AutoDiff;

/// <summary>
/// The first-derivative rule of every elementary function of <see cref="IScalar{T}"/>, written once
/// over any scalar type <typeparamref name="S"/> (principle 1, "one primitive, one place"): the
/// dual numbers and the tape take value and local derivative from here, so nesting (a dual of a
/// dual, a tape over duals) differentiates the rule itself. Taylor arithmetic has its own
/// recurrences and is tested against these rules and against the symbolic table.
/// </summary>
/// <remarks>
/// Non-differentiable points (documented in docs/autodiff.md): sqrt and cbrt at 0 give +inf (the
/// one-sided derivative from the right); abs at 0 gives +1 (the right derivative, as for
/// <c>x &gt;= 0 ? x : -x</c>); sign at 0 gives NaN; min/max at a tie follow the first argument;
/// pow(x, y) at x = 0 with y &gt; 0 gives d/dy = 0 (the limit from the right), and x &lt; 0 gives
/// d/dy = NaN (no real logarithm).
/// </remarks>
public static class ElementaryRules<S> where S : IScalar<S>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (S F, S D) Sin(S x) => (S.Sin(x), S.Cos(x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (S F, S D) Cos(S x) => (S.Cos(x), -S.Sin(x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (S F, S D) Tan(S x) { var t = S.Tan(x); return (t, S.One + t * t); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (S F, S D) Asin(S x) => (S.Asin(x), S.One / S.Sqrt(S.One - x * x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (S F, S D) Acos(S x) => (S.Acos(x), -(S.One / S.Sqrt(S.One - x * x)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (S F, S D) Atan(S x) => (S.Atan(x), S.One / (S.One + x * x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (S F, S D) Sinh(S x) => (S.Sinh(x), S.Cosh(x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (S F, S D) Cosh(S x) => (S.Cosh(x), S.Sinh(x));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (S F, S D) Tanh(S x) { var t = S.Tanh(x); return (t, S.One - t * t); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (S F, S D) Exp(S x) { var e = S.Exp(x); return (e, e); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (S F, S D) Log(S x) => (S.Log(x), S.One / x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (S F, S D) Sqrt(S x) { var s = S.Sqrt(x); return (s, S.Constant(0.5) / s); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (S F, S D) Cbrt(S x) { var c = S.Cbrt(x); return (c, S.One / (S.Constant(3) * c * c)); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (S F, S D) Abs(S x) => x >= S.Zero ? (x, S.One) : (-x, -S.One);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (S F, S D) Sign(S x) => (S.Sign(x), IsZero(x) ? S.Constant(double.NaN) : S.Zero);

    // Branches use the comparison operators (not Value), so batched types can detect lanes that disagree.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool IsZero(S x) => x >= S.Zero && x <= S.Zero;

    /// <summary>d/dx and d/dy of atan2(y, x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (S F, S Dy, S Dx) Atan2(S y, S x)
    {
        var r2 = x * x + y * y;
        return (S.Atan2(y, x), x / r2, -y / r2);
    }

    /// <summary>x^y with d/dx = y x^(y-1) and d/dy = x^y ln x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (S F, S Dx, S Dy) Pow(S x, S y)
    {
        var f = S.Pow(x, y);
        var dx = y * S.Pow(x, y - S.One);
        var dy = IsZero(x) && y > S.Zero ? S.Zero : f * S.Log(x);
        return (f, dx, dy);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (S F, S D) Pow(S x, int n) => n == 0 ? (S.One, S.Zero) : (S.Pow(x, n), S.Constant(n) * S.Pow(x, n - 1));
}
