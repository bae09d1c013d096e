using BenchmarkDotNet.Attributes;
using Nabla.Curvature;
using Nabla.Tensors;

namespace Nabla.Bench.Curvature;

/// <summary>
/// PyHessian's workloads on the digits 64-32-10 tanh MLP (2 410 parameters, full-batch loss on
/// 1 438 samples); the peer is bench/peers/curvature.py, the runner bench/run-curvature.sh. The
/// operator (forward+backward at θ) is built once, as PyHessian builds its graph once.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class CurvatureBenchmarks
{
    private CurvatureWorkload _w = null!;
    private ISymmetricOperator _op = null!;
    private double[] _v = null!, _hv = null!;

    [GlobalSetup]
    public void Setup()
    {
        _w = CurvatureWorkload.Load();
        _op = _w.Loss.HessianAt(_w.Theta);
        _v = new double[_op.Dimension];
        _hv = new double[_op.Dimension];
        for (int i = 0; i < _v.Length; i++) _v[i] = Math.Sin(i);
    }

    [Benchmark(Description = "graph: forward+backward at theta")]
    public double Graph() => new MlpCrossEntropy(_w.Loss.LayerSizes, Activation.Tanh, _w.Loss.Inputs, _w.Loss.Labels).HessianAt(_w.Theta).Dimension;

    [Benchmark(Description = "one HVP")]
    public double Hvp() { _op.Apply(_v, _hv); return _hv[0]; }

    [Benchmark(Description = "top-1 power iteration (PyHessian defaults)")]
    public double PowerTop1() => PowerIteration.Compute(_op).Eigenpairs[0].Value;

    [Benchmark(Description = "top-1 Lanczos (tol 1e-4)")]
    public double LanczosTop1() => Lanczos.Compute(_op, new LanczosOptions { Largest = 1, Tolerance = 1e-4 }).Largest[0].Value;

    [Benchmark(Description = "top-5 Lanczos (tol 1e-4)")]
    public double LanczosTop5() => Lanczos.Compute(_op, new LanczosOptions { Largest = 5, Tolerance = 1e-4 }).Largest[4].Value;

    [Benchmark(Description = "top-5 power iteration (PyHessian defaults)")]
    public double PowerTop5() => PowerIteration.Compute(_op, new PowerIterationOptions { Count = 5 }).Eigenpairs[4].Value;

    [Benchmark(Description = "Hutchinson trace, 100 samples")]
    public double Trace100() => HutchinsonTrace.Estimate(_op, new HutchinsonOptions { MaxSamples = 100 }).Estimate;

    [Benchmark(Description = "dense Hessian (n HVPs)")]
    public double Dense() => DenseHessian.Build(_op)[0];
}
