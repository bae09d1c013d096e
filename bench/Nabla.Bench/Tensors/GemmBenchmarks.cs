using BenchmarkDotNet.Attributes;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Bench.Tensors;

/// <summary>C = A B for square N x N matrices: the managed blocked SIMD kernel against OpenBLAS called directly.</summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class GemmBenchmarks
{
    [Params(256, 1000)]
    public int N;

    private double[] a = [], b = [], c = [];
    private float[] af = [], bf = [], cf = [];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Rng(1);
        a = new double[N * N]; b = new double[N * N]; c = new double[N * N];
        Init.Uniform<double>(a, -1, 1, rng);
        Init.Uniform<double>(b, -1, 1, rng);
        af = a.Select(x => (float)x).ToArray();
        bf = b.Select(x => (float)x).ToArray();
        cf = new float[N * N];
    }

    [Benchmark(Baseline = true)]
    public void DgemmOpenBlas() => Gemm.Multiply(false, false, N, N, N, 1.0, a, N, b, N, 0.0, c, N, GemmBackend.OpenBlas);

    [Benchmark]
    public void DgemmManaged() => Gemm.Multiply(false, false, N, N, N, 1.0, a, N, b, N, 0.0, c, N, GemmBackend.Managed);

    [Benchmark]
    public void SgemmOpenBlas() => Gemm.Multiply(false, false, N, N, N, 1f, af, N, bf, N, 0f, cf, N, GemmBackend.OpenBlas);

    [Benchmark]
    public void SgemmManaged() => Gemm.Multiply(false, false, N, N, N, 1f, af, N, bf, N, 0f, cf, N, GemmBackend.Managed);
}
