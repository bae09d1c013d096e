using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Nabla.AutoDiff;

/// <summary>
/// A multi-directional dual number: one value and 4 tangents in one SIMD register
/// (<see cref="Vector256{T}"/>), the chunked forward mode of ForwardDiff.jl and Ceres' Jets. A
/// gradient of up to 4 variables, or 4 Jacobian columns, costs one pass. Elementary functions take
/// value and derivative from <see cref="ElementaryRules{S}"/>.
/// </summary>
public readonly struct Dual4 : IScalar<Dual4>
{
    public const int Width = 4;
    public readonly double V;
    public readonly Vector256<double> D;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Dual4(double v, Vector256<double> d) { V = v; D = d; }

    public double Value => V;
    public static Dual4 Zero => new(0, Vector256<double>.Zero);
    public static Dual4 One => new(1, Vector256<double>.Zero);

    /// <summary>The variable with value <paramref name="v"/> seeded in tangent slot <paramref name="slot"/>.</summary>
    public static Dual4 Variable(double v, int slot) => new(v, Units[slot]);

    static readonly Vector256<double>[] Units = MakeUnits();

    static Vector256<double>[] MakeUnits()
    {
        var units = new Vector256<double>[Width];
        Span<double> d = stackalloc double[Width];
        for (int i = 0; i < Width; i++)
        {
            d.Clear();
            d[i] = 1;
            units[i] = Vector256.Create((ReadOnlySpan<double>)d);
        }
        return units;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Dual4 Constant(double value) => new(value, Vector256<double>.Zero);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static implicit operator Dual4(double value) => new(value, Vector256<double>.Zero);

    // A zero tangent lane stays zero even when the local derivative is infinite (see Dual<S>).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<double> Scale(double derivative, Vector256<double> d)
    {
        var p = d * derivative;
        return double.IsFinite(derivative) ? p : Vector256.ConditionalSelect(Vector256.Equals(d, Vector256<double>.Zero), Vector256<double>.Zero, p);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] static Dual4 Chain((Real F, Real D) r, Vector256<double> d) => new(r.F.V, Scale(r.D.V, d));

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Dual4 operator +(Dual4 a, Dual4 b) => new(a.V + b.V, a.D + b.D);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Dual4 operator -(Dual4 a, Dual4 b) => new(a.V - b.V, a.D - b.D);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Dual4 operator *(Dual4 a, Dual4 b) => new(a.V * b.V, Scale(a.V, b.D) + Scale(b.V, a.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual4 operator /(Dual4 a, Dual4 b)
    {
        var q = a.V / b.V;
        return new(q, (a.D - Scale(q, b.D)) * (1 / b.V));
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Dual4 operator -(Dual4 a) => new(-a.V, -a.D);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator <(Dual4 a, Dual4 b) => a.V < b.V;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator >(Dual4 a, Dual4 b) => a.V > b.V;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator <=(Dual4 a, Dual4 b) => a.V <= b.V;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator >=(Dual4 a, Dual4 b) => a.V >= b.V;

    public static Dual4 Sin(Dual4 x) => Chain(ElementaryRules<Real>.Sin(x.V), x.D);
    public static Dual4 Cos(Dual4 x) => Chain(ElementaryRules<Real>.Cos(x.V), x.D);
    public static Dual4 Tan(Dual4 x) => Chain(ElementaryRules<Real>.Tan(x.V), x.D);
    public static Dual4 Asin(Dual4 x) => Chain(ElementaryRules<Real>.Asin(x.V), x.D);
    public static Dual4 Acos(Dual4 x) => Chain(ElementaryRules<Real>.Acos(x.V), x.D);
    public static Dual4 Atan(Dual4 x) => Chain(ElementaryRules<Real>.Atan(x.V), x.D);
    public static Dual4 Sinh(Dual4 x) => Chain(ElementaryRules<Real>.Sinh(x.V), x.D);
    public static Dual4 Cosh(Dual4 x) => Chain(ElementaryRules<Real>.Cosh(x.V), x.D);
    public static Dual4 Tanh(Dual4 x) => Chain(ElementaryRules<Real>.Tanh(x.V), x.D);
    public static Dual4 Exp(Dual4 x) => Chain(ElementaryRules<Real>.Exp(x.V), x.D);
    public static Dual4 Log(Dual4 x) => Chain(ElementaryRules<Real>.Log(x.V), x.D);
    public static Dual4 Sqrt(Dual4 x) => Chain(ElementaryRules<Real>.Sqrt(x.V), x.D);
    public static Dual4 Cbrt(Dual4 x) => Chain(ElementaryRules<Real>.Cbrt(x.V), x.D);
    public static Dual4 Abs(Dual4 x) => Chain(ElementaryRules<Real>.Abs(x.V), x.D);
    public static Dual4 Sign(Dual4 x) => Chain(ElementaryRules<Real>.Sign(x.V), x.D);
    public static Dual4 Pow(Dual4 x, int n) => Chain(ElementaryRules<Real>.Pow(x.V, n), x.D);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Dual4 Square(Dual4 x) => new(x.V * x.V, x.D * (2 * x.V));

    public static Dual4 Atan2(Dual4 y, Dual4 x)
    {
        var r = ElementaryRules<Real>.Atan2(y.V, x.V);
        return new(r.F.V, Scale(r.Dy.V, y.D) + Scale(r.Dx.V, x.D));
    }

    public static Dual4 Pow(Dual4 x, Dual4 y)
    {
        var r = ElementaryRules<Real>.Pow(x.V, y.V);
        return new(r.F.V, Scale(r.Dx.V, x.D) + Scale(r.Dy.V, y.D));
    }

    public static Dual4 Min(Dual4 a, Dual4 b) => a.V <= b.V ? a : b;
    public static Dual4 Max(Dual4 a, Dual4 b) => a.V >= b.V ? a : b;

    public bool Equals(Dual4 other) => V.Equals(other.V) && D.Equals(other.D);
    public override bool Equals(object? obj) => obj is Dual4 d && Equals(d);
    public override int GetHashCode() => HashCode.Combine(V, D);
    public override string ToString() => $"{V} + {D}ε";
}
