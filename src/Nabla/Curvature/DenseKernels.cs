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

    /// <summary>C (m×n) = A (m×k) · B (k×n), or C += A·B when <paramref name="accumulate"/>.</summary>
    public static void Gemm(double[] a, int m, int k, double[] b, int n, double[] c, bool accumulate = false)
    {
        if (!accumulate)
            Array.Clear(c, 0, m * n);
        long work = (long)m * n * k;
        int blocks = (m + 3) / 4;
        if (work >= ParallelThreshold && Environment.ProcessorCount > 1 && blocks >= 8)
        {
            int chunks = Math.Min(Environment.ProcessorCount, blocks / 4);
            Parallel.For(0, chunks, t =>
            {
                int b0 = (int)((long)blocks * t / chunks), b1 = (int)((long)blocks * (t + 1) / chunks);
                Rows(a, k, b, n, c, b0 * 4, Math.Min(m, b1 * 4));
            });
        }
        else
            Rows(a, k, b, n, c, 0, m);
    }

    private static void Rows(double[] a, int k, double[] b, int n, double[] c, int r0, int r1)
    {
        int i = r0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 4 <= r1; i += 4)
            {
                int j = 0;
                for (; j + 8 <= n; j += 8)
                    Micro4x8(a, k, b, n, c, i, j);
                for (; j + 4 <= n; j += 4)
                    Micro4x4(a, k, b, n, c, i, j);
                for (; j < n; j++)
                    for (int ii = i; ii < i + 4; ii++)
                        c[ii * n + j] += DotColumn(a, k, b, n, ii, j);
            }
        }
        for (; i < r1; i++)
            for (int j = 0; j < n; j++)
                c[i * n + j] += DotColumn(a, k, b, n, i, j);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double DotColumn(double[] a, int k, double[] b, int n, int i, int j)
    {
        double s = 0;
        int ai = i * k;
        for (int p = 0; p < k; p++)
            s += a[ai + p] * b[p * n + j];
        return s;
    }

    private static void Micro4x8(double[] a, int k, double[] b, int n, double[] c, int i, int j)
    {
        ref double ar = ref a[0];
        ref double br = ref b[0];
        ref double cr = ref c[0];
        Vector256<double> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<double> c20 = default, c21 = default, c30 = default, c31 = default;
        int a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
        for (int p = 0; p < k; p++)
        {
            int bo = p * n + j;
            var b0 = Vector256.LoadUnsafe(ref br, (nuint)bo);
            var b1 = Vector256.LoadUnsafe(ref br, (nuint)(bo + 4));
            var x0 = Vector256.Create(Unsafe.Add(ref ar, a0 + p));
            var x1 = Vector256.Create(Unsafe.Add(ref ar, a1 + p));
            var x2 = Vector256.Create(Unsafe.Add(ref ar, a2 + p));
            var x3 = Vector256.Create(Unsafe.Add(ref ar, a3 + p));
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

    private static void Micro4x4(double[] a, int k, double[] b, int n, double[] c, int i, int j)
    {
        ref double ar = ref a[0];
        ref double br = ref b[0];
        ref double cr = ref c[0];
        Vector256<double> c0 = default, c1 = default, c2 = default, c3 = default;
        int a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
        for (int p = 0; p < k; p++)
        {
            var bv = Vector256.LoadUnsafe(ref br, (nuint)(p * n + j));
            c0 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref ar, a0 + p)), bv, c0);
            c1 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref ar, a1 + p)), bv, c1);
            c2 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref ar, a2 + p)), bv, c2);
            c3 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref ar, a3 + p)), bv, c3);
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
