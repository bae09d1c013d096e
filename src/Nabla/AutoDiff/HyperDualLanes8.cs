using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector512<double>;

namespace Nabla.AutoDiff;

/// <summary>
/// Eight hyper-dual numbers A + B·ε₁ + C·ε₂ + D·ε₁ε₂ (ε₁² = ε₂² = 0) in four SIMD registers:
/// forward over forward, giving a gradient component (B), a directional derivative (C) and a
/// Hessian entry or Hessian-vector component (D) in one pass. The vectorized path's second order.
/// First and second derivatives of each elementary function come from
/// <see cref="ElementaryRules{S}"/> over <see cref="DualLanes8"/> (the rule differentiated once
/// more). Operations without a lane-wise second-order form here (atan2, pow with a varying
/// exponent) throw <see cref="LaneDivergenceException"/>, and the caller redoes the elements one
/// at a time in <c>Dual&lt;Dual&lt;Real&gt;&gt;</c>.
/// </summary>
public readonly struct HyperDualLanes8 : IScalar<HyperDualLanes8>
{
    public readonly V A, B, C, D;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public HyperDualLanes8(V a, V b, V c, V d) { A = a; B = b; C = c; D = d; }

    public double Value => A.GetElement(0);
    public static HyperDualLanes8 Zero => new(V.Zero, V.Zero, V.Zero, V.Zero);
    public static HyperDualLanes8 One => new(V.One, V.Zero, V.Zero, V.Zero);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static HyperDualLanes8 Constant(double value) => new(Vector512.Create(value), V.Zero, V.Zero, V.Zero);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static implicit operator HyperDualLanes8(double value) => Constant(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] static V S(V derivative, V d) => DualLanes8.Scale(derivative, d);

    // f(x) from f, f' and f'' of each lane.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static HyperDualLanes8 Chain((DualLanes8 F, DualLanes8 D) r, HyperDualLanes8 x)
    {
        V f1 = r.D.V, f2 = r.D.D;
        return new(r.F.V, S(f1, x.B), S(f1, x.C), S(f1, x.D) + S(f2, x.B * x.C));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] static DualLanes8 Seed(HyperDualLanes8 x) => new(x.A, V.One);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static HyperDualLanes8 operator +(HyperDualLanes8 a, HyperDualLanes8 b) => new(a.A + b.A, a.B + b.B, a.C + b.C, a.D + b.D);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static HyperDualLanes8 operator -(HyperDualLanes8 a, HyperDualLanes8 b) => new(a.A - b.A, a.B - b.B, a.C - b.C, a.D - b.D);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDualLanes8 operator *(HyperDualLanes8 a, HyperDualLanes8 b)
        => new(a.A * b.A, S(a.A, b.B) + S(b.A, a.B), S(a.A, b.C) + S(b.A, a.C), S(a.A, b.D) + S(b.A, a.D) + S(a.B, b.C) + S(a.C, b.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDualLanes8 operator /(HyperDualLanes8 a, HyperDualLanes8 b)
    {
        // 1/b: f' = -1/b², f'' = 2/b³
        var r = V.One / b.A;
        var r2 = r * r;
        var inv = new HyperDualLanes8(r, S(-r2, b.B), S(-r2, b.C), S(-r2, b.D) + S(2 * r2 * r, b.B * b.C));
        return a * inv;
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static HyperDualLanes8 operator -(HyperDualLanes8 a) => new(-a.A, -a.B, -a.C, -a.D);

    public static bool operator <(HyperDualLanes8 a, HyperDualLanes8 b) => new Lanes8(a.A) < new Lanes8(b.A);
    public static bool operator >(HyperDualLanes8 a, HyperDualLanes8 b) => new Lanes8(a.A) > new Lanes8(b.A);
    public static bool operator <=(HyperDualLanes8 a, HyperDualLanes8 b) => new Lanes8(a.A) <= new Lanes8(b.A);
    public static bool operator >=(HyperDualLanes8 a, HyperDualLanes8 b) => new Lanes8(a.A) >= new Lanes8(b.A);

    public static HyperDualLanes8 Sin(HyperDualLanes8 x) => Chain(ElementaryRules<DualLanes8>.Sin(Seed(x)), x);
    public static HyperDualLanes8 Cos(HyperDualLanes8 x) => Chain(ElementaryRules<DualLanes8>.Cos(Seed(x)), x);
    public static HyperDualLanes8 Tan(HyperDualLanes8 x) => Chain(ElementaryRules<DualLanes8>.Tan(Seed(x)), x);
    public static HyperDualLanes8 Asin(HyperDualLanes8 x) => Chain(ElementaryRules<DualLanes8>.Asin(Seed(x)), x);
    public static HyperDualLanes8 Acos(HyperDualLanes8 x) => Chain(ElementaryRules<DualLanes8>.Acos(Seed(x)), x);
    public static HyperDualLanes8 Atan(HyperDualLanes8 x) => Chain(ElementaryRules<DualLanes8>.Atan(Seed(x)), x);
    public static HyperDualLanes8 Sinh(HyperDualLanes8 x) => Chain(ElementaryRules<DualLanes8>.Sinh(Seed(x)), x);
    public static HyperDualLanes8 Cosh(HyperDualLanes8 x) => Chain(ElementaryRules<DualLanes8>.Cosh(Seed(x)), x);
    public static HyperDualLanes8 Tanh(HyperDualLanes8 x) => Chain(ElementaryRules<DualLanes8>.Tanh(Seed(x)), x);
    public static HyperDualLanes8 Exp(HyperDualLanes8 x) => Chain(ElementaryRules<DualLanes8>.Exp(Seed(x)), x);
    public static HyperDualLanes8 Log(HyperDualLanes8 x) => Chain(ElementaryRules<DualLanes8>.Log(Seed(x)), x);
    public static HyperDualLanes8 Sqrt(HyperDualLanes8 x) => Chain(ElementaryRules<DualLanes8>.Sqrt(Seed(x)), x);
    public static HyperDualLanes8 Cbrt(HyperDualLanes8 x) => Chain(ElementaryRules<DualLanes8>.Cbrt(Seed(x)), x);
    public static HyperDualLanes8 Pow(HyperDualLanes8 x, int n) => Chain(ElementaryRules<DualLanes8>.Pow(Seed(x), n), x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static HyperDualLanes8 Square(HyperDualLanes8 x) => x * x;

    public static HyperDualLanes8 Abs(HyperDualLanes8 x)
    {
        var pos = Vector512.GreaterThanOrEqual(x.A, V.Zero);
        return new(Vector512.ConditionalSelect(pos, x.A, -x.A), Vector512.ConditionalSelect(pos, x.B, -x.B),
            Vector512.ConditionalSelect(pos, x.C, -x.C), Vector512.ConditionalSelect(pos, x.D, -x.D));
    }

    public static HyperDualLanes8 Sign(HyperDualLanes8 x)
    {
        var zero = Vector512.Equals(x.A, V.Zero);
        var nan = Vector512.Create(double.NaN);
        return new(Lanes8.Sign(new(x.A)).V,
            Vector512.ConditionalSelect(zero & ~Vector512.Equals(x.B, V.Zero), nan, V.Zero),
            Vector512.ConditionalSelect(zero & ~Vector512.Equals(x.C, V.Zero), nan, V.Zero),
            Vector512.ConditionalSelect(zero & ~Vector512.Equals(x.D, V.Zero), nan, V.Zero));
    }

    static HyperDualLanes8 Select(V m, HyperDualLanes8 a, HyperDualLanes8 b)
        => new(Vector512.ConditionalSelect(m, a.A, b.A), Vector512.ConditionalSelect(m, a.B, b.B),
            Vector512.ConditionalSelect(m, a.C, b.C), Vector512.ConditionalSelect(m, a.D, b.D));

    public static HyperDualLanes8 Min(HyperDualLanes8 a, HyperDualLanes8 b) => Select(Vector512.LessThanOrEqual(a.A, b.A), a, b);
    public static HyperDualLanes8 Max(HyperDualLanes8 a, HyperDualLanes8 b) => Select(Vector512.GreaterThanOrEqual(a.A, b.A), a, b);

    public static HyperDualLanes8 Atan2(HyperDualLanes8 y, HyperDualLanes8 x) => throw new LaneDivergenceException();

    public static HyperDualLanes8 Pow(HyperDualLanes8 x, HyperDualLanes8 y)
    {
        if (y.B.Equals(V.Zero) && y.C.Equals(V.Zero) && y.D.Equals(V.Zero) && Vector512.GreaterThanAll(x.A, V.Zero))
        {
            // constant exponent p: f' = p x^(p-1), f'' = p (p-1) x^(p-2)
            var p = y.A;
            var f = new Lanes8(x.A);
            var pm1 = Lanes8.Pow(f, new Lanes8(p - V.One)).V;
            var f1 = p * pm1;
            var f2 = p * (p - V.One) * pm1 / x.A;
            return Chain((new DualLanes8(pm1 * x.A, f1), new DualLanes8(f1, f2)), x);
        }
        throw new LaneDivergenceException();
    }

    public bool Equals(HyperDualLanes8 other) => A.Equals(other.A) && B.Equals(other.B) && C.Equals(other.C) && D.Equals(other.D);
    public override bool Equals(object? obj) => obj is HyperDualLanes8 h && Equals(h);
    public override int GetHashCode() => HashCode.Combine(A, B, C, D);
}
