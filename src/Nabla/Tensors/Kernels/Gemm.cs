using System.Numerics;

namespace Nabla.Tensors.Kernels;

/// <summary>Which matrix-product kernel to use.</summary>
public enum GemmBackend
{
    /// <summary>OpenBLAS when it loaded, the managed kernel otherwise.</summary>
    Auto,
    /// <summary>Debian's OpenBLAS through P/Invoke (falls back to managed when absent).</summary>
    OpenBlas,
    /// <summary>The managed blocked SIMD kernel.</summary>
    Managed,
}

/// <summary>
/// General matrix product C = alpha op(A) op(B) + beta C on row-major spans (BLAS <c>gemm</c>
/// semantics: op(A) is m x k, op(B) is k x n, lda/ldb/ldc are row strides of the stored matrices).
/// </summary>
public static class Gemm
{
    /// <summary>Process-wide default used when a call passes <see cref="GemmBackend.Auto"/>.</summary>
    public static GemmBackend DefaultBackend { get; set; } = GemmBackend.Auto;

    /// <summary>Threads the managed kernel may use for large products (default: the processor count).</summary>
    public static int ManagedThreads
    {
        get => managedThreads;
        set => managedThreads = Math.Max(1, value);
    }

    private static int managedThreads = Environment.ProcessorCount;

    /// <summary>
    /// Products with fewer multiply-adds than this (2²²) run in the managed kernel under <see cref="GemmBackend.Auto"/>:
    /// for small matrices OpenBLAS's thread hand-off costs more than the arithmetic, and on a busy machine a descheduled helper thread stalls the whole product.
    /// </summary>
    public static long SmallProductThreshold { get; set; } = 1L << 22;

    /// <summary>
    /// Under <see cref="GemmBackend.Auto"/>, small float products (under <see cref="SmallProductThreshold"/>) run in OpenBLAS
    /// restricted to one thread instead of the managed kernel, when OpenBLAS loaded (default true).
    /// </summary>
    public static bool SmallFloatOnOpenBlas { get; set; } = true;

    /// <summary>The kernel a call with <paramref name="requested"/> actually runs.</summary>
    public static GemmBackend Resolve(GemmBackend requested)
    {
        if (requested == GemmBackend.Auto) requested = DefaultBackend;
        return requested == GemmBackend.Managed || !OpenBlas.IsAvailable ? GemmBackend.Managed : GemmBackend.OpenBlas;
    }

    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k, T alpha, ReadOnlySpan<T> a, int lda,
        ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc, GemmBackend backend = GemmBackend.Auto)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(transA ? k : m, transA ? m : k, a.Length, lda, "A");
        Check(transB ? n : k, transB ? k : n, b.Length, ldb, "B");
        Check(m, n, c.Length, ldc, "C");
        if (m == 0 || n == 0) return;
        bool small = backend == GemmBackend.Auto && DefaultBackend == GemmBackend.Auto && (long)m * n * k < SmallProductThreshold;
        if (small && typeof(T) == typeof(float) && SmallFloatOnOpenBlas && OpenBlas.IsAvailable && k > 0)
        {
            // Measured (docs/performance.md): for float the single-threaded OpenBLAS kernel is 3-10x the managed one at
            // these sizes (256 x 64 x 128: 45 vs 120 µs), and with one thread there is no hand-off to stall.
            OpenBlas.UseSingleThread(true);
            OpenBlas.Gemm(transA, transB, m, n, k, float.CreateTruncating(alpha), Cast<T, float>(a), lda,
                Cast<T, float>(b), ldb, float.CreateTruncating(beta), CastMutable<T, float>(c), ldc);
            return;
        }
        if (!small && Resolve(backend) == GemmBackend.OpenBlas && k > 0)
        {
            // OpenBLAS asked for by name still runs a small product on one thread: the thread
            // hand-off costs more than the arithmetic (the curvature HVP's 1438 x 64 x 32 products:
            // one HVP 0.61 ms on one thread, 1.36 ms on two, docs/performance.md).
            OpenBlas.UseSingleThread((long)m * n * k < SmallProductThreshold);
            if (typeof(T) == typeof(double))
            {
                OpenBlas.Gemm(transA, transB, m, n, k, double.CreateTruncating(alpha), Cast<T, double>(a), lda,
                    Cast<T, double>(b), ldb, double.CreateTruncating(beta), CastMutable<T, double>(c), ldc);
                return;
            }
            if (typeof(T) == typeof(float))
            {
                OpenBlas.Gemm(transA, transB, m, n, k, float.CreateTruncating(alpha), Cast<T, float>(a), lda,
                    Cast<T, float>(b), ldb, float.CreateTruncating(beta), CastMutable<T, float>(c), ldc);
                return;
            }
        }
        ManagedGemm.Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    private static void Check(int rows, int cols, int length, int ld, string name)
    {
        if (rows < 0 || cols < 0 || ld < Math.Max(1, cols) || (rows > 0 && cols > 0 && (long)(rows - 1) * ld + cols > length))
            throw new ArgumentException($"GEMM: matrix {name} ({rows} x {cols}, stride {ld}) does not fit in {length} elements.");
    }

    private static ReadOnlySpan<TTo> Cast<TFrom, TTo>(ReadOnlySpan<TFrom> s) where TFrom : unmanaged where TTo : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<TFrom, TTo>(s);

    private static Span<TTo> CastMutable<TFrom, TTo>(Span<TFrom> s) where TFrom : unmanaged where TTo : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<TFrom, TTo>(s);
}
