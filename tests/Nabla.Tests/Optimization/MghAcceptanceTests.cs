using Nabla.Optimization;
using Nabla.Optimization.Problems;

namespace Nabla.Tests.Optimization;

/// <summary>Issue 6 acceptance: the MGH benchmark from the standard starting points, derivatives by AutoDiff.</summary>
public class MghAcceptanceTests
{
    [Theory]
    [InlineData(OptimizationMethod.Bfgs)]
    [InlineData(OptimizationMethod.Lbfgs)]
    [InlineData(OptimizationMethod.TrustRegion)]
    [InlineData(OptimizationMethod.DampedNewton)]
    public void SolvesAllTwentyAndNeverClaimsFalseSuccess(OptimizationMethod method)
    {
        var runs = ProblemBenchmark.RunAll(MghProblems.Benchmark, [method]);
        var unsolved = runs.Where(r => !r.Solved).Select(r => $"{r.Problem.Name}: {r.Result}").ToList();
        Assert.True(unsolved.Count == 0, string.Join("\n", unsolved));
        Assert.DoesNotContain(runs, r => r.FalseSuccess);
    }

    [Theory]
    [InlineData(OptimizationMethod.NewtonCG)]
    [InlineData(OptimizationMethod.Lbfgsb)]
    [InlineData(OptimizationMethod.LevenbergMarquardt)]
    [InlineData(OptimizationMethod.GradientDescent)]
    public void OtherMethodsNeverClaimFalseSuccess(OptimizationMethod method)
    {
        var runs = ProblemBenchmark.RunAll(MghProblems.Benchmark, [method], new OptimizerOptions { MaxIterations = 2000 });
        var wrong = runs.Where(r => r.FalseSuccess).Select(r => $"{r.Problem.Name}: {r.Result}").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void PureNewtonNeverClaimsSuccessAtASaddle()
    {
        // Pure Newton finds critical points of any kind; on Beale, Wood, Kowalik-Osborne, Biggs
        // EXP6 and Powell badly scaled it reaches saddle points and must say so. (On Gulf research
        // it stops where exp(−…) underflows: the gradient and the Hessian are 0 in floating point,
        // f = Σ t_i² = 32.835; no derivative test can tell that plateau from a minimum.)
        var runs = ProblemBenchmark.RunAll(MghProblems.Benchmark, [OptimizationMethod.Newton]);
        var wrong = runs.Where(r => r.FalseSuccess && r.Problem.Name != "Gulf research").Select(r => $"{r.Problem.Name}: {r.Result}").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Contains(runs, r => r.Result.Status == OptimizationStatus.BadApproximation && r.Result.Message.Contains("saddle"));
    }

    [Fact]
    public void VariableDimensionProblemsAreSolvedByTrustRegion()
    {
        foreach (var problem in MghProblems.All.Skip(20))
        {
            var run = ProblemBenchmark.Run(problem, OptimizationMethod.TrustRegion);
            if (double.IsNaN(problem.MinimumValue))
                continue;
            Assert.True(run.Solved || !run.Result.Success, $"{problem.Name}: {run.Result}");
        }
    }
}
