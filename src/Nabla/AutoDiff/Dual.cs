using System.Runtime.CompilerServices;

namespace Nabla.AutoDiff;

/// <summary>
/// A dual number V + D·ε (ε² = 0) over any scalar <typeparamref name="S"/>: forward mode. Over
/// <see cref="Real"/> it carries one directional derivative; over another dual it gives second
/// derivatives; nested inside a generic function it is a new perturbation level whose type is its
/// tag, so an inner derivative can never confuse its ε with an outer one (the type system keeps
/// them apart, see docs/autodiff.md).
/// </summary>
/// <remarks>
/// A zero tangent stays zero even when the local derivative is infinite or NaN (sqrt at 0 with a
/// tangent along another variable): a variable that does not move contributes nothing.
/// </remarks>
public readonly record struct Dual<S>(S V, S D) : IScalar<Dual<S>> where S : IScalar<S>
{
    public double Value => V.Value;
    public static Dual<S> Zero => new(S.Zero, S.Zero);
    public static Dual<S> One => new(S.One, S.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Dual<S> Constant(double value) => new(S.Constant(value), S.Zero);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Dual<S> Lift(S value) => new(value, S.Zero);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static implicit operator Dual<S>(double value) => new(S.Constant(value), S.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static S Scale(S derivative, S tangent) => tangent.Equals(S.Zero) ? S.Zero : derivative * tangent;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Dual<S> Chain((S F, S D) r, S tangent) => new(r.F, Scale(r.D, tangent));

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Dual<S> operator +(Dual<S> a, Dual<S> b) => new(a.V + b.V, a.D + b.D);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Dual<S> operator -(Dual<S> a, Dual<S> b) => new(a.V - b.V, a.D - b.D);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Dual<S> operator *(Dual<S> a, Dual<S> b) => new(a.V * b.V, Scale(a.V, b.D) + Scale(b.V, a.D));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<S> operator /(Dual<S> a, Dual<S> b)
    {
        var q = a.V / b.V;
        return new(q, (a.D - Scale(q, b.D)) / b.V);
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Dual<S> operator -(Dual<S> a) => new(-a.V, -a.D);

    public static bool operator <(Dual<S> a, Dual<S> b) => a.V < b.V;
    public static bool operator >(Dual<S> a, Dual<S> b) => a.V > b.V;
    public static bool operator <=(Dual<S> a, Dual<S> b) => a.V <= b.V;
    public static bool operator >=(Dual<S> a, Dual<S> b) => a.V >= b.V;

    public static Dual<S> Sin(Dual<S> x) => Chain(ElementaryRules<S>.Sin(x.V), x.D);
    public static Dual<S> Cos(Dual<S> x) => Chain(ElementaryRules<S>.Cos(x.V), x.D);
    public static Dual<S> Tan(Dual<S> x) => Chain(ElementaryRules<S>.Tan(x.V), x.D);
    public static Dual<S> Asin(Dual<S> x) => Chain(ElementaryRules<S>.Asin(x.V), x.D);
    public static Dual<S> Acos(Dual<S> x) => Chain(ElementaryRules<S>.Acos(x.V), x.D);
    public static Dual<S> Atan(Dual<S> x) => Chain(ElementaryRules<S>.Atan(x.V), x.D);
    public static Dual<S> Sinh(Dual<S> x) => Chain(ElementaryRules<S>.Sinh(x.V), x.D);
    public static Dual<S> Cosh(Dual<S> x) => Chain(ElementaryRules<S>.Cosh(x.V), x.D);
    public static Dual<S> Tanh(Dual<S> x) => Chain(ElementaryRules<S>.Tanh(x.V), x.D);
    public static Dual<S> Exp(Dual<S> x) => Chain(ElementaryRules<S>.Exp(x.V), x.D);
    public static Dual<S> Log(Dual<S> x) => Chain(ElementaryRules<S>.Log(x.V), x.D);
    public static Dual<S> Sqrt(Dual<S> x) => Chain(ElementaryRules<S>.Sqrt(x.V), x.D);
    public static Dual<S> Cbrt(Dual<S> x) => Chain(ElementaryRules<S>.Cbrt(x.V), x.D);
    public static Dual<S> Abs(Dual<S> x) => Chain(ElementaryRules<S>.Abs(x.V), x.D);
    public static Dual<S> Sign(Dual<S> x) => Chain(ElementaryRules<S>.Sign(x.V), x.D);
    public static Dual<S> Pow(Dual<S> x, int n) => Chain(ElementaryRules<S>.Pow(x.V, n), x.D);

    public static Dual<S> Atan2(Dual<S> y, Dual<S> x)
    {
        var r = ElementaryRules<S>.Atan2(y.V, x.V);
        return new(r.F, Scale(r.Dy, y.D) + Scale(r.Dx, x.D));
    }

    public static Dual<S> Pow(Dual<S> x, Dual<S> y)
    {
        var r = ElementaryRules<S>.Pow(x.V, y.V);
        return new(r.F, Scale(r.Dx, x.D) + Scale(r.Dy, y.D));
    }

    public static Dual<S> Min(Dual<S> a, Dual<S> b) => a.V <= b.V ? a : b;
    public static Dual<S> Max(Dual<S> a, Dual<S> b) => a.V >= b.V ? a : b;

    public override string ToString() => $"{V} + {D}ε";
}
