using BenchmarkDotNet.Attributes;
using Nabla.Optimization;
using Nabla.Optimization.Problems;

namespace Nabla.Bench.Optimization;

/// <summary>
/// Total time of one method on the 20 Moré-Garbow-Hillstrom problems of issue 6 from the standard
/// starting points (objective construction, AutoDiff derivatives and the run), the workload whose
/// SciPy counterpart is bench/peers/optimize.py. Run: bench/run-optimize.sh --bdn.
/// </summary>
[MemoryDiagnoser]
public class MghBenchmarks
{
    [Params("bfgs", "lbfgs", "trust-region", "damped-newton")]
    public string Method { get; set; } = "bfgs";

    private OptimizationMethod _method;

    [GlobalSetup]
    public void Setup() => _method = Minimizer.Parse(Method);

    [Benchmark(Description = "20 MGH problems")]
    public long TwentyProblems()
    {
        long evaluations = 0;
        foreach (var problem in MghProblems.Benchmark)
            evaluations += ProblemBenchmark.Run(problem, _method).Result.Evaluations.Function;
        return evaluations;
    }
}
