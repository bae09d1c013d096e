using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Nabla.Curvature;

/// <summary>
/// The few dense kernels the fused MLP Hessian-vector product needs: C = A B (row-major) with a
/// 4×8 register-blocked FMA micro-kernel, and a transpose. Rows of C are split across cores for
/// large products; each thread writes its own rows, so results do not depend on the thread count.
/// </summary>
internal static class DenseKernels
{
    /// <summary>Products with fewer multiply-adds than this stay on one thread.</summary>
    private const long ParallelThreshold = 400_000;

    /// <summary>Threads a large product may use (default: the processor count; NABLA_THREADS overrides).</summary>
    public static int MaxThreads { get; set; } =
        int.TryParse(Environment.GetEnvironmentVariable("NABLA_THREADS"), out int t) && t > 0 ? t : Environment.ProcessorCount;

    /// <summary>C (m×n) = A (m×k) · B (k×n), or C += A·B when <paramref name="accumulate"/>.</summary>
    public static void Gemm(double[] a, int m, int k, double[] b, int n, double[] c, bool accumulate = false)
        => Gemm(a, k, 1, m, k, b, n, c, accumulate);

    /// <summary>C (m×n) = Aᵀ · B for A stored row-major as k×m (no transposed copy), B k×n.</summary>
    public static void GemmTransA(double[] a, int m, int k, double[] b, int n, double[] c, bool accumulate = false)
        => Gemm(a, 1, m, m, k, b, n, c, accumulate);

    /// <summary>C = op(A) · B where op(A)(i, p) = a[i·rs + p·cs].</summary>
    private static void Gemm(double[] a, int rs, int cs, int m, int k, double[] b, int n, double[] c, bool accumulate)
    {
        if (!accumulate)
            Array.Clear(c, 0, m * n);
        long work = (long)m * n * k;
        int blocks = (m + 3) / 4;
        if (MaxThreads > 1 && work >= ParallelThreshold && blocks >= 8)
        {
            int chunks = Math.Min(MaxThreads, blocks / 4);
            Parallel.For(0, chunks, t =>
            {
                int b0 = (int)((long)blocks * t / chunks), b1 = (int)((long)blocks * (t + 1) / chunks);
                Rows(a, rs, cs, k, b, n, c, b0 * 4, Math.Min(m, b1 * 4));
            });
        }
        else
            Rows(a, rs, cs, k, b, n, c, 0, m);
    }

    private static void Rows(double[] a, int rs, int cs, int k, double[] b, int n, double[] c, int r0, int r1)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            for (int i0 = r0; i0 < r1; i0++)
                for (int j = 0; j < n; j++)
                    c[i0 * n + j] += DotColumn(a, rs, cs, k, b, n, i0, j);
            return;
        }
        int i = r0;
        for (; i + 4 <= r1; i += 4)
        {
            int j = 0;
            for (; j + 8 <= n; j += 8)
                Micro4x8(a, rs, cs, k, b, n, c, i, j);
            for (; j + 4 <= n; j += 4)
                Micro4x4(a, rs, cs, k, b, n, c, i, j);
            for (; j < n; j++)
                Micro4x1(a, rs, cs, k, b, n, c, i, j);
        }
        for (; i < r1; i++)
        {
            int j = 0;
            for (; j + 4 <= n; j += 4)
                Micro1x4(a, rs, cs, k, b, n, c, i, j);
            for (; j < n; j++)
                c[i * n + j] += DotColumn(a, rs, cs, k, b, n, i, j);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double DotColumn(double[] a, int rs, int cs, int k, double[] b, int n, int i, int j)
    {
        double s = 0;
        int ai = i * rs;
        for (int p = 0; p < k; p++)
            s += a[ai + p * cs] * b[p * n + j];
        return s;
    }

    private static void Micro4x1(double[] a, int rs, int cs, int k, double[] b, int n, double[] c, int i, int j)
    {
        ref double ar = ref a[0];
        ref double br = ref b[0];
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int a0 = i * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        for (int p = 0; p < k; p++)
        {
            double bv = Unsafe.Add(ref br, p * n + j);
            int o = p * cs;
            s0 += Unsafe.Add(ref ar, a0 + o) * bv;
            s1 += Unsafe.Add(ref ar, a1 + o) * bv;
            s2 += Unsafe.Add(ref ar, a2 + o) * bv;
            s3 += Unsafe.Add(ref ar, a3 + o) * bv;
        }
        c[i * n + j] += s0;
        c[(i + 1) * n + j] += s1;
        c[(i + 2) * n + j] += s2;
        c[(i + 3) * n + j] += s3;
    }

    private static void Micro1x4(double[] a, int rs, int cs, int k, double[] b, int n, double[] c, int i, int j)
    {
        ref double ar = ref a[0];
        ref double br = ref b[0];
        Vector256<double> acc0 = default, acc1 = default;
        int a0 = i * rs;
        int p = 0;
        for (; p + 2 <= k; p += 2)
        {
            acc0 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref ar, a0 + p * cs)), Vector256.LoadUnsafe(ref br, (nuint)(p * n + j)), acc0);
            acc1 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref ar, a0 + (p + 1) * cs)), Vector256.LoadUnsafe(ref br, (nuint)((p + 1) * n + j)), acc1);
        }
        for (; p < k; p++)
            acc0 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref ar, a0 + p * cs)), Vector256.LoadUnsafe(ref br, (nuint)(p * n + j)), acc0);
        Store(ref c[0], i * n + j, acc0 + acc1);
    }

    private static void Micro4x8(double[] a, int rs, int cs, int k, double[] b, int n, double[] c, int i, int j)
    {
        ref double ar = ref a[0];
        ref double br = ref b[0];
        ref double cr = ref c[0];
        Vector256<double> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<double> c20 = default, c21 = default, c30 = default, c31 = default;
        int a0 = i * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        for (int p = 0; p < k; p++)
        {
            int bo = p * n + j;
            var b0 = Vector256.LoadUnsafe(ref br, (nuint)bo);
            var b1 = Vector256.LoadUnsafe(ref br, (nuint)(bo + 4));
            var x0 = Vector256.Create(Unsafe.Add(ref ar, a0 + p * cs));
            var x1 = Vector256.Create(Unsafe.Add(ref ar, a1 + p * cs));
            var x2 = Vector256.Create(Unsafe.Add(ref ar, a2 + p * cs));
            var x3 = Vector256.Create(Unsafe.Add(ref ar, a3 + p * cs));
            c00 = Vector256.FusedMultiplyAdd(x0, b0, c00); c01 = Vector256.FusedMultiplyAdd(x0, b1, c01);
            c10 = Vector256.FusedMultiplyAdd(x1, b0, c10); c11 = Vector256.FusedMultiplyAdd(x1, b1, c11);
            c20 = Vector256.FusedMultiplyAdd(x2, b0, c20); c21 = Vector256.FusedMultiplyAdd(x2, b1, c21);
            c30 = Vector256.FusedMultiplyAdd(x3, b0, c30); c31 = Vector256.FusedMultiplyAdd(x3, b1, c31);
        }
        Store(ref cr, i * n + j, c00); Store(ref cr, i * n + j + 4, c01);
        Store(ref cr, (i + 1) * n + j, c10); Store(ref cr, (i + 1) * n + j + 4, c11);
        Store(ref cr, (i + 2) * n + j, c20); Store(ref cr, (i + 2) * n + j + 4, c21);
        Store(ref cr, (i + 3) * n + j, c30); Store(ref cr, (i + 3) * n + j + 4, c31);
    }

    private static void Micro4x4(double[] a, int rs, int cs, int k, double[] b, int n, double[] c, int i, int j)
    {
        ref double ar = ref a[0];
        ref double br = ref b[0];
        ref double cr = ref c[0];
        Vector256<double> c0 = default, c1 = default, c2 = default, c3 = default;
        int a0 = i * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        for (int p = 0; p < k; p++)
        {
            var bv = Vector256.LoadUnsafe(ref br, (nuint)(p * n + j));
            c0 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref ar, a0 + p * cs)), bv, c0);
            c1 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref ar, a1 + p * cs)), bv, c1);
            c2 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref ar, a2 + p * cs)), bv, c2);
            c3 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref ar, a3 + p * cs)), bv, c3);
        }
        Store(ref cr, i * n + j, c0);
        Store(ref cr, (i + 1) * n + j, c1);
        Store(ref cr, (i + 2) * n + j, c2);
        Store(ref cr, (i + 3) * n + j, c3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref double c, int offset, Vector256<double> v)
    {
        var old = Vector256.LoadUnsafe(ref c, (nuint)offset);
        (old + v).StoreUnsafe(ref c, (nuint)offset);
    }

    /// <summary>T (n×m) = Aᵀ for A (m×n).</summary>
    public static void Transpose(ReadOnlySpan<double> a, int m, int n, Span<double> t)
    {
        const int tile = 32;
        for (int i0 = 0; i0 < m; i0 += tile)
            for (int j0 = 0; j0 < n; j0 += tile)
            {
                int i1 = Math.Min(m, i0 + tile), j1 = Math.Min(n, j0 + tile);
                for (int i = i0; i < i1; i++)
                    for (int j = j0; j < j1; j++)
                        t[j * m + i] = a[i * n + j];
            }
    }
}
