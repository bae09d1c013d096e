using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Nabla.AutoDiff;

/// <summary>
/// A multi-directional dual number: one value and 8 tangents in one SIMD register
/// (<see cref="Vector512{T}"/>), the chunked forward mode of ForwardDiff.jl and Ceres' Jets. A
/// gradient of up to 8 variables, or 8 Jacobian columns, costs one pass. Elementary functions take
/// value and derivative from <see cref="ElementaryRules{S}"/>.
/// </summary>
public readonly struct Dual8 : IScalar<Dual8>
{
    public const int Width = 8;
    public readonly double V;
    public readonly Vector512<double> D;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Dual8(double v, Vector512<double> d) { V = v; D = d; }

    public double Value => V;
    public static Dual8 Zero => new(0, Vector512<double>.Zero);
    public static Dual8 One => new(1, Vector512<double>.Zero);

    /// <summary>The variable with value <paramref name="v"/> seeded in tangent slot <paramref name="slot"/>.</summary>
    public static Dual8 Variable(double v, int slot) => new(v, Units[slot]);

    static readonly Vector512<double>[] Units = MakeUnits();

    static Vector512<double>[] MakeUnits()
    {
        var units = new Vector512<double>[Width];
        Span<double> d = stackalloc double[Width];
        for (int i = 0; i < Width; i++)
        {
            d.Clear();
            d[i] = 1;
            units[i] = Vector512.Create((ReadOnlySpan<double>)d);
        }
        return units;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Dual8 Constant(double value) => new(value, Vector512<double>.Zero);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static implicit operator Dual8(double value) => new(value, Vector512<double>.Zero);

    // A zero tangent lane stays zero even when the local derivative is infinite (see Dual<S>).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector512<double> Scale(double derivative, Vector512<double> d)
    {
        var p = d * derivative;
        return double.IsFinite(derivative) ? p : Vector512.ConditionalSelect(Vector512.Equals(d, Vector512<double>.Zero), Vector512<double>.Zero, p);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] static Dual8 Chain((Real F, Real D) r, Vector512<double> d) => new(r.F.V, Scale(r.D.V, d));

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Dual8 operator +(Dual8 a, Dual8 b) => new(a.V + b.V, a.D + b.D);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Dual8 operator -(Dual8 a, Dual8 b) => new(a.V - b.V, a.D - b.D);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Dual8 operator *(Dual8 a, Dual8 b) => new(a.V * b.V, Scale(a.V, b.D) + Scale(b.V, a.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual8 operator /(Dual8 a, Dual8 b)
    {
        var q = a.V / b.V;
        return new(q, (a.D - Scale(q, b.D)) * (1 / b.V));
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Dual8 operator -(Dual8 a) => new(-a.V, -a.D);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator <(Dual8 a, Dual8 b) => a.V < b.V;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator >(Dual8 a, Dual8 b) => a.V > b.V;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator <=(Dual8 a, Dual8 b) => a.V <= b.V;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator >=(Dual8 a, Dual8 b) => a.V >= b.V;

    public static Dual8 Sin(Dual8 x) => Chain(ElementaryRules<Real>.Sin(x.V), x.D);
    public static Dual8 Cos(Dual8 x) => Chain(ElementaryRules<Real>.Cos(x.V), x.D);
    public static Dual8 Tan(Dual8 x) => Chain(ElementaryRules<Real>.Tan(x.V), x.D);
    public static Dual8 Asin(Dual8 x) => Chain(ElementaryRules<Real>.Asin(x.V), x.D);
    public static Dual8 Acos(Dual8 x) => Chain(ElementaryRules<Real>.Acos(x.V), x.D);
    public static Dual8 Atan(Dual8 x) => Chain(ElementaryRules<Real>.Atan(x.V), x.D);
    public static Dual8 Sinh(Dual8 x) => Chain(ElementaryRules<Real>.Sinh(x.V), x.D);
    public static Dual8 Cosh(Dual8 x) => Chain(ElementaryRules<Real>.Cosh(x.V), x.D);
    public static Dual8 Tanh(Dual8 x) => Chain(ElementaryRules<Real>.Tanh(x.V), x.D);
    public static Dual8 Exp(Dual8 x) => Chain(ElementaryRules<Real>.Exp(x.V), x.D);
    public static Dual8 Log(Dual8 x) => Chain(ElementaryRules<Real>.Log(x.V), x.D);
    public static Dual8 Sqrt(Dual8 x) => Chain(ElementaryRules<Real>.Sqrt(x.V), x.D);
    public static Dual8 Cbrt(Dual8 x) => Chain(ElementaryRules<Real>.Cbrt(x.V), x.D);
    public static Dual8 Abs(Dual8 x) => Chain(ElementaryRules<Real>.Abs(x.V), x.D);
    public static Dual8 Sign(Dual8 x) => Chain(ElementaryRules<Real>.Sign(x.V), x.D);
    public static Dual8 Pow(Dual8 x, int n) => Chain(ElementaryRules<Real>.Pow(x.V, n), x.D);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Dual8 Square(Dual8 x) => new(x.V * x.V, x.D * (2 * x.V));

    public static Dual8 Atan2(Dual8 y, Dual8 x)
    {
        var r = ElementaryRules<Real>.Atan2(y.V, x.V);
        return new(r.F.V, Scale(r.Dy.V, y.D) + Scale(r.Dx.V, x.D));
    }

    public static Dual8 Pow(Dual8 x, Dual8 y)
    {
        var r = ElementaryRules<Real>.Pow(x.V, y.V);
        return new(r.F.V, Scale(r.Dx.V, x.D) + Scale(r.Dy.V, y.D));
    }

    public static Dual8 Min(Dual8 a, Dual8 b) => a.V <= b.V ? a : b;
    public static Dual8 Max(Dual8 a, Dual8 b) => a.V >= b.V ? a : b;

    public bool Equals(Dual8 other) => V.Equals(other.V) && D.Equals(other.D);
    public override bool Equals(object? obj) => obj is Dual8 d && Equals(d);
    public override int GetHashCode() => HashCode.Combine(V, D);
    public override string ToString() => $"{V} + {D}ε";
}
