using BenchmarkDotNet.Attributes;
using Nabla.AutoDiff;

namespace Nabla.Bench.AutoDiff;

/// <summary>Extended Rosenbrock at n = 10⁴ and 10⁶: gradient and HVP, tape and vectorized separable path.</summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class AutoDiffLarge
{
    [Params(10_000, 1_000_000)]
    public int N { get; set; }

    double[] x = [], g = [], v = [], hv = [];

    [GlobalSetup]
    public void Setup()
    {
        x = Enumerable.Range(0, N).Select(i => i % 2 == 0 ? -1.2 : 1.0).ToArray();
        v = Enumerable.Range(0, N).Select(i => Math.Sin(i + 1)).ToArray();
        g = new double[N];
        hv = new double[N];
    }

    [Benchmark(Description = "f hand-written double")] public double FHand() => ExtendedRosenbrockF.F(x);
    [Benchmark(Description = "f on Real (written once)")] public double FReal() => Differentiate.Value(new ExtendedRosenbrockF(), x);
    [Benchmark(Description = "gradient hand-written")] public double GradientHand() => ExtendedRosenbrockF.Gradient(x, g);
    [Benchmark(Description = "HVP hand-written")] public double HvpHand() { ExtendedRosenbrockF.HessianVector(x, v, hv); return hv[0]; }
    [Benchmark(Description = "gradient tape")] public double GradientTape() => Differentiate.GradientReverse(new ExtendedRosenbrockF(), x, g);
    [Benchmark(Description = "HVP forward-over-reverse tape")] public double HvpTape() => Differentiate.HessianVectorProduct(new ExtendedRosenbrockF(), x, v, hv);
    [Benchmark(Description = "gradient separable SIMD")] public double GradientSeparable() => Differentiate.SeparableGradient(new ExtendedRosenbrockElement(), x, g);
    [Benchmark(Description = "HVP separable SIMD")] public double HvpSeparable() => Differentiate.SeparableHessianVectorProduct(new ExtendedRosenbrockElement(), x, v, hv);
}

/// <summary>The full Hessian of the extended Rosenbrock function at n = 1000.</summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class AutoDiffHessian1000
{
    const int N = 1000;
    readonly double[] x = Enumerable.Range(0, N).Select(i => i % 2 == 0 ? -1.2 : 1.0).ToArray();
    readonly double[] g = new double[N];
    readonly double[] h = new double[N * N];

    [Benchmark(Description = "Hessian dense chunked forward-over-reverse")] public double Dense() => Differentiate.Hessian(new ExtendedRosenbrockF(), x, g, h);
    [Benchmark(Description = "Hessian sparse (detected pattern, colored HVPs)")] public double Sparse() => Differentiate.SparseHessian(new ExtendedRosenbrockF(), x, g, h);
    [Benchmark(Description = "Hessian separable (element Hessians)")] public double Separable() => Differentiate.SeparableHessian(new ExtendedRosenbrockElement(), x, g, h);
}
