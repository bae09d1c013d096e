using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Nabla.Tensors.Kernels;

/// <summary>
/// Blocked GEMM in managed code (Goto/BLIS structure): C = alpha op(A) op(B) + beta C, row-major.
/// B is packed into KC x NR column panels (alpha folded in), A into MC x KC row panels of MR rows,
/// and a register-blocked micro-kernel keeps an MR x NR tile of C in vector registers
/// (Vector512: 12 rows x 2 vectors; Vector256: 6 rows x 2 vectors). Packing absorbs the transposes.
/// Large products are split over cores by blocks of rows and columns of C, each written by one
/// thread, so results do not depend on the thread count.
/// </summary>
[SkipLocalsInit]
internal static unsafe class ManagedGemm
{
    private const int KC = 128;
    private const int MC = 144; // multiple of both MR values (12 and 6)
    private const int NC = 3072;
    private const long ParallelThreshold = 1L << 22; // multiply-adds: below, thread hand-off costs more than it saves

    private static class Buffers<T> where T : unmanaged
    {
        [ThreadStatic] private static T[]? a;
        [ThreadStatic] private static T[]? b;

        public static T* A(int length) => Get(ref a, length);
        public static T* B(int length) => Get(ref b, length);

        private static T* Get(ref T[]? buffer, int length)
        {
            if (buffer is null || buffer.Length < length)
                buffer = GC.AllocateUninitializedArray<T>(length, pinned: true);
            return (T*)Unsafe.AsPointer(ref buffer[0]);
        }
    }

    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k, T alpha, ReadOnlySpan<T> a, int lda,
        ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* pa = a) fixed (T* pb = b) fixed (T* pc = c)
            Multiply(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
    }

    private static void Multiply<T>(bool transA, bool transB, int m, int n, int k, T alpha, T* a, int lda,
        T* b, int ldb, T beta, T* c, int ldc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0) return;
        if (beta != T.One)
        {
            for (int i = 0; i < m; i++)
            {
                var row = new Span<T>(c + (long)i * ldc, n);
                if (beta == T.Zero) row.Clear();
                else System.Numerics.Tensors.TensorPrimitives.Multiply(row, beta, row);
            }
        }
        if (k == 0 || alpha == T.Zero) return;

        int w = Vector512.IsHardwareAccelerated ? Vector512<T>.Count : Vector256.IsHardwareAccelerated ? Vector256<T>.Count : 0;
        if (w == 0)
        {
            Scalar(transA, transB, m, n, k, alpha, a, lda, b, ldb, c, ldc);
            return;
        }
        int mr = Vector512.IsHardwareAccelerated ? 12 : 6, nr = 2 * w;
        bool parallel = (long)m * n * k >= ParallelThreshold && Gemm.ManagedThreads > 1;

        for (int jc = 0; jc < n; jc += NC)
        {
            int nc = Math.Min(NC, n - jc);
            int nPanels = (nc + nr - 1) / nr;
            for (int pc = 0; pc < k; pc += KC)
            {
                int kc = Math.Min(KC, k - pc);
                T* bp = Buffers<T>.B(nPanels * nr * kc);
                PackB(transB, b, ldb, pc, kc, jc, nc, nr, alpha, bp);
                int mBlocks = (m + MC - 1) / MC;
                if (!parallel)
                {
                    for (int ib = 0; ib < mBlocks; ib++)
                        Block(transA, a, lda, c, ldc, m, n, ib * MC, pc, kc, jc, 0, nPanels, nr, mr, bp);
                    continue;
                }
                ParallelBlocks(transA, a, lda, c, ldc, m, n, pc, kc, jc, nPanels, nr, mr, bp, mBlocks);
            }
        }
    }

    /// <summary>Row blocks x column groups of C over the cores (kept out of Multiply so the closure is only allocated here).</summary>
    private static void ParallelBlocks<T>(bool transA, T* a, int lda, T* c, int ldc, int m, int n, int pc, int kc, int jc,
        int nPanels, int nr, int mr, T* bp, int mBlocks) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int groups = Math.Max(1, Math.Min(nPanels, (2 * Gemm.ManagedThreads + mBlocks - 1) / mBlocks));
        int panelsPerGroup = (nPanels + groups - 1) / groups;
        nint pa = (nint)a, pbp = (nint)bp, pcc = (nint)c;
        Parallel.For(0, mBlocks * groups, new ParallelOptions { MaxDegreeOfParallelism = Gemm.ManagedThreads }, t =>
        {
            int ib = t / groups, g = t % groups;
            int p0 = g * panelsPerGroup, p1 = Math.Min(nPanels, p0 + panelsPerGroup);
            if (p0 < p1)
                Block(transA, (T*)pa, lda, (T*)pcc, ldc, m, n, ib * MC, pc, kc, jc, p0, p1, nr, mr, (T*)pbp);
        });
    }

    private static void Block<T>(bool transA, T* a, int lda, T* c, int ldc, int m, int n, int ic, int pc, int kc, int jc,
        int panel0, int panel1, int nr, int mr, T* bp) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int mc = Math.Min(MC, m - ic);
        int mPanels = (mc + mr - 1) / mr;
        T* ap = Buffers<T>.A(mPanels * mr * kc);
        PackA(transA, a, lda, ic, mc, pc, kc, mr, ap);
        for (int jp = panel0; jp < panel1; jp++)
        {
            int j = jp * nr;
            int nrEff = Math.Min(nr, n - jc - j);
            for (int ip = 0; ip < mPanels; ip++)
            {
                int i = ip * mr;
                int mrEff = Math.Min(mr, mc - i);
                T* cTile = c + (long)(ic + i) * ldc + jc + j;
                if (mr == 12)
                    Kernel12<T>(kc, ap + (long)ip * mr * kc, bp + (long)jp * nr * kc, cTile, ldc, mrEff, nrEff);
                else
                    Kernel6<T>(kc, ap + (long)ip * mr * kc, bp + (long)jp * nr * kc, cTile, ldc, mrEff, nrEff);
            }
        }
    }

    private static void PackA<T>(bool transA, T* a, int lda, int ic, int mc, int pc, int kc, int mr, T* ap) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i0 = 0; i0 < mc; i0 += mr)
        {
            int rows = Math.Min(mr, mc - i0);
            T* dst = ap + (long)i0 * kc;
            if (!transA)
            {
                for (int r = 0; r < rows; r++)
                {
                    T* src = a + (long)(ic + i0 + r) * lda + pc;
                    for (int p = 0; p < kc; p++) dst[p * mr + r] = src[p];
                }
                for (int r = rows; r < mr; r++)
                    for (int p = 0; p < kc; p++) dst[p * mr + r] = T.Zero;
            }
            else
            {
                for (int p = 0; p < kc; p++)
                {
                    T* src = a + (long)(pc + p) * lda + ic + i0;
                    T* d = dst + p * mr;
                    int r = 0;
                    for (; r < rows; r++) d[r] = src[r];
                    for (; r < mr; r++) d[r] = T.Zero;
                }
            }
        }
    }

    private static void PackB<T>(bool transB, T* b, int ldb, int pc, int kc, int jc, int nc, int nr, T alpha, T* bp) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j0 = 0; j0 < nc; j0 += nr)
        {
            int cols = Math.Min(nr, nc - j0);
            T* dst = bp + (long)j0 * kc;
            if (!transB)
            {
                for (int p = 0; p < kc; p++)
                {
                    T* src = b + (long)(pc + p) * ldb + jc + j0;
                    T* d = dst + p * nr;
                    int j = 0;
                    for (; j < cols; j++) d[j] = alpha * src[j];
                    for (; j < nr; j++) d[j] = T.Zero;
                }
            }
            else
            {
                for (int j = 0; j < cols; j++)
                {
                    T* src = b + (long)(jc + j0 + j) * ldb + pc;
                    for (int p = 0; p < kc; p++) dst[p * nr + j] = alpha * src[p];
                }
                for (int j = cols; j < nr; j++)
                    for (int p = 0; p < kc; p++) dst[p * nr + j] = T.Zero;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma<T>(Vector512<T> x, Vector512<T> y, Vector512<T> z) where T : unmanaged
    {
        if (typeof(T) == typeof(double))
            return Vector512.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
        return Vector512.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma<T>(Vector256<T> x, Vector256<T> y, Vector256<T> z) where T : unmanaged
    {
        if (typeof(T) == typeof(double))
            return Vector256.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
        return Vector256.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
    }

    /// <summary>12 x (2 Vector512) tile: 24 accumulators, 2 B vectors, 1 broadcast (27 of the 32 zmm registers).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel12<T>(int kc, T* ap, T* bp, T* c, int ldc, int rows, int nr) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector512<T>.Count;
        // Fixed-size tile allocated before the loop: nothing after the loop may call out while the
        // accumulators are live (vector registers are caller-saved, the JIT would spill them every step).
        byte* tileBytes = stackalloc byte[24 * 64];
        T* tile = (T*)tileBytes;
        Vector512<T> c000 = default, c001 = default, c010 = default, c011 = default, c020 = default, c021 = default, c030 = default, c031 = default, c040 = default, c041 = default, c050 = default, c051 = default, c060 = default, c061 = default, c070 = default, c071 = default, c080 = default, c081 = default, c090 = default, c091 = default, c100 = default, c101 = default, c110 = default, c111 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(bp);
            var b1 = Vector512.Load(bp + w);
            var x = Vector512.Create(ap[0]); c000 = Fma(x, b0, c000); c001 = Fma(x, b1, c001);
            x = Vector512.Create(ap[1]); c010 = Fma(x, b0, c010); c011 = Fma(x, b1, c011);
            x = Vector512.Create(ap[2]); c020 = Fma(x, b0, c020); c021 = Fma(x, b1, c021);
            x = Vector512.Create(ap[3]); c030 = Fma(x, b0, c030); c031 = Fma(x, b1, c031);
            x = Vector512.Create(ap[4]); c040 = Fma(x, b0, c040); c041 = Fma(x, b1, c041);
            x = Vector512.Create(ap[5]); c050 = Fma(x, b0, c050); c051 = Fma(x, b1, c051);
            x = Vector512.Create(ap[6]); c060 = Fma(x, b0, c060); c061 = Fma(x, b1, c061);
            x = Vector512.Create(ap[7]); c070 = Fma(x, b0, c070); c071 = Fma(x, b1, c071);
            x = Vector512.Create(ap[8]); c080 = Fma(x, b0, c080); c081 = Fma(x, b1, c081);
            x = Vector512.Create(ap[9]); c090 = Fma(x, b0, c090); c091 = Fma(x, b1, c091);
            x = Vector512.Create(ap[10]); c100 = Fma(x, b0, c100); c101 = Fma(x, b1, c101);
            x = Vector512.Create(ap[11]); c110 = Fma(x, b0, c110); c111 = Fma(x, b1, c111);
            ap += 12; bp += 2 * w;
        }
        c000.Store(tile + 0 * w); c001.Store(tile + 1 * w);
        c010.Store(tile + 2 * w); c011.Store(tile + 3 * w);
        c020.Store(tile + 4 * w); c021.Store(tile + 5 * w);
        c030.Store(tile + 6 * w); c031.Store(tile + 7 * w);
        c040.Store(tile + 8 * w); c041.Store(tile + 9 * w);
        c050.Store(tile + 10 * w); c051.Store(tile + 11 * w);
        c060.Store(tile + 12 * w); c061.Store(tile + 13 * w);
        c070.Store(tile + 14 * w); c071.Store(tile + 15 * w);
        c080.Store(tile + 16 * w); c081.Store(tile + 17 * w);
        c090.Store(tile + 18 * w); c091.Store(tile + 19 * w);
        c100.Store(tile + 20 * w); c101.Store(tile + 21 * w);
        c110.Store(tile + 22 * w); c111.Store(tile + 23 * w);
        if (rows == 12 && nr == 2 * w)
        {
            for (int r = 0; r < 12; r++)
            {
                T* dst = c + (long)r * ldc;
                (Vector512.Load(dst) + Vector512.Load(tile + 2 * r * w)).Store(dst);
                (Vector512.Load(dst + w) + Vector512.Load(tile + (2 * r + 1) * w)).Store(dst + w);
            }
            return;
        }
        AddTile(tile, 2 * w, c, ldc, rows, nr);
    }

    /// <summary>6 x (2 Vector256) tile for AVX2 machines (16 registers).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel6<T>(int kc, T* ap, T* bp, T* c, int ldc, int rows, int nr) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector256<T>.Count;
        byte* tileBytes = stackalloc byte[12 * 32];
        T* tile = (T*)tileBytes;
        Vector256<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
                     c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(bp);
            var b1 = Vector256.Load(bp + w);
            var x = Vector256.Create(ap[0]); c00 = Fma(x, b0, c00); c01 = Fma(x, b1, c01);
            x = Vector256.Create(ap[1]); c10 = Fma(x, b0, c10); c11 = Fma(x, b1, c11);
            x = Vector256.Create(ap[2]); c20 = Fma(x, b0, c20); c21 = Fma(x, b1, c21);
            x = Vector256.Create(ap[3]); c30 = Fma(x, b0, c30); c31 = Fma(x, b1, c31);
            x = Vector256.Create(ap[4]); c40 = Fma(x, b0, c40); c41 = Fma(x, b1, c41);
            x = Vector256.Create(ap[5]); c50 = Fma(x, b0, c50); c51 = Fma(x, b1, c51);
            ap += 6; bp += 2 * w;
        }
        c00.Store(tile); c01.Store(tile + w);
        c10.Store(tile + 2 * w); c11.Store(tile + 3 * w);
        c20.Store(tile + 4 * w); c21.Store(tile + 5 * w);
        c30.Store(tile + 6 * w); c31.Store(tile + 7 * w);
        c40.Store(tile + 8 * w); c41.Store(tile + 9 * w);
        c50.Store(tile + 10 * w); c51.Store(tile + 11 * w);
        if (rows == 6 && nr == 2 * w)
        {
            for (int r = 0; r < 6; r++)
            {
                T* dst = c + (long)r * ldc;
                (Vector256.Load(dst) + Vector256.Load(tile + 2 * r * w)).Store(dst);
                (Vector256.Load(dst + w) + Vector256.Load(tile + (2 * r + 1) * w)).Store(dst + w);
            }
            return;
        }
        AddTile(tile, 2 * w, c, ldc, rows, nr);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTile<T>(T* tile, int nr, T* c, int ldc, int rows, int cols) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            T* dst = c + (long)r * ldc;
            T* src = tile + r * nr;
            for (int j = 0; j < cols; j++) dst[j] += src[j];
        }
    }

    private static void Scalar<T>(bool transA, bool transB, int m, int n, int k, T alpha, T* a, int lda, T* b, int ldb, T* c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
            for (int p = 0; p < k; p++)
            {
                T aip = alpha * (transA ? a[(long)p * lda + i] : a[(long)i * lda + p]);
                for (int j = 0; j < n; j++)
                    c[(long)i * ldc + j] += aip * (transB ? b[(long)j * ldb + p] : b[(long)p * ldb + j]);
            }
    }
}
