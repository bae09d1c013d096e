using System.Diagnostics;

namespace Nabla.Optimization.Problems;

/// <summary>One method on one test problem: how it ended, at what cost, and whether it solved it.</summary>
/// <param name="Problem">The test problem.</param>
/// <param name="Method">The method's name.</param>
/// <param name="Result">The run's result.</param>
/// <param name="Elapsed">Wall-clock time of the run.</param>
/// <param name="Solved">|f − f*| ≤ 10⁻⁶·max(1, |f*|), or the same for a documented local minimum.</param>
/// <param name="FalseSuccess">The method reported success at a point that is not a (documented) minimum: the error that must never happen.</param>
public sealed record ProblemRun(TestProblem Problem, string Method, OptimizationResult Result, bool Solved, bool FalseSuccess, TimeSpan Elapsed);

/// <summary>Runs methods on test problems from their standard starting points (derivatives by AutoDiff).</summary>
public static class ProblemBenchmark
{
    public const double SuccessTolerance = 1e-6;

    public static ProblemRun Run(TestProblem problem, OptimizationMethod method, OptimizerOptions? options = null)
    {
        var objective = Objectives.FromProblem(problem);
        var x0 = problem.StartingPoint;
        var clock = Stopwatch.StartNew();
        var result = Minimizer.Minimize(objective, x0, method, options);
        clock.Stop();
        bool solved = problem.IsSolved(result.Value, SuccessTolerance);
        return new ProblemRun(problem, Minimizer.NameOf(method), result, solved, result.Success && !solved, clock.Elapsed);
    }

    public static IReadOnlyList<ProblemRun> RunAll(IEnumerable<TestProblem> problems, IEnumerable<OptimizationMethod> methods,
        OptimizerOptions? options = null)
    {
        var runs = new List<ProblemRun>();
        foreach (var method in methods)
            foreach (var problem in problems)
            {
                options?.CancellationToken.ThrowIfCancellationRequested();
                runs.Add(Run(problem, method, options));
            }
        return runs;
    }

    /// <summary>
    /// Runs everything <paramref name="repeat"/> times and keeps, for each problem and method, the
    /// fastest run (the runs are deterministic, so only the time differs). A first run includes JIT
    /// compilation, and tiered compilation needs many calls before it installs optimised code.
    /// </summary>
    public static IReadOnlyList<ProblemRun> RunFastest(IReadOnlyList<TestProblem> problems, IReadOnlyList<OptimizationMethod> methods,
        int repeat, OptimizerOptions? options = null)
    {
        if (repeat < 1)
            throw new NablaInputException($"repeat must be at least 1 (got {repeat})");
        var best = RunAll(problems, methods, options).ToArray();
        for (int k = 1; k < repeat; k++)
        {
            var again = RunAll(problems, methods, options);
            for (int i = 0; i < best.Length; i++)
                if (again[i].Elapsed < best[i].Elapsed)
                    best[i] = again[i];
        }
        return best;
    }
}
