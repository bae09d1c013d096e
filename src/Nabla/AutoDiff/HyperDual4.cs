using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Vec = System.Runtime.Intrinsics.Vector256<double>;

namespace Nabla.AutoDiff;

/// <summary>
/// Second-order multi-directional forward mode for up to 4 variables: a value, its gradient (one
/// <see cref="Vector256{T}"/>) and its Hessian (four rows), propagated together in one pass with
/// no tape. For a function of 2-4 variables this is the cheapest exact Hessian: no recording, no
/// reverse sweep, no second pass (the tape's forward-over-reverse costs a node write and read per
/// operation in 8-wide duals). First and second derivatives of each elementary function come from
/// <see cref="ElementaryRules{S}"/> over <see cref="Dual{S}"/> (the rule differentiated once more),
/// so there is still one rule per function.
/// </summary>
public readonly struct HyperDual4 : IScalar<HyperDual4>
{
    public const int Width = 4;
    public readonly double V;
    public readonly Vec G;
    public readonly Vec H0, H1, H2, H3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public HyperDual4(double v, Vec g, Vec h0, Vec h1, Vec h2, Vec h3) { V = v; G = g; H0 = h0; H1 = h1; H2 = h2; H3 = h3; }

    public double Value => V;
    public static HyperDual4 Zero => Constant(0);
    public static HyperDual4 One => Constant(1);

    /// <summary>The variable with value <paramref name="v"/> in slot <paramref name="slot"/> (0-3).</summary>
    public static HyperDual4 Variable(double v, int slot) =>
        new(v, Unit(slot), default, default, default, default);

    static Vec Unit(int slot) => slot switch
    {
        0 => Vector256.Create(1.0, 0, 0, 0),
        1 => Vector256.Create(0, 1.0, 0, 0),
        2 => Vector256.Create(0, 0, 1.0, 0),
        3 => Vector256.Create(0, 0, 0, 1.0),
        _ => throw new ArgumentOutOfRangeException(nameof(slot), slot, $"a {nameof(HyperDual4)} has slots 0 to 3"),
    };

    /// <summary>Row i of the Hessian.</summary>
    public Vec Row(int i) => i switch { 0 => H0, 1 => H1, 2 => H2, _ => H3 };

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static HyperDual4 Constant(double value) => new(value, default, default, default, default, default);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static implicit operator HyperDual4(double value) => Constant(value);

    // k·d, except that a zero lane stays zero when k is infinite (as in Dual4: a variable that
    // does not reach an operation is not poisoned by its infinite local derivative).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vec Scale(double k, Vec d)
    {
        var p = d * k;
        return double.IsFinite(k) ? p : Vector256.ConditionalSelect(Vector256.Equals(d, Vec.Zero), Vec.Zero, p);
    }

    // g_i·u for an outer-product row; a variable that does not reach the operand (g_i = 0) gets
    // an exact zero row even when u holds an infinite second derivative.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vec Times(Vec g, int i, Vec u)
    {
        double gi = g.GetElement(i);
        return gi == 0 ? Vec.Zero : Vector256.Create(gi) * u;
    }

    bool IsConstant => G == Vec.Zero && H0 == Vec.Zero && H1 == Vec.Zero && H2 == Vec.Zero && H3 == Vec.Zero;

    // φ(x) from φ, φ' and φ'': ∇φ = φ'∇x, ∇²φ = φ'∇²x + φ''∇x∇xᵀ.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static HyperDual4 Chain(double f, double d1, double d2, HyperDual4 x)
    {
        var g = x.G;
        var outer = Scale(d2, g);
        return new(f, Scale(d1, g),
            Scale(d1, x.H0) + Times(g, 0, outer),
            Scale(d1, x.H1) + Times(g, 1, outer),
            Scale(d1, x.H2) + Times(g, 2, outer),
            Scale(d1, x.H3) + Times(g, 3, outer));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static HyperDual4 Chain((Dual<Real> F, Dual<Real> D) r, HyperDual4 x) => Chain(r.F.V.V, r.D.V.V, r.D.D.V, x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] static Dual<Real> Seed(HyperDual4 x) => new(new Real(x.V), Real.One);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] static Dual<Real> Fixed(HyperDual4 x) => new(new Real(x.V), Real.Zero);

    // φ(a, b) from its first and second partial derivatives.
    static HyperDual4 Chain2(double f, double fa, double fb, double faa, double fab, double fbb, HyperDual4 a, HyperDual4 b)
    {
        var ga = a.G;
        var gb = b.G;
        var ua = Scale(faa, ga) + Scale(fab, gb);
        var ub = Scale(fab, ga) + Scale(fbb, gb);
        return new(f, Scale(fa, ga) + Scale(fb, gb),
            Scale(fa, a.H0) + Scale(fb, b.H0) + Times(ga, 0, ua) + Times(gb, 0, ub),
            Scale(fa, a.H1) + Scale(fb, b.H1) + Times(ga, 1, ua) + Times(gb, 1, ub),
            Scale(fa, a.H2) + Scale(fb, b.H2) + Times(ga, 2, ua) + Times(gb, 2, ub),
            Scale(fa, a.H3) + Scale(fb, b.H3) + Times(ga, 3, ua) + Times(gb, 3, ub));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual4 operator +(HyperDual4 a, HyperDual4 b) => new(a.V + b.V, a.G + b.G, a.H0 + b.H0, a.H1 + b.H1, a.H2 + b.H2, a.H3 + b.H3);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual4 operator -(HyperDual4 a, HyperDual4 b) => new(a.V - b.V, a.G - b.G, a.H0 - b.H0, a.H1 - b.H1, a.H2 - b.H2, a.H3 - b.H3);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual4 operator -(HyperDual4 a) => new(-a.V, -a.G, -a.H0, -a.H1, -a.H2, -a.H3);

    // ∇²(ab) = a∇²b + b∇²a + ∇a∇bᵀ + ∇b∇aᵀ.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual4 operator *(HyperDual4 a, HyperDual4 b)
    {
        var ga = a.G;
        var gb = b.G;
        return new(a.V * b.V, Scale(a.V, gb) + Scale(b.V, ga),
            Scale(a.V, b.H0) + Scale(b.V, a.H0) + Vector256.Create(ga.GetElement(0)) * gb + Vector256.Create(gb.GetElement(0)) * ga,
            Scale(a.V, b.H1) + Scale(b.V, a.H1) + Vector256.Create(ga.GetElement(1)) * gb + Vector256.Create(gb.GetElement(1)) * ga,
            Scale(a.V, b.H2) + Scale(b.V, a.H2) + Vector256.Create(ga.GetElement(2)) * gb + Vector256.Create(gb.GetElement(2)) * ga,
            Scale(a.V, b.H3) + Scale(b.V, a.H3) + Vector256.Create(ga.GetElement(3)) * gb + Vector256.Create(gb.GetElement(3)) * ga);
    }

    // a/b = a·(1/b), with 1/b by the chain rule (φ' = −1/b², φ'' = 2/b³).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual4 operator /(HyperDual4 a, HyperDual4 b)
    {
        double r = 1 / b.V;
        return a * Chain(r, -r * r, 2 * r * r * r, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator <(HyperDual4 a, HyperDual4 b) => a.V < b.V;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator >(HyperDual4 a, HyperDual4 b) => a.V > b.V;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator <=(HyperDual4 a, HyperDual4 b) => a.V <= b.V;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator >=(HyperDual4 a, HyperDual4 b) => a.V >= b.V;

    public static HyperDual4 Sin(HyperDual4 x) => Chain(ElementaryRules<Dual<Real>>.Sin(Seed(x)), x);
    public static HyperDual4 Cos(HyperDual4 x) => Chain(ElementaryRules<Dual<Real>>.Cos(Seed(x)), x);
    public static HyperDual4 Tan(HyperDual4 x) => Chain(ElementaryRules<Dual<Real>>.Tan(Seed(x)), x);
    public static HyperDual4 Asin(HyperDual4 x) => Chain(ElementaryRules<Dual<Real>>.Asin(Seed(x)), x);
    public static HyperDual4 Acos(HyperDual4 x) => Chain(ElementaryRules<Dual<Real>>.Acos(Seed(x)), x);
    public static HyperDual4 Atan(HyperDual4 x) => Chain(ElementaryRules<Dual<Real>>.Atan(Seed(x)), x);
    public static HyperDual4 Sinh(HyperDual4 x) => Chain(ElementaryRules<Dual<Real>>.Sinh(Seed(x)), x);
    public static HyperDual4 Cosh(HyperDual4 x) => Chain(ElementaryRules<Dual<Real>>.Cosh(Seed(x)), x);
    public static HyperDual4 Tanh(HyperDual4 x) => Chain(ElementaryRules<Dual<Real>>.Tanh(Seed(x)), x);
    public static HyperDual4 Log(HyperDual4 x) => Chain(ElementaryRules<Dual<Real>>.Log(Seed(x)), x);
    public static HyperDual4 Sqrt(HyperDual4 x) => Chain(ElementaryRules<Dual<Real>>.Sqrt(Seed(x)), x);
    public static HyperDual4 Cbrt(HyperDual4 x) => Chain(ElementaryRules<Dual<Real>>.Cbrt(Seed(x)), x);
    public static HyperDual4 Abs(HyperDual4 x) => Chain(ElementaryRules<Dual<Real>>.Abs(Seed(x)), x);
    public static HyperDual4 Sign(HyperDual4 x) => Chain(ElementaryRules<Dual<Real>>.Sign(Seed(x)), x);
    public static HyperDual4 Pow(HyperDual4 x, int n) => Chain(ElementaryRules<Dual<Real>>.Pow(Seed(x), n), x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual4 Exp(HyperDual4 x)
    {
        double e = Math.Exp(x.V);
        return Chain(e, e, e, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual4 Square(HyperDual4 x) => Chain(x.V * x.V, 2 * x.V, 2, x);

    public static HyperDual4 Atan2(HyperDual4 y, HyperDual4 x) => Binary(y, x, static (u, v) => ElementaryRules<Dual<Real>>.Atan2(u, v));

    public static HyperDual4 Pow(HyperDual4 x, HyperDual4 y) => Binary(x, y, static (u, v) => ElementaryRules<Dual<Real>>.Pow(u, v));

    // φ(a, b) from its rule (value, ∂φ/∂a, ∂φ/∂b) over duals: seeding a, then b, differentiates the
    // rule once more. A constant operand keeps the other's rule free of its (possibly NaN) cross
    // terms: x^c for x < 0 has no real d/dc.
    static HyperDual4 Binary(HyperDual4 a, HyperDual4 b, Func<Dual<Real>, Dual<Real>, (Dual<Real> F, Dual<Real> Da, Dual<Real> Db)> rule)
    {
        if (b.IsConstant)
        {
            var r = rule(Seed(a), Fixed(b));
            return Chain((r.F, r.Da), a);
        }
        if (a.IsConstant)
        {
            var r = rule(Fixed(a), Seed(b));
            return Chain((r.F, r.Db), b);
        }
        var ra = rule(Seed(a), Fixed(b));
        var rb = rule(Fixed(a), Seed(b));
        return Chain2(ra.F.V.V, ra.Da.V.V, ra.Db.V.V, ra.Da.D.V, ra.Db.D.V, rb.Db.D.V, a, b);
    }

    public static HyperDual4 Min(HyperDual4 a, HyperDual4 b) => a.V <= b.V ? a : b;
    public static HyperDual4 Max(HyperDual4 a, HyperDual4 b) => a.V >= b.V ? a : b;

    public bool Equals(HyperDual4 other) =>
        V.Equals(other.V) && G.Equals(other.G) && H0.Equals(other.H0) && H1.Equals(other.H1) && H2.Equals(other.H2) && H3.Equals(other.H3);
    public override bool Equals(object? obj) => obj is HyperDual4 d && Equals(d);
    public override int GetHashCode() => HashCode.Combine(V, G, H0, H1, H2, H3);
    public override string ToString() => $"{V} + {G}ε + ½[{H0}, {H1}, {H2}, {H3}]ε²";
}
