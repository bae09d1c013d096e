using Nabla.Optimization;

namespace Nabla.Tests.Optimization;

public class StatusTests
{
    [Fact]
    public void PureNewtonDivergesOnSqrtOnePlusSquare()
    {
        var result = Newton.Minimize(TestObjectives.SqrtOnePlusSquare(), [1.1], new OptimizerOptions { RecordTrace = true });
        Assert.Equal(OptimizationStatus.Diverged, result.Status);
        Assert.False(result.Success);
        // The iteration is x ← −x³: the trace shows it.
        var trace = result.Trace!;
        Assert.True(trace.Count >= 5);
        for (int k = 1; k < 5; k++)
            Assert.Equal(-Math.Pow(trace[k - 1].X[0], 3), trace[k].X[0], 1e-9 * Math.Abs(trace[k].X[0]));
        Assert.Equal(1.1, result.BestX[0]);
    }

    [Fact]
    public void PureNewtonDivergesOnXAtanX()
    {
        var result = Newton.Minimize(TestObjectives.XAtanX(), [1.5], new OptimizerOptions { RecordTrace = true });
        Assert.Equal(OptimizationStatus.Diverged, result.Status);
        Assert.True(Math.Abs(result.Trace![^1].X[0]) > 1e3);
        Assert.Contains("diverged", result.Message);
    }

    [Theory]
    [InlineData(OptimizationMethod.DampedNewton)]
    [InlineData(OptimizationMethod.TrustRegion)]
    public void SafeguardedNewtonConvergesWherePureNewtonDiverges(OptimizationMethod method)
    {
        foreach (var (objective, x0) in new[] { (TestObjectives.SqrtOnePlusSquare(), 1.1), (TestObjectives.XAtanX(), 1.5) })
        {
            var result = Minimizer.Minimize(objective, [x0], method);
            Assert.True(result.Success, result.ToString());
            Assert.Equal(0, result.X[0], 1e-7);
        }
    }

    [Fact]
    public void MaxIterations()
    {
        var result = Bfgs.Minimize(TestObjectives.Rosenbrock(), [-1.2, 1.0], new OptimizerOptions { MaxIterations = 3 });
        Assert.Equal(OptimizationStatus.MaxIterations, result.Status);
        Assert.Equal(3, result.Iterations);
        Assert.True(result.BestValue <= 24.2);
    }

    [Fact]
    public void FunctionEvaluationBudget()
    {
        var result = GradientDescent.Minimize(TestObjectives.Rosenbrock(), [-1.2, 1.0], new OptimizerOptions { MaxFunctionEvaluations = 50 });
        Assert.Equal(OptimizationStatus.MaxIterations, result.Status);
        Assert.InRange(result.Evaluations.Function, 50, 50 + 41);
    }

    [Fact]
    public void NaNAtTheStartIsNonFinite()
    {
        var objective = new Objective(2, valueAndGradient: (x, g) => { g[0] = g[1] = double.NaN; return double.NaN; },
            hessian: (x, h) => h.Fill(double.NaN));
        foreach (var (method, _, _, _) in Minimizer.Methods.Where(m => m.Method != OptimizationMethod.LevenbergMarquardt))
        {
            var result = Minimizer.Minimize(objective, [1.0, 2.0], method);
            Assert.Equal(OptimizationStatus.NonFinite, result.Status);
            Assert.Equal(0, result.Iterations);
        }
    }

    [Fact]
    public void NaNAwayFromTheStartIsAvoided()
    {
        // f = (x − 3)² defined only for x < 4; a long first step lands in the NaN region.
        var objective = new Objective(1, valueAndGradient: (x, g) =>
        {
            if (x[0] >= 4) { g[0] = double.NaN; return double.NaN; }
            g[0] = 2 * (x[0] - 3);
            return (x[0] - 3) * (x[0] - 3);
        });
        foreach (var method in new[] { OptimizationMethod.Bfgs, OptimizationMethod.Lbfgs, OptimizationMethod.GradientDescent, OptimizationMethod.Lbfgsb })
        {
            var result = Minimizer.Minimize(objective, [-100.0], method);
            Assert.True(result.Success, result.ToString());
            Assert.Equal(3, result.X[0], 1e-6);
        }
    }

    [Fact]
    public void NaNHessianDuringTheRunIsReported()
    {
        var objective = new Objective(1,
            valueAndGradient: (x, g) => { g[0] = 2 * x[0]; return x[0] * x[0]; },
            hessian: (x, h) => h[0] = double.NaN);
        var result = TrustRegion.Minimize(objective, [1.0]);
        Assert.Equal(OptimizationStatus.NonFinite, result.Status);
    }

    [Fact]
    public void CancelledByToken()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var result = Bfgs.Minimize(TestObjectives.Rosenbrock(), [-1.2, 1.0], new OptimizerOptions { CancellationToken = cts.Token });
        Assert.Equal(OptimizationStatus.Cancelled, result.Status);
        Assert.Equal(0, result.Iterations);
    }

    [Fact]
    public void StoppedByCallback()
    {
        int calls = 0;
        var result = Lbfgs.Minimize(TestObjectives.Rosenbrock(), [-1.2, 1.0], new OptimizerOptions
        {
            Callback = point => ++calls < 5,
        });
        Assert.Equal(OptimizationStatus.Cancelled, result.Status);
        Assert.Equal(4, result.Iterations);
        Assert.Equal(5, calls);
    }

    [Theory]
    [InlineData(OptimizationMethod.GradientDescent)]
    [InlineData(OptimizationMethod.Bfgs)]
    [InlineData(OptimizationMethod.Lbfgs)]
    [InlineData(OptimizationMethod.Lbfgsb)]
    public void UnboundedBelowIsDiverged(OptimizationMethod method)
    {
        // f(x, y) = −x + y²: no minimum.
        var objective = new Objective(2, valueAndGradient: (x, g) => { g[0] = -1; g[1] = 2 * x[1]; return -x[0] + x[1] * x[1]; });
        var result = Minimizer.Minimize(objective, [0.0, 1.0], method);
        Assert.Equal(OptimizationStatus.Diverged, result.Status);
        Assert.False(result.Success);
    }

    [Fact]
    public void UnboundedWithNegativeCurvatureIsDivergedForTrustRegion()
    {
        // f = −x²: the Hessian is negative definite everywhere.
        var objective = new Objective(1, valueAndGradient: (x, g) => { g[0] = -2 * x[0]; return -x[0] * x[0]; },
            hessian: (x, h) => h[0] = -2);
        foreach (var method in new[] { OptimizationMethod.TrustRegion, OptimizationMethod.NewtonCG, OptimizationMethod.DampedNewton })
        {
            var result = Minimizer.Minimize(objective, [0.5], method);
            Assert.Equal(OptimizationStatus.Diverged, result.Status);
        }
    }

    [Fact]
    public void SingularHessianIsBadApproximationForPureNewton()
    {
        // f = x⁴ + y²: the Hessian is singular at x = 0.
        var objective = new Objective(2,
            valueAndGradient: (x, g) => { g[0] = 0; g[1] = 2 * x[1] + 1; return x[1] * x[1] + x[1]; },
            hessian: (x, h) => { h[0] = 0; h[1] = h[2] = 0; h[3] = 2; });
        var result = Newton.Minimize(objective, [0.0, 1.0]);
        Assert.Equal(OptimizationStatus.BadApproximation, result.Status);
    }

    [Fact]
    public void FixedLearningRateTooLargeDiverges()
    {
        var objective = new Objective(1, valueAndGradient: (x, g) => { g[0] = 2 * x[0]; return x[0] * x[0]; });
        var result = GradientDescent.Minimize(objective, [1.0], new OptimizerOptions { LearningRate = 1.5 });
        Assert.Equal(OptimizationStatus.Diverged, result.Status);
        var ok = GradientDescent.Minimize(objective, [1.0], new OptimizerOptions { LearningRate = 0.25 });
        Assert.True(ok.Success, ok.ToString());
    }

    [Fact]
    public void StatusNamesAreTheJsonContract()
    {
        Assert.Equal("max-iterations", OptimizationStatus.MaxIterations.ToName());
        Assert.Equal("line-search-failed", OptimizationStatus.LineSearchFailed.ToName());
        Assert.Equal("bad-approximation", OptimizationStatus.BadApproximation.ToName());
        Assert.Equal("non-finite", OptimizationStatus.NonFinite.ToName());
        Assert.Equal("gradient", ConvergenceReason.Gradient.ToName());
    }
}
