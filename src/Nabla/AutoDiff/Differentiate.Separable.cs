using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Nabla.AutoDiff;

public static partial class Differentiate
{
    /// <summary>
    /// The vectorized fast path for a partially separable function (<see cref="IElementFunction"/>):
    /// f(x) and its gradient, 8 elements per SIMD register, one forward pass per element input.
    /// Elements whose code branches differently across lanes are redone one at a time.
    /// </summary>
    public static double SeparableGradient<TE>(TE element, ReadOnlySpan<double> x, Span<double> gradient) where TE : IElementFunction
    {
        int n = x.Length;
        CheckLength(gradient.Length, n, nameof(gradient));
        int m = element.ElementCount(n), k = element.Arity, stride = element.Stride;
        CheckElements<TE>(n, m, k, stride);
        if (stride >= k && m > 0)
            return SeparableGradientDisjoint(element, x, gradient, m, k, stride);
        gradient.Clear();
        return SeparableSweep(element, x, default, gradient, default, default);
    }

    // Disjoint windows (stride ≥ arity): each gradient entry comes from exactly one element, so
    // results are stored rather than accumulated (no clearing pass over g where the windows tile
    // x), and pairwise windows (stride = arity = 2) are read and written with contiguous vector
    // loads and stores, deinterleaved and interleaved in registers, instead of gathers and scatters.
    [SkipLocalsInit]
    static unsafe double SeparableGradientDisjoint<TE>(TE element, ReadOnlySpan<double> x, Span<double> g, int m, int k, int stride) where TE : IElementFunction
    {
        const int W = Lanes8.Width;
        int n = x.Length;
        if (stride > k) g.Clear();                  // the gaps between windows are zero
        else g[(m * stride)..].Clear();              // windows tile [0, m·k): only the tail is not written
        // Inputs and outputs on 64-byte boundaries (see GroupPasses).
        const int A = SeparableSum<TE>.MaxArity;
        byte* raw = stackalloc byte[2 * A * sizeof(Lanes8) + 64];
        var xs = new Span<Lanes8>(Align64(raw), A);
        var gOut = new Span<Lanes8>((byte*)Align64(raw) + A * sizeof(Lanes8), A);
        bool pairs = k == 2 && stride == 2 && Avx512F.IsSupported;
        var even = Vector512.Create(0L, 2, 4, 6, 8, 10, 12, 14);
        var odd = Vector512.Create(1L, 3, 5, 7, 9, 11, 13, 15);
        var low = Vector512.Create(0L, 8, 1, 9, 2, 10, 3, 11);
        var high = Vector512.Create(4L, 12, 5, 13, 6, 14, 7, 15);
        ref double x0 = ref MemoryMarshal.GetReference(x);
        ref double g0 = ref MemoryMarshal.GetReference(g);
        var total = Vector512<double>.Zero;
        int e0 = 0;
        try
        {
            for (; e0 + W <= m; e0 += W)
            {
                ref double xe = ref Unsafe.Add(ref x0, e0 * stride);
                if (pairs)
                {
                    var a = Vector512.LoadUnsafe(ref xe);
                    var b = Vector512.LoadUnsafe(ref xe, (nuint)W);
                    xs[0] = new Lanes8(Avx512F.PermuteVar8x64x2(a, even, b));
                    xs[1] = new Lanes8(Avx512F.PermuteVar8x64x2(a, odd, b));
                }
                else
                {
                    for (int j = 0; j < k; j++) xs[j] = new Lanes8(Load(ref Unsafe.Add(ref xe, j), stride));
                }
                total += GroupPasses(element, k, xs, gOut);
                ref double ge = ref Unsafe.Add(ref g0, e0 * stride);
                if (pairs)
                {
                    Avx512F.PermuteVar8x64x2(gOut[0].V, low, gOut[1].V).StoreUnsafe(ref ge);
                    Avx512F.PermuteVar8x64x2(gOut[0].V, high, gOut[1].V).StoreUnsafe(ref ge, (nuint)W);
                }
                else
                {
                    for (int p = 0; p < k; p++)
                        for (int l = 0; l < W; l++) Unsafe.Add(ref ge, l * stride + p) = gOut[p].V.GetElement(l);
                }
            }
        }
        catch (LaneDivergenceException)
        {
            // This code branches on values: group e0 and the rest one element at a time.
        }
        double scalarTotal = 0;
        if (e0 < m)
        {
            if (stride == k) g[(e0 * stride)..(m * stride)].Clear();
            for (int e = e0; e < m; e++) scalarTotal += Single(element, e, k, x, default, g, default, default, n, false, false);
        }
        return Vector512.Sum(total) + scalarTotal;
    }

    // One forward pass per element input over 8 elements; the gradient lanes go to gOut.
    [SkipLocalsInit, MethodImpl(MethodImplOptions.AggressiveInlining)]
    static unsafe Vector512<double> GroupPasses<TE>(TE element, int k, ReadOnlySpan<Lanes8> xs, Span<Lanes8> gOut) where TE : IElementFunction
    {
        // The inputs on a 64-byte boundary: a 512-bit store that straddles two cache lines defeats
        // store-to-load forwarding when the element function reads its inputs back (3x slower).
        byte* raw = stackalloc byte[SeparableSum<TE>.MaxArity * sizeof(DualLanes8) + 64];
        var span = new Span<DualLanes8>(Align64(raw), k);
        Vector512<double> value = default;
        for (int p = 0; p < k; p++)
        {
            for (int j = 0; j < k; j++) span[j] = new DualLanes8(xs[j].V, j == p ? Vector512<double>.One : Vector512<double>.Zero);
            var y = element.Evaluate<DualLanes8>(span);
            value = y.V;
            gOut[p] = new Lanes8(y.D);
        }
        return value;
    }

    /// <summary>H(x)·v for a partially separable function (forward over forward per element, vectorized); also f(x) and, if wanted, the gradient.</summary>
    public static double SeparableHessianVectorProduct<TE>(TE element, ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv, Span<double> gradient = default) where TE : IElementFunction
    {
        int n = x.Length;
        CheckLength(v.Length, n, nameof(v));
        CheckLength(hv.Length, n, nameof(hv));
        if (!gradient.IsEmpty) CheckLength(gradient.Length, n, nameof(gradient));
        hv.Clear();
        gradient.Clear();
        return SeparableSweep(element, x, v, gradient, hv, default);
    }

    /// <summary>
    /// The Hessian (n·n row-major, exactly symmetric) of a partially separable function, assembled
    /// from element Hessians: the cost is proportional to the number of elements, not n².
    /// </summary>
    public static double SeparableHessian<TE>(TE element, ReadOnlySpan<double> x, Span<double> gradient, Span<double> hessian) where TE : IElementFunction
    {
        int n = x.Length;
        if (!gradient.IsEmpty) CheckLength(gradient.Length, n, nameof(gradient));
        CheckLength(hessian.Length, n * n, nameof(hessian));
        hessian.Clear();
        gradient.Clear();
        return SeparableSweep(element, x, default, gradient, default, hessian);
    }

    // The first 64-byte boundary in a stack buffer allocated 64 bytes longer than needed.
    static unsafe void* Align64(byte* p) => (void*)(((nuint)p + 63) & ~(nuint)63);

    // The arity is supported and windowed elements stay inside x (checked once, so the window
    // loads need no bounds checks).
    static void CheckElements<TE>(int n, int m, int k, int stride) where TE : IElementFunction
    {
        SeparableSum<TE>.CheckArity(k);
        if (stride > 0 && m > 0 && (long)(m - 1) * stride + k > n)
            throw new NablaInputException($"Element windows (stride {stride}, arity {k}, {m} elements) run past x of length {n}.");
    }

    // One routine for the three: what is wanted is given by which spans are non-empty.
    [SkipLocalsInit]
    static double SeparableSweep<TE>(TE element, ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> g, Span<double> hv, Span<double> h) where TE : IElementFunction
    {
        int n = x.Length, m = element.ElementCount(n), k = element.Arity, stride = element.Stride;
        CheckElements<TE>(n, m, k, stride);
        bool wantHv = !hv.IsEmpty, wantH = !h.IsEmpty;
        Span<int> idx = stackalloc int[SeparableSum<TE>.MaxArity * Lanes8.Width];
        Span<double> lane = stackalloc double[Lanes8.Width];
        Span<double> lane2 = stackalloc double[Lanes8.Width];
        Unsafe.SkipInit(out ElementBuffer<Lanes8> xs);
        Unsafe.SkipInit(out ElementBuffer<Lanes8> vs);
        var total = Vector512<double>.Zero;
        double scalarTotal = 0;
        bool vectorized = true;
        int e0 = 0;
        for (; vectorized && e0 + Lanes8.Width <= m; e0 += Lanes8.Width)
        {
            if (stride > 0)
            {
                // Windows: strided loads, no index calls, bounds checked once above.
                ref double x0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), e0 * stride);
                for (int j = 0; j < k; j++)
                {
                    ref double p = ref Unsafe.Add(ref x0, j);
                    xs[j] = new Lanes8(Load(ref p, stride));
                    for (int l = 0; l < Lanes8.Width; l++) idx[j * Lanes8.Width + l] = (e0 + l) * stride + j;
                    if (wantHv) vs[j] = new Lanes8(Load(ref Unsafe.Add(ref MemoryMarshal.GetReference(v), e0 * stride + j), stride));
                }
            }
            else
            for (int j = 0; j < k; j++)
            {
                for (int l = 0; l < Lanes8.Width; l++)
                {
                    int i = element.Index(e0 + l, j, n);
                    if ((uint)i >= (uint)n) throw new NablaInputException($"Element {e0 + l} reads x[{i}], outside 0..{n - 1}.");
                    idx[j * Lanes8.Width + l] = i;
                    lane[l] = x[i];
                    if (wantHv) lane2[l] = v[i];
                }
                xs[j] = new Lanes8(Vector512.Create((ReadOnlySpan<double>)lane));
                if (wantHv) vs[j] = new Lanes8(Vector512.Create((ReadOnlySpan<double>)lane2));
            }
            try
            {
                total += wantHv || wantH
                    ? Group(element, k, ref xs, ref vs, idx, g, hv, h, n, wantHv, wantH)
                    : GroupGradient(element, k, ref xs, idx, g);
            }
            catch (LaneDivergenceException)
            {
                vectorized = false;   // this code branches on values: do the rest one element at a time
                break;
            }
        }
        for (int e = e0; e < m; e++) scalarTotal += Single(element, e, k, x, v, g, hv, h, n, wantHv, wantH);
        return Vector512.Sum(total) + scalarTotal;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector512<double> Load(ref double p, int stride)
        => stride == 1 ? Vector512.LoadUnsafe(ref p)
         : Vector512.Create(p, Unsafe.Add(ref p, stride), Unsafe.Add(ref p, 2 * stride), Unsafe.Add(ref p, 3 * stride),
             Unsafe.Add(ref p, 4 * stride), Unsafe.Add(ref p, 5 * stride), Unsafe.Add(ref p, 6 * stride), Unsafe.Add(ref p, 7 * stride));

    // Adds the 8 lanes of v into target[idx[l]] (bounds already checked by the gather).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Scatter(Span<double> target, ReadOnlySpan<int> idx, Vector512<double> v)
    {
        ref double t = ref MemoryMarshal.GetReference(target);
        ref int i = ref MemoryMarshal.GetReference(idx);
        for (int l = 0; l < Lanes8.Width; l++) Unsafe.Add(ref t, Unsafe.Add(ref i, l)) += v.GetElement(l);
    }

    // Eight elements at once. Contributions are scattered only after every pass succeeded, so a
    // divergence leaves g, hv and h untouched for this group.
    [SkipLocalsInit]
    static Vector512<double> GroupGradient<TE>(TE element, int k, ref ElementBuffer<Lanes8> xs, ReadOnlySpan<int> idx, Span<double> g) where TE : IElementFunction
    {
        const int W = Lanes8.Width;
        Unsafe.SkipInit(out ElementBuffer<Lanes8> gOut);
        var value = GroupPasses(element, k, xs, gOut);
        for (int p = 0; p < k; p++) Scatter(g, idx[(p * W)..], gOut[p].V);
        return value;
    }

    [SkipLocalsInit]
    static Vector512<double> Group<TE>(TE element, int k, ref ElementBuffer<Lanes8> xs, ref ElementBuffer<Lanes8> vs, ReadOnlySpan<int> idx,
        Span<double> g, Span<double> hv, Span<double> h, int n, bool wantHv, bool wantH) where TE : IElementFunction
    {
        const int W = Lanes8.Width;
        Span<Vector512<double>> gOut = stackalloc Vector512<double>[SeparableSum<TE>.MaxArity];
        Span<Vector512<double>> hvOut = stackalloc Vector512<double>[SeparableSum<TE>.MaxArity];
        Span<Vector512<double>> hOut = wantH ? stackalloc Vector512<double>[SeparableSum<TE>.MaxArity * SeparableSum<TE>.MaxArity] : default;
        Vector512<double> value;
        if (wantHv || wantH)
        {
            Unsafe.SkipInit(out ElementBuffer<HyperDualLanes8> dd);
            var span = ((Span<HyperDualLanes8>)dd)[..k];
            value = default;
            var one = Vector512<double>.One;
            var zero = Vector512<double>.Zero;
            for (int p = 0; p < k; p++)
            {
                for (int q = wantH ? p : 0; q < (wantH ? k : 1); q++)
                {
                    for (int j = 0; j < k; j++)
                        span[j] = new HyperDualLanes8(xs[j].V, j == p ? one : zero, wantH ? (j == q ? one : zero) : vs[j].V, zero);
                    var y = element.Evaluate<HyperDualLanes8>(span);
                    value = y.A;
                    gOut[p] = y.B;
                    if (wantH) hOut[p * k + q] = y.D;
                    else hvOut[p] = y.D;
                }
            }
        }
        else
        {
            var d = new ElementBuffer<Dual<Lanes8>>();
            value = default;
            for (int p = 0; p < k; p++)
            {
                for (int j = 0; j < k; j++) d[j] = new Dual<Lanes8>(xs[j], j == p ? Lanes8.One : Lanes8.Zero);
                var y = element.Evaluate<Dual<Lanes8>>(((Span<Dual<Lanes8>>)d)[..k]);
                value = y.V.V;
                gOut[p] = y.D.V;
            }
        }
        Span<double> lane = stackalloc double[W];
        for (int p = 0; p < k; p++)
        {
            if (!g.IsEmpty) Scatter(g, idx[(p * W)..], gOut[p]);
            if (wantHv) Scatter(hv, idx[(p * W)..], hvOut[p]);
            if (wantH)
                for (int q = p; q < k; q++)
                {
                    hOut[p * k + q].CopyTo(lane);
                    for (int l = 0; l < W; l++)
                    {
                        int a = idx[p * W + l], b = idx[q * W + l];
                        h[a * n + b] += lane[l];
                        if (a != b) h[b * n + a] += lane[l];
                    }
                }
        }
        return value;
    }

    static double Single<TE>(TE element, int e, int k, ReadOnlySpan<double> x, ReadOnlySpan<double> v,
        Span<double> g, Span<double> hv, Span<double> h, int n, bool wantHv, bool wantH) where TE : IElementFunction
    {
        Span<int> idx = stackalloc int[SeparableSum<TE>.MaxArity];
        for (int j = 0; j < k; j++)
        {
            idx[j] = element.Index(e, j, n);
            if ((uint)idx[j] >= (uint)n) throw new NablaInputException($"Element {e} reads x[{idx[j]}], outside 0..{n - 1}.");
        }
        var dd = new ElementBuffer<Dual<Dual<Real>>>();
        double value = 0;
        for (int p = 0; p < k; p++)
            for (int q = wantH ? p : 0; q < (wantH ? k : 1); q++)
            {
                for (int j = 0; j < k; j++)
                {
                    double inner = wantH ? (j == q ? 1 : 0) : wantHv ? v[idx[j]] : 0;
                    dd[j] = new Dual<Dual<Real>>(new Dual<Real>(x[idx[j]], inner), new Dual<Real>(j == p ? 1 : 0, 0));
                }
                var y = element.Evaluate<Dual<Dual<Real>>>(((Span<Dual<Dual<Real>>>)dd)[..k]);
                value = y.V.V.V;
                if (q == (wantH ? p : 0) && !g.IsEmpty) g[idx[p]] += y.D.V.V;
                if (wantH)
                {
                    int a = idx[p], b = idx[q];
                    h[a * n + b] += y.D.D.V;
                    if (a != b) h[b * n + a] += y.D.D.V;
                }
                else if (wantHv) hv[idx[p]] += y.D.D.V;
            }
        return value;
    }
}
