using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector512<double>;

namespace Nabla.AutoDiff;

/// <summary>
/// Eight dual numbers in two SIMD registers (values and tangents): the forward mode of the
/// vectorized path (<see cref="Differentiate.SeparableGradient{TE}"/>). Hand-written rather than
/// <c>Dual&lt;Lanes8&gt;</c>, which the JIT compiles with many copies of its 64-byte fields.
/// Value and derivative of each elementary function come from <see cref="ElementaryRules{S}"/>
/// over <see cref="Lanes8"/>.
/// </summary>
public readonly struct DualLanes8 : IScalar<DualLanes8>
{
    public readonly V V;
    public readonly V D;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public DualLanes8(V v, V d) { V = v; D = d; }

    public double Value => V.GetElement(0);
    public static DualLanes8 Zero => new(V.Zero, V.Zero);
    public static DualLanes8 One => new(V.One, V.Zero);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static DualLanes8 Constant(double value) => new(Vector512.Create(value), V.Zero);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static implicit operator DualLanes8(double value) => Constant(value);

    // A zero tangent lane stays zero even where the local derivative is infinite.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static V Scale(V derivative, V d) => Vector512.ConditionalSelect(Vector512.Equals(d, V.Zero), V.Zero, derivative * d);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] static DualLanes8 Chain((Lanes8 F, Lanes8 D) r, V d) => new(r.F.V, Scale(r.D.V, d));

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static DualLanes8 operator +(DualLanes8 a, DualLanes8 b) => new(a.V + b.V, a.D + b.D);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static DualLanes8 operator -(DualLanes8 a, DualLanes8 b) => new(a.V - b.V, a.D - b.D);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static DualLanes8 operator *(DualLanes8 a, DualLanes8 b) => new(a.V * b.V, Scale(a.V, b.D) + Scale(b.V, a.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes8 operator /(DualLanes8 a, DualLanes8 b)
    {
        var q = a.V / b.V;
        return new(q, (a.D - Scale(q, b.D)) / b.V);
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static DualLanes8 operator -(DualLanes8 a) => new(-a.V, -a.D);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator <(DualLanes8 a, DualLanes8 b) => new Lanes8(a.V) < new Lanes8(b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator >(DualLanes8 a, DualLanes8 b) => new Lanes8(a.V) > new Lanes8(b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator <=(DualLanes8 a, DualLanes8 b) => new Lanes8(a.V) <= new Lanes8(b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator >=(DualLanes8 a, DualLanes8 b) => new Lanes8(a.V) >= new Lanes8(b.V);

    public static DualLanes8 Sin(DualLanes8 x) => Chain(ElementaryRules<Lanes8>.Sin(new(x.V)), x.D);
    public static DualLanes8 Cos(DualLanes8 x) => Chain(ElementaryRules<Lanes8>.Cos(new(x.V)), x.D);
    public static DualLanes8 Tan(DualLanes8 x) => Chain(ElementaryRules<Lanes8>.Tan(new(x.V)), x.D);
    public static DualLanes8 Asin(DualLanes8 x) => Chain(ElementaryRules<Lanes8>.Asin(new(x.V)), x.D);
    public static DualLanes8 Acos(DualLanes8 x) => Chain(ElementaryRules<Lanes8>.Acos(new(x.V)), x.D);
    public static DualLanes8 Atan(DualLanes8 x) => Chain(ElementaryRules<Lanes8>.Atan(new(x.V)), x.D);
    public static DualLanes8 Sinh(DualLanes8 x) => Chain(ElementaryRules<Lanes8>.Sinh(new(x.V)), x.D);
    public static DualLanes8 Cosh(DualLanes8 x) => Chain(ElementaryRules<Lanes8>.Cosh(new(x.V)), x.D);
    public static DualLanes8 Tanh(DualLanes8 x) => Chain(ElementaryRules<Lanes8>.Tanh(new(x.V)), x.D);
    public static DualLanes8 Exp(DualLanes8 x) => Chain(ElementaryRules<Lanes8>.Exp(new(x.V)), x.D);
    public static DualLanes8 Log(DualLanes8 x) => Chain(ElementaryRules<Lanes8>.Log(new(x.V)), x.D);
    public static DualLanes8 Sqrt(DualLanes8 x) => Chain(ElementaryRules<Lanes8>.Sqrt(new(x.V)), x.D);
    public static DualLanes8 Cbrt(DualLanes8 x) => Chain(ElementaryRules<Lanes8>.Cbrt(new(x.V)), x.D);
    public static DualLanes8 Pow(DualLanes8 x, int n) => Chain(ElementaryRules<Lanes8>.Pow(new(x.V), n), x.D);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static DualLanes8 Square(DualLanes8 x) => new(x.V * x.V, Scale(x.V + x.V, x.D));

    // Lane-wise selections: no branch, so no divergence.
    public static DualLanes8 Abs(DualLanes8 x)
    {
        var pos = Vector512.GreaterThanOrEqual(x.V, V.Zero);
        return new(Vector512.ConditionalSelect(pos, x.V, -x.V), Vector512.ConditionalSelect(pos, x.D, -x.D));
    }

    public static DualLanes8 Sign(DualLanes8 x)
    {
        var undefined = Vector512.Equals(x.V, V.Zero) & ~Vector512.Equals(x.D, V.Zero);
        return new(Lanes8.Sign(new(x.V)).V, Vector512.ConditionalSelect(undefined, Vector512.Create(double.NaN), V.Zero));
    }

    public static DualLanes8 Min(DualLanes8 a, DualLanes8 b)
    {
        var m = Vector512.LessThanOrEqual(a.V, b.V);
        return new(Vector512.ConditionalSelect(m, a.V, b.V), Vector512.ConditionalSelect(m, a.D, b.D));
    }

    public static DualLanes8 Max(DualLanes8 a, DualLanes8 b)
    {
        var m = Vector512.GreaterThanOrEqual(a.V, b.V);
        return new(Vector512.ConditionalSelect(m, a.V, b.V), Vector512.ConditionalSelect(m, a.D, b.D));
    }

    public static DualLanes8 Atan2(DualLanes8 y, DualLanes8 x)
    {
        var r = ElementaryRules<Lanes8>.Atan2(new(y.V), new(x.V));
        return new(r.F.V, Scale(r.Dy.V, y.D) + Scale(r.Dx.V, x.D));
    }

    public static DualLanes8 Pow(DualLanes8 x, DualLanes8 y)
    {
        var r = ElementaryRules<Lanes8>.Pow(new Lanes8(x.V), new Lanes8(y.V));
        return new(r.F.V, Scale(r.Dx.V, x.D) + Scale(r.Dy.V, y.D));
    }

    public bool Equals(DualLanes8 other) => V.Equals(other.V) && D.Equals(other.D);
    public override bool Equals(object? obj) => obj is DualLanes8 d && Equals(d);
    public override int GetHashCode() => HashCode.Combine(V, D);
}
