using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Nabla.AutoDiff;

/// <summary>
/// Eight independent evaluations in one SIMD register: the batched scalar behind the vectorized
/// path for partially separable functions (<see cref="IElementFunction"/>). Arithmetic is lane-wise;
/// a comparison whose lanes disagree (a value-dependent branch that would go both ways) throws
/// <see cref="LaneDivergenceException"/>, and the caller falls back to one element at a time.
/// </summary>
public readonly struct Lanes8 : IScalar<Lanes8>
{
    public const int Width = 8;
    public readonly Vector512<double> V;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Lanes8(Vector512<double> v) => V = v;

    /// <summary>Lane 0 (branch with the comparison operators, which check every lane, not with this).</summary>
    public double Value => V.GetElement(0);
    public static Lanes8 Zero => new(Vector512<double>.Zero);
    public static Lanes8 One => new(Vector512<double>.One);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 Constant(double value) => new(Vector512.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static implicit operator Lanes8(double value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 operator +(Lanes8 a, Lanes8 b) => new(a.V + b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 operator -(Lanes8 a, Lanes8 b) => new(a.V - b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 operator *(Lanes8 a, Lanes8 b) => new(a.V * b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 operator /(Lanes8 a, Lanes8 b) => new(a.V / b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes8 operator -(Lanes8 a) => new(-a.V);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool Agree(Vector512<double> mask)
    {
        ulong bits = mask.ExtractMostSignificantBits();
        if (bits == 0xFF) return true;
        if (bits == 0) return false;
        throw new LaneDivergenceException();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator <(Lanes8 a, Lanes8 b) => Agree(Vector512.LessThan(a.V, b.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator >(Lanes8 a, Lanes8 b) => Agree(Vector512.GreaterThan(a.V, b.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator <=(Lanes8 a, Lanes8 b) => Agree(Vector512.LessThanOrEqual(a.V, b.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator >=(Lanes8 a, Lanes8 b) => Agree(Vector512.GreaterThanOrEqual(a.V, b.V));

    static Lanes8 Map(Lanes8 x, Func<double, double> f)
    {
        Span<double> s = stackalloc double[Width];
        x.V.CopyTo(s);
        for (int i = 0; i < Width; i++) s[i] = f(s[i]);
        return new(Vector512.Create((ReadOnlySpan<double>)s));
    }

    static Lanes8 Map(Lanes8 x, Lanes8 y, Func<double, double, double> f)
    {
        Span<double> s = stackalloc double[Width];
        Span<double> t = stackalloc double[Width];
        x.V.CopyTo(s);
        y.V.CopyTo(t);
        for (int i = 0; i < Width; i++) s[i] = f(s[i], t[i]);
        return new(Vector512.Create((ReadOnlySpan<double>)s));
    }

    public static Lanes8 Sin(Lanes8 x) => new(Vector512.Sin(x.V));
    public static Lanes8 Cos(Lanes8 x) => new(Vector512.Cos(x.V));
    public static Lanes8 Exp(Lanes8 x) => new(Vector512.Exp(x.V));
    public static Lanes8 Log(Lanes8 x) => new(Vector512.Log(x.V));
    public static Lanes8 Sqrt(Lanes8 x) => new(Vector512.Sqrt(x.V));
    public static Lanes8 Abs(Lanes8 x) => new(Vector512.Abs(x.V));
    public static Lanes8 Tan(Lanes8 x) => Map(x, Math.Tan);
    public static Lanes8 Asin(Lanes8 x) => Map(x, Math.Asin);
    public static Lanes8 Acos(Lanes8 x) => Map(x, Math.Acos);
    public static Lanes8 Atan(Lanes8 x) => Map(x, Math.Atan);
    public static Lanes8 Sinh(Lanes8 x) => Map(x, Math.Sinh);
    public static Lanes8 Cosh(Lanes8 x) => Map(x, Math.Cosh);
    public static Lanes8 Tanh(Lanes8 x) => Map(x, Math.Tanh);
    public static Lanes8 Cbrt(Lanes8 x) => Map(x, Math.Cbrt);
    public static Lanes8 Sign(Lanes8 x) => Map(x, v => double.IsNaN(v) ? double.NaN : Math.Sign(v));
    public static Lanes8 Atan2(Lanes8 y, Lanes8 x) => Map(y, x, Math.Atan2);
    public static Lanes8 Pow(Lanes8 x, Lanes8 y) => Map(x, y, Math.Pow);
    public static Lanes8 Pow(Lanes8 x, int n) => n switch
    {
        0 => One,
        1 => x,
        2 => new(x.V * x.V),
        3 => new(x.V * x.V * x.V),
        _ => Map(x, v => Math.Pow(v, n)),
    };
    public static Lanes8 Min(Lanes8 a, Lanes8 b) => new(Vector512.ConditionalSelect(Vector512.LessThanOrEqual(a.V, b.V), a.V, b.V));
    public static Lanes8 Max(Lanes8 a, Lanes8 b) => new(Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(a.V, b.V), a.V, b.V));
    public static Lanes8 Square(Lanes8 x) => new(x.V * x.V);

    public bool Equals(Lanes8 other) => V.Equals(other.V);
    public override bool Equals(object? obj) => obj is Lanes8 l && Equals(l);
    public override int GetHashCode() => V.GetHashCode();
    public override string ToString() => V.ToString();
}

/// <summary>Lanes of a <see cref="Lanes8"/> comparison disagree: the code branches on values.</summary>
public sealed class LaneDivergenceException() : Exception("A comparison on batched lanes went both ways (value-dependent branch).");
