using System.Runtime.InteropServices;

namespace Nabla.Tensors.Kernels;

/// <summary>
/// Debian's OpenBLAS (<c>libopenblas.so.0</c>, package <c>libopenblas0</c>) loaded at run time. Missing
/// library or missing symbols leave <see cref="IsAvailable"/> false and the managed kernel takes over.
/// </summary>
public static unsafe class OpenBlas
{
    private const int RowMajor = 101, NoTrans = 111, Trans = 112;

    private static readonly delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> Dgemm;
    private static readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> Sgemm;
    private static readonly delegate* unmanaged<int, void> SetThreads;
    private static readonly delegate* unmanaged<int> GetThreads;

    /// <summary>True when the native library and both GEMM symbols were found.</summary>
    public static bool IsAvailable { get; }

    /// <summary>The file that was loaded, or null.</summary>
    public static string? LibraryName { get; }

    static OpenBlas()
    {
        if (Environment.GetEnvironmentVariable("NABLA_NO_OPENBLAS") is "1")
            return;
        foreach (var name in new[] { "libopenblas.so.0", "libopenblas.so", "libopenblas" })
        {
            if (!NativeLibrary.TryLoad(name, out var handle))
                continue;
            if (NativeLibrary.TryGetExport(handle, "cblas_dgemm", out var d) && NativeLibrary.TryGetExport(handle, "cblas_sgemm", out var s))
            {
                Dgemm = (delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)d;
                Sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)s;
                if (NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out var st))
                    SetThreads = (delegate* unmanaged<int, void>)st;
                if (NativeLibrary.TryGetExport(handle, "openblas_get_num_threads", out var gt))
                    GetThreads = (delegate* unmanaged<int>)gt;
                IsAvailable = true;
                LibraryName = name;
                return;
            }
            NativeLibrary.Free(handle);
        }
    }

    /// <summary>OpenBLAS's own thread count (for benchmarks); no effect when unavailable.</summary>
    public static int Threads
    {
        get => GetThreads != null ? GetThreads() : 0;
        set
        {
            if (SetThreads == null) return;
            SetThreads(value);
            savedThreads = Math.Max(1, value);
            single = false;
        }
    }

    private static int savedThreads;   // OpenBLAS's thread count before the first switch to one thread (0: never switched)
    private static bool single;

    /// <summary>
    /// Switches OpenBLAS to one thread for small products and back to its own count for large ones. The count is
    /// process-wide; a race between callers on different threads only costs speed, never correctness.
    /// </summary>
    internal static void UseSingleThread(bool one)
    {
        if (one == single || SetThreads == null) return;
        if (one)
        {
            if (savedThreads == 0) savedThreads = Math.Max(1, Threads);
            SetThreads(1);
        }
        else SetThreads(savedThreads);
        single = one;
    }

    internal static void Gemm(bool transA, bool transB, int m, int n, int k, double alpha, ReadOnlySpan<double> a, int lda,
        ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc)
    {
        fixed (double* pa = a) fixed (double* pb = b) fixed (double* pc = c)
            Dgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
    }

    internal static void Gemm(bool transA, bool transB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        fixed (float* pa = a) fixed (float* pb = b) fixed (float* pc = c)
            Sgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
    }
}
