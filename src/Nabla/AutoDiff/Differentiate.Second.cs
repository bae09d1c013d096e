using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Nabla.AutoDiff;

public static partial class Differentiate
{
    /// <summary>
    /// The Hessian-vector product H(x)·v by forward over reverse: one taped evaluation in dual
    /// arithmetic (<see cref="Rev{S}"/> over <see cref="Dual{S}"/>) and one reverse sweep, a small
    /// constant multiple of the cost of f. Returns f(x).
    /// </summary>
    public static double HessianVectorProduct<TF>(TF f, ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv) where TF : IScalarFunction
        => HessianVectorProduct(f, x, v, hv, default);

    /// <summary>H(x)·v, and also the gradient into <paramref name="gradient"/> (empty span: not wanted). Returns f(x).</summary>
    public static double HessianVectorProduct<TF>(TF f, ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv, Span<double> gradient) where TF : IScalarFunction
    {
        int n = x.Length;
        CheckLength(v.Length, n, nameof(v));
        CheckLength(hv.Length, n, nameof(hv));
        if (!gradient.IsEmpty) CheckLength(gradient.Length, n, nameof(gradient));
        if (n > 0 && n <= HyperDual4.Width)
            return HessianVectorProductForward4(f, x, v, hv, gradient);
        var tape = Tape<Dual<Real>>.Current;
        int mark = tape.Mark();
        var small = new ElementBuffer<Rev<Dual<Real>>>();   // no pool round trip for small n
        var buf = n <= SeparableSum<DummyElement>.MaxArity ? null : ArrayPool<Rev<Dual<Real>>>.Shared.Rent(n);
        try
        {
            var xs = buf is null ? ((Span<Rev<Dual<Real>>>)small)[..n] : buf.AsSpan(0, n);
            for (int i = 0; i < n; i++) xs[i] = tape.Variable(new Dual<Real>(x[i], v[i]));
            var y = f.Evaluate<Rev<Dual<Real>>>(xs);
            tape.Backpropagate(y, mark);
            var adj = tape.Adjoints;
            for (int i = 0; i < n; i++) hv[i] = adj[mark + i].D.V;
            if (!gradient.IsEmpty)
                for (int i = 0; i < n; i++) gradient[i] = adj[mark + i].V.V;
            return y.Value;
        }
        finally
        {
            tape.Truncate(mark);
            if (buf is not null) ArrayPool<Rev<Dual<Real>>>.Shared.Return(buf);
        }
    }

    /// <summary>
    /// The full Hessian (n·n, row-major) and gradient: for n ≤ 4 one tape-free pass of second-order
    /// forward mode (<see cref="HyperDual4"/>), otherwise chunked forward over reverse, ⌈n/8⌉ taped
    /// passes over <see cref="Dual8"/>, each giving 8 Hessian columns. The result is made exactly
    /// symmetric by averaging H and Hᵀ. Returns f(x).
    /// </summary>
    public static double Hessian<TF>(TF f, ReadOnlySpan<double> x, Span<double> gradient, Span<double> hessian) where TF : IScalarFunction
    {
        int n = x.Length;
        if (!gradient.IsEmpty) CheckLength(gradient.Length, n, nameof(gradient));
        CheckLength(hessian.Length, n * n, nameof(hessian));
        if (n > 0 && n <= HyperDual4.Width)
            return HessianForward4(f, x, gradient, hessian);
        return HessianForwardOverReverse(f, x, gradient, hessian);
    }

    /// <summary>The Hessian by chunked forward over reverse (any n); see <see cref="Hessian{TF}"/>.</summary>
    public static double HessianForwardOverReverse<TF>(TF f, ReadOnlySpan<double> x, Span<double> gradient, Span<double> hessian) where TF : IScalarFunction
    {
        int n = x.Length;
        if (!gradient.IsEmpty) CheckLength(gradient.Length, n, nameof(gradient));
        CheckLength(hessian.Length, n * n, nameof(hessian));
        if (n == 0) return Value(f, x);   // otherwise every pass computes f(x) anyway
        var tape = Tape<Dual8>.Current;
        var buf = ArrayPool<Rev<Dual8>>.Shared.Rent(n);
        Span<double> lanes = stackalloc double[Dual8.Width];
        double value = 0;
        try
        {
            for (int k = 0; k < n; k += Dual8.Width)
            {
                int mark = tape.Mark();
                try
                {
                    for (int i = 0; i < n; i++)
                        buf[i] = tape.Variable(i >= k && i < k + Dual8.Width ? Dual8.Variable(x[i], i - k) : Dual8.Constant(x[i]));
                    var y = f.Evaluate<Rev<Dual8>>(buf.AsSpan(0, n));
                    value = y.Value;
                    tape.Backpropagate(y, mark);
                    var adj = tape.Adjoints;
                    int width = Math.Min(Dual8.Width, n - k);
                    for (int i = 0; i < n; i++)
                    {
                        var a = adj[mark + i];
                        if (k == 0 && !gradient.IsEmpty) gradient[i] = a.V;
                        a.D.CopyTo(lanes);
                        for (int j = 0; j < width; j++) hessian[i * n + k + j] = lanes[j];
                    }
                }
                finally { tape.Truncate(mark); }
            }
            Symmetrize(hessian, n);
            return value;
        }
        finally { ArrayPool<Rev<Dual8>>.Shared.Return(buf); }
    }

    // n ≤ 4: the whole Hessian from one tape-free HyperDual4 pass, then H·v. Measured cheaper
    // than a Dual<Dual4> forward-over-forward pass (61 vs 93 ns on Rosenbrock, 273 vs 407 ns on
    // Helical valley), whose generic nested struct the JIT copies through memory.
    [SkipLocalsInit]
    static double HessianVectorProductForward4<TF>(TF f, ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv, Span<double> gradient) where TF : IScalarFunction
    {
        int n = x.Length;
        Span<double> h = stackalloc double[HyperDual4.Width * HyperDual4.Width];
        h = h[..(n * n)];
        double value = HessianForward4(f, x, gradient, h);
        for (int i = 0; i < n; i++)
        {
            // A zero direction component contributes nothing, even against an infinite entry.
            double s = 0;
            for (int j = 0; j < n; j++)
                if (v[j] != 0) s += h[i * n + j] * v[j];
            hv[i] = s;
        }
        return value;
    }

    [SkipLocalsInit]
    static double HessianForward4<TF>(TF f, ReadOnlySpan<double> x, Span<double> gradient, Span<double> hessian) where TF : IScalarFunction
    {
        int n = x.Length;
        Unsafe.SkipInit(out ElementBuffer<HyperDual4> buffer);
        var xs = ((Span<HyperDual4>)buffer)[..n];
        for (int i = 0; i < n; i++) xs[i] = HyperDual4.Variable(x[i], i);
        var y = f.Evaluate<HyperDual4>(xs);
        for (int i = 0; i < n; i++)
        {
            if (!gradient.IsEmpty) gradient[i] = y.G.GetElement(i);
            var row = y.Row(i);
            for (int j = 0; j < n; j++) hessian[i * n + j] = row.GetElement(j);
        }
        Symmetrize(hessian, n);
        return y.V;
    }

    internal static void Symmetrize(Span<double> h, int n)
    {
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                double m = 0.5 * (h[i * n + j] + h[j * n + i]);
                h[i * n + j] = m;
                h[j * n + i] = m;
            }
    }
}
