using System.Runtime.CompilerServices;

namespace Nabla.AutoDiff;

/// <summary>
/// A truncated univariate Taylor series t ↦ Σ_{k≤K} c_k t^k (c_k = f^(k)/k!): Taylor mode of any
/// order K. A non-constant keeps its K+1 coefficients in the thread's <see cref="TaylorContext"/>
/// arena; a constant keeps only its value (its higher coefficients are zero whatever K is), which
/// is how constants work without knowing the order. Valid only inside the
/// <see cref="Differentiate"/> call that created the variables.
/// </summary>
public readonly struct Taylor : IScalar<Taylor>
{
    readonly double c;      // the value when constant
    readonly int offset;    // arena offset of the coefficients, or -1 for a constant

    Taylor(double constant) { c = constant; offset = -1; }
    Taylor(int offset, double value0) { c = value0; this.offset = offset; }

    /// <summary>True when every coefficient above the 0th is zero by construction.</summary>
    public bool IsConstant => offset < 0;
    public double Value => c;
    public static Taylor Zero => new(0.0);
    public static Taylor One => new(1.0);
    public static Taylor Constant(double value) => new(value);
    public static implicit operator Taylor(double value) => new(value);

    /// <summary>The coefficient of t^k (0 for a constant's k ≥ 1).</summary>
    public double this[int k] => offset < 0 ? (k == 0 ? c : 0) : TaylorContext.Current.Buffer[offset + k];

    /// <summary>Copies coefficients 0..K into <paramref name="destination"/> (length K+1).</summary>
    public void CopyTo(Span<double> destination)
    {
        if (offset < 0) { destination.Clear(); destination[0] = c; }
        else TaylorContext.Current.Slice(offset).CopyTo(destination);
    }

    /// <summary>The series x0 + t·v (a variable moving with speed v).</summary>
    public static Taylor Line(double x0, double v)
    {
        var ctx = TaylorContext.Current;
        int o = ctx.Alloc();
        var s = ctx.Slice(o);
        s.Clear();
        s[0] = x0;
        if (s.Length > 1) s[1] = v;
        return new(o, x0);
    }

    static TaylorContext Ctx => TaylorContext.Current;

    static Taylor New(out Span<double> coefficients)
    {
        var ctx = Ctx;
        int o = ctx.Alloc();
        coefficients = ctx.Slice(o);
        return new(o, 0);
    }

    static Taylor Done(Taylor t, ReadOnlySpan<double> s) => new(t.offset, s[0]);

    // Coefficients of a (a constant is materialised in a scratch slot).
    ReadOnlySpan<double> Coeffs()
    {
        var ctx = Ctx;
        if (offset >= 0) return ctx.Slice(offset);
        int o = ctx.Alloc();
        var s = ctx.Slice(o);
        s.Clear();
        s[0] = c;
        return s;
    }

    public static Taylor operator +(Taylor a, Taylor b)
    {
        if (a.offset < 0 && b.offset < 0) return new(a.c + b.c);
        if (a.offset < 0) return Shift(b, a.c);
        if (b.offset < 0) return Shift(a, b.c);
        var r = New(out var s);
        var x = Ctx.Slice(a.offset);
        var y = Ctx.Slice(b.offset);
        for (int k = 0; k < s.Length; k++) s[k] = x[k] + y[k];
        return Done(r, s);
    }

    public static Taylor operator -(Taylor a, Taylor b) => a + -b;

    public static Taylor operator -(Taylor a) => Scale(a, -1);

    static Taylor Shift(Taylor a, double d)
    {
        var r = New(out var s);
        Ctx.Slice(a.offset).CopyTo(s);
        s[0] += d;
        return Done(r, s);
    }

    static Taylor Scale(Taylor a, double d)
    {
        if (a.offset < 0) return new(a.c * d);
        var r = New(out var s);
        var x = Ctx.Slice(a.offset);
        for (int k = 0; k < s.Length; k++) s[k] = x[k] * d;
        return Done(r, s);
    }

    public static Taylor operator *(Taylor a, Taylor b)
    {
        if (a.offset < 0) return Scale(b, a.c);
        if (b.offset < 0) return Scale(a, b.c);
        var r = New(out var s);
        TaylorKernels.Mul(Ctx.Slice(a.offset), Ctx.Slice(b.offset), s);
        return Done(r, s);
    }

    public static Taylor operator /(Taylor a, Taylor b)
    {
        if (b.offset < 0) return Scale(a, 1 / b.c);
        var x = a.Coeffs();
        var r = New(out var s);
        TaylorKernels.Div(x, Ctx.Slice(b.offset), s);
        return Done(r, s);
    }

    public static bool operator <(Taylor a, Taylor b) => a.c < b.c;
    public static bool operator >(Taylor a, Taylor b) => a.c > b.c;
    public static bool operator <=(Taylor a, Taylor b) => a.c <= b.c;
    public static bool operator >=(Taylor a, Taylor b) => a.c >= b.c;

    delegate void Kernel(ReadOnlySpan<double> a, Span<double> r);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Taylor Apply(Taylor x, Func<double, double> f, Kernel k)
    {
        if (x.offset < 0) return new(f(x.c));
        var r = New(out var s);
        k(Ctx.Slice(x.offset), s);
        return Done(r, s);
    }

    public static Taylor Exp(Taylor x) => Apply(x, Math.Exp, TaylorKernels.Exp);
    public static Taylor Log(Taylor x) => Apply(x, Math.Log, TaylorKernels.Log);
    public static Taylor Sqrt(Taylor x) => Apply(x, Math.Sqrt, TaylorKernels.Sqrt);
    public static Taylor Cbrt(Taylor x) => Apply(x, Math.Cbrt, (a, r) => TaylorKernels.PowConst(a, 1.0 / 3, Math.Cbrt(a[0]), r));

    static Taylor SinCos(Taylor x, bool wantSin, bool hyperbolic)
    {
        if (x.offset < 0)
            return new(hyperbolic ? (wantSin ? Math.Sinh(x.c) : Math.Cosh(x.c)) : (wantSin ? Math.Sin(x.c) : Math.Cos(x.c)));
        var ctx = Ctx;
        int o1 = ctx.Alloc(), o2 = ctx.Alloc();
        var a = ctx.Slice(x.offset);
        var s = ctx.Slice(o1);
        var co = ctx.Slice(o2);
        if (hyperbolic) TaylorKernels.SinhCosh(a, s, co);
        else TaylorKernels.SinCos(a, s, co);
        return wantSin ? new(o1, s[0]) : new(o2, co[0]);
    }

    public static Taylor Sin(Taylor x) => SinCos(x, true, false);
    public static Taylor Cos(Taylor x) => SinCos(x, false, false);
    public static Taylor Sinh(Taylor x) => SinCos(x, true, true);
    public static Taylor Cosh(Taylor x) => SinCos(x, false, true);

    static Taylor TanLike(Taylor x, bool hyperbolic)
    {
        if (x.offset < 0) return new(hyperbolic ? Math.Tanh(x.c) : Math.Tan(x.c));
        var ctx = Ctx;
        int o1 = ctx.Alloc(), o2 = ctx.Alloc();
        var a = ctx.Slice(x.offset);
        TaylorKernels.TanLike(a, ctx.Slice(o1), ctx.Slice(o2), hyperbolic ? Math.Tanh(a[0]) : Math.Tan(a[0]), hyperbolic ? -1 : 1);
        return new(o1, ctx.Buffer[o1]);
    }

    public static Taylor Tan(Taylor x) => TanLike(x, false);
    public static Taylor Tanh(Taylor x) => TanLike(x, true);

    // f with f' = a'/w.
    static Taylor Integrate(Taylor a, Taylor w, double value0)
    {
        var wc = w.Coeffs();
        var r = New(out var s);
        TaylorKernels.IntegrateQuotient(Ctx.Slice(a.offset), wc, s, value0);
        return Done(r, s);
    }

    public static Taylor Atan(Taylor x) => x.offset < 0 ? new(Math.Atan(x.c)) : Integrate(x, One + x * x, Math.Atan(x.c));
    public static Taylor Asin(Taylor x) => x.offset < 0 ? new(Math.Asin(x.c)) : Integrate(x, Sqrt(One - x * x), Math.Asin(x.c));
    public static Taylor Acos(Taylor x) => x.offset < 0 ? new(Math.Acos(x.c)) : Shift(-Integrate(x, Sqrt(One - x * x), Math.Asin(x.c)), Math.PI / 2);

    public static Taylor Atan2(Taylor y, Taylor x)
    {
        if (y.offset < 0 && x.offset < 0) return new(Math.Atan2(y.c, x.c));
        // f' = (x y' - y x') / (x² + y²), integrated term by term; the value comes from Math.Atan2.
        var ctx = Ctx;
        var w = x * x + y * y;
        var u = x * Derivative(y) - y * Derivative(x);
        var q = u / w;
        var r = New(out var s);
        var qs = ctx.Slice(q.offset);
        s[0] = Math.Atan2(y.c, x.c);
        for (int k = 1; k < s.Length; k++) s[k] = qs[k - 1] / k;
        return Done(r, s);
    }

    // The series of d/dt (truncated: the top coefficient is unknown and set to 0, it only feeds
    // coefficients that Atan2 discards).
    static Taylor Derivative(Taylor a)
    {
        if (a.offset < 0) return Zero;
        var r = New(out var s);
        var x = Ctx.Slice(a.offset);
        for (int k = 0; k + 1 < s.Length; k++) s[k] = (k + 1) * x[k + 1];
        s[^1] = 0;
        return Done(r, s);
    }

    public static Taylor Abs(Taylor x)
    {
        if (x.offset < 0) return new(Math.Abs(x.c));
        // The sign of the first non-zero coefficient: |a(t)| for small t > 0 (right-sided at a zero).
        var a = Ctx.Slice(x.offset);
        foreach (var v in a)
            if (v != 0) return v > 0 ? x : -x;
        return x;
    }

    public static Taylor Sign(Taylor x)
    {
        if (x.offset < 0 || x.c != 0) return new(double.IsNaN(x.c) ? double.NaN : Math.Sign(x.c));
        var r = New(out var s);
        s.Fill(double.NaN);
        s[0] = 0;
        return Done(r, s);
    }

    public static Taylor Pow(Taylor x, int n)
    {
        if (x.offset < 0) return new(Math.Pow(x.c, n));
        if (n == 0) return One;
        if (x.c != 0)
        {
            var r = New(out var s);
            TaylorKernels.PowConst(Ctx.Slice(x.offset), n, Math.Pow(x.c, n), s);
            return Done(r, s);
        }
        // At a zero value: exact repeated squaring.
        var p = One;
        var b = x;
        for (int m = Math.Abs(n); m > 0; m >>= 1)
        {
            if ((m & 1) != 0) p *= b;
            if (m > 1) b *= b;
        }
        return n > 0 ? p : One / p;
    }

    public static Taylor Pow(Taylor x, Taylor y)
    {
        if (y.offset < 0)
        {
            if (x.offset < 0) return new(Math.Pow(x.c, y.c));
            if (y.c == Math.Round(y.c) && Math.Abs(y.c) <= int.MaxValue) return Pow(x, (int)y.c);
            var r = New(out var s);
            TaylorKernels.PowConst(Ctx.Slice(x.offset), y.c, Math.Pow(x.c, y.c), s);
            return Done(r, s);
        }
        if (x.offset < 0 && x.c == 0) return y.c > 0 ? Zero : new(Math.Pow(0, y.c));
        return Exp(y * Log(x));
    }

    public static Taylor Min(Taylor a, Taylor b) => a.c <= b.c ? a : b;
    public static Taylor Max(Taylor a, Taylor b) => a.c >= b.c ? a : b;
    public static Taylor Square(Taylor x) => x * x;

    public bool Equals(Taylor other) => offset == other.offset && c.Equals(other.c);
    public override bool Equals(object? obj) => obj is Taylor t && Equals(t);
    public override int GetHashCode() => HashCode.Combine(c, offset);
    public override string ToString() => offset < 0 ? $"{c} (constant)" : $"{c} + O(t)";
}
