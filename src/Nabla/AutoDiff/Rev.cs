using System.Runtime.CompilerServices;

namespace Nabla.AutoDiff;

/// <summary>
/// A reverse-mode variable: a value of type <typeparamref name="S"/> and the index of its node on
/// the calling thread's <see cref="Tape{S}"/> (-1 for a constant, which records nothing). Over
/// <see cref="Real"/> it gives gradients; over <see cref="Dual{S}"/> or <see cref="Dual8"/> the
/// reverse sweep runs in dual arithmetic and gives Hessian-vector products (forward over reverse).
/// </summary>
public readonly struct Rev<S> : IScalar<Rev<S>> where S : IScalar<S>
{
    public readonly S V;
    public readonly int Index;
    // The tape this variable lives on (null for a constant): carried along so that recording an
    // operation never looks up a thread-static.
    readonly Tape<S>? tape;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Rev(S v, int index, Tape<S>? tape) { V = v; Index = index; this.tape = tape; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    Rev(S v) { V = v; Index = -1; tape = null; }

    public double Value => V.Value;
    public static Rev<S> Zero { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => new(S.Zero); }
    public static Rev<S> One { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => new(S.One); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Rev<S> Constant(double value) => new(S.Constant(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Rev<S> Lift(S value) => new(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static implicit operator Rev<S>(double value) => new(S.Constant(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Rev<S> Unary(S f, Rev<S> x, S d) => x.tape is null ? new(f) : new(f, x.tape.Push(x.Index, d, -1, default!), x.tape);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Rev<S> Binary(S f, Rev<S> a, S da, Rev<S> b, S db)
    {
        if (a.tape is null) return b.tape is null ? new(f) : new(f, b.tape.Push(b.Index, db, -1, default!), b.tape);
        return new(f, a.tape.Push(a.Index, da, b.Index, db), a.tape);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Rev<S> operator +(Rev<S> a, Rev<S> b) => Binary(a.V + b.V, a, S.One, b, S.One);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Rev<S> operator -(Rev<S> a, Rev<S> b) => Binary(a.V - b.V, a, S.One, b, -S.One);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Rev<S> operator *(Rev<S> a, Rev<S> b) => Binary(a.V * b.V, a, b.V, b, a.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Rev<S> operator /(Rev<S> a, Rev<S> b)
    {
        var r = S.One / b.V;
        var q = a.V * r;
        return Binary(q, a, r, b, -q * r);
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Rev<S> operator -(Rev<S> a) => Unary(-a.V, a, -S.One);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator <(Rev<S> a, Rev<S> b) => a.V < b.V;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator >(Rev<S> a, Rev<S> b) => a.V > b.V;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator <=(Rev<S> a, Rev<S> b) => a.V <= b.V;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator >=(Rev<S> a, Rev<S> b) => a.V >= b.V;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] static Rev<S> Chain((S F, S D) r, Rev<S> x) => Unary(r.F, x, r.D);

    public static Rev<S> Sin(Rev<S> x) => Chain(ElementaryRules<S>.Sin(x.V), x);
    public static Rev<S> Cos(Rev<S> x) => Chain(ElementaryRules<S>.Cos(x.V), x);
    public static Rev<S> Tan(Rev<S> x) => Chain(ElementaryRules<S>.Tan(x.V), x);
    public static Rev<S> Asin(Rev<S> x) => Chain(ElementaryRules<S>.Asin(x.V), x);
    public static Rev<S> Acos(Rev<S> x) => Chain(ElementaryRules<S>.Acos(x.V), x);
    public static Rev<S> Atan(Rev<S> x) => Chain(ElementaryRules<S>.Atan(x.V), x);
    public static Rev<S> Sinh(Rev<S> x) => Chain(ElementaryRules<S>.Sinh(x.V), x);
    public static Rev<S> Cosh(Rev<S> x) => Chain(ElementaryRules<S>.Cosh(x.V), x);
    public static Rev<S> Tanh(Rev<S> x) => Chain(ElementaryRules<S>.Tanh(x.V), x);
    public static Rev<S> Exp(Rev<S> x) => Chain(ElementaryRules<S>.Exp(x.V), x);
    public static Rev<S> Log(Rev<S> x) => Chain(ElementaryRules<S>.Log(x.V), x);
    public static Rev<S> Sqrt(Rev<S> x) => Chain(ElementaryRules<S>.Sqrt(x.V), x);
    public static Rev<S> Cbrt(Rev<S> x) => Chain(ElementaryRules<S>.Cbrt(x.V), x);
    public static Rev<S> Abs(Rev<S> x) => Chain(ElementaryRules<S>.Abs(x.V), x);
    public static Rev<S> Sign(Rev<S> x) => Chain(ElementaryRules<S>.Sign(x.V), x);
    public static Rev<S> Pow(Rev<S> x, int n) => Chain(ElementaryRules<S>.Pow(x.V, n), x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Rev<S> Square(Rev<S> x) => Unary(x.V * x.V, x, S.Constant(2) * x.V);

    public static Rev<S> Atan2(Rev<S> y, Rev<S> x)
    {
        var r = ElementaryRules<S>.Atan2(y.V, x.V);
        return Binary(r.F, y, r.Dy, x, r.Dx);
    }

    public static Rev<S> Pow(Rev<S> x, Rev<S> y)
    {
        var r = ElementaryRules<S>.Pow(x.V, y.V);
        return Binary(r.F, x, r.Dx, y, r.Dy);
    }

    public static Rev<S> Min(Rev<S> a, Rev<S> b) => a.V <= b.V ? a : b;
    public static Rev<S> Max(Rev<S> a, Rev<S> b) => a.V >= b.V ? a : b;

    public bool Equals(Rev<S> other) => V.Equals(other.V) && Index == other.Index;
    public override bool Equals(object? obj) => obj is Rev<S> r && Equals(r);
    public override int GetHashCode() => HashCode.Combine(V, Index);

    internal Tape<S>? Owner => tape;
    public override string ToString() => $"{V} @{Index}";
}
