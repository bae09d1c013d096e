using CsCheck;
using Nabla.Optimization;

namespace Nabla.Tests.Optimization;

public class MethodTests
{
    public static TheoryData<OptimizationMethod> SmoothMethods() =>
    [
        OptimizationMethod.DampedNewton, OptimizationMethod.TrustRegion, OptimizationMethod.NewtonCG,
        OptimizationMethod.Bfgs, OptimizationMethod.Lbfgs, OptimizationMethod.Lbfgsb,
    ];

    [Theory]
    [MemberData(nameof(SmoothMethods))]
    public void SolvesRosenbrockFromTheStandardStart(OptimizationMethod method)
    {
        var result = Minimizer.Minimize(TestObjectives.Rosenbrock(), [-1.2, 1.0], method);
        Assert.True(result.Success, result.ToString());
        Assert.Equal(1.0, result.X[0], 1e-5);
        Assert.Equal(1.0, result.X[1], 1e-5);
        Assert.True(result.Value < 1e-10, result.ToString());
        Assert.True(result.Evaluations.Function > 0);
        Assert.Equal(result.Value, result.BestValue);
    }

    [Fact]
    public void PureNewtonSolvesRosenbrock()
    {
        var result = Newton.Minimize(TestObjectives.Rosenbrock(), [-1.2, 1.0]);
        Assert.True(result.Success, result.ToString());
        Assert.Equal(1.0, result.X[0], 1e-8);
        Assert.Equal(0, result.Evaluations.HessianVector);
        Assert.Equal(result.Iterations + 1, result.Evaluations.Hessian); // + the second-order check at the end
    }

    [Fact]
    public void GradientDescentSolvesRosenbrockSlowly()
    {
        var result = GradientDescent.Minimize(TestObjectives.Rosenbrock(), [-1.2, 1.0], new OptimizerOptions { GradientTolerance = 1e-5 });
        Assert.True(result.Success, result.ToString());
        Assert.True(result.Iterations > 100, "gradient descent should need many iterations on Rosenbrock");
        Assert.Equal(1.0, result.X[0], 1e-3);
    }

    [Fact]
    public void LevenbergMarquardtSolvesRosenbrockResiduals()
    {
        var result = LevenbergMarquardt.Minimize(TestObjectives.RosenbrockResiduals(), [-1.2, 1.0]);
        Assert.True(result.Success, result.ToString());
        Assert.Equal(1.0, result.X[0], 1e-6);
        Assert.Equal(1.0, result.X[1], 1e-6);
    }

    [Fact]
    public void BacktrackingLineSearchAlsoWorks()
    {
        var options = new OptimizerOptions { LineSearch = LineSearchKind.Backtracking };
        foreach (var method in new[] { OptimizationMethod.DampedNewton, OptimizationMethod.Lbfgs })
        {
            var result = Minimizer.Minimize(TestObjectives.Rosenbrock(), [-1.2, 1.0], method, options);
            Assert.True(result.Success, result.ToString());
            Assert.Equal(1.0, result.X[0], 1e-5);
        }
    }

    [Fact]
    public void LbfgsbRespectsBounds()
    {
        // Rosenbrock with x1 ≤ 0.5: the minimizer is (0.5, 0.25), f = 0.25, with g1 < 0 at the bound.
        var bounds = new Bounds([-2, -2], [0.5, 2]);
        var result = Lbfgsb.Minimize(TestObjectives.Rosenbrock(bounds), [-1.2, 1.0]);
        Assert.True(result.Success, result.ToString());
        Assert.Equal(0.5, result.X[0], 1e-8);
        Assert.Equal(0.25, result.X[1], 1e-5);
        Assert.Equal(0.25, result.Value, 1e-8);
    }

    [Fact]
    public void LbfgsbOnADelegateWithBoundsClampsTheMinimizer()
    {
        // f = Σ (x_i − c_i)²: the box minimizer is clamp(c).
        double[] c = [3, -4, 0.5, 10, -0.25];
        double[] lo = [-1, -1, -1, -1, -1], hi = [1, 1, 1, 1, 1];
        var result = Lbfgsb.Minimize((x, g) =>
        {
            double f = 0;
            for (int i = 0; i < x.Length; i++) { g[i] = 2 * (x[i] - c[i]); f += (x[i] - c[i]) * (x[i] - c[i]); }
            return f;
        }, new double[5], new Bounds(lo, hi));
        Assert.True(result.Success, result.ToString());
        for (int i = 0; i < c.Length; i++)
            Assert.Equal(Math.Clamp(c[i], -1, 1), result.X[i], 1e-9);
    }

    [Fact]
    public void UnconstrainedMethodsRejectBounds()
    {
        var objective = TestObjectives.Rosenbrock(new Bounds([-2, -2], [0.5, 2]));
        Assert.Throws<NablaInputException>(() => Bfgs.Minimize(objective, [-1.2, 1.0]));
    }

    [Fact]
    public void TraceRecordsEveryIterate()
    {
        var result = Bfgs.Minimize(TestObjectives.Rosenbrock(), [-1.2, 1.0], new OptimizerOptions { RecordTrace = true });
        Assert.NotNull(result.Trace);
        Assert.Equal(result.Iterations + 1, result.Trace!.Count);
        Assert.Equal(-1.2, result.Trace[0].X[0]);
        Assert.Equal(0, result.Trace[0].Step);
        Assert.Equal(result.Value, result.Trace[^1].Value);
        for (int k = 1; k < result.Trace.Count; k++)
            Assert.True(result.Trace[k].Value <= result.Trace[k - 1].Value, "BFGS with a Wolfe line search decreases f");
    }

    [Fact]
    public void TrustRegionHandlesTheHardCase()
    {
        // f = x² − y² + y⁴/4 from (1, 0): g ⟂ the negative-curvature direction e2 (the hard case).
        var objective = new Objective(2,
            valueAndGradient: (x, g) =>
            {
                g[0] = 2 * x[0];
                g[1] = -2 * x[1] + x[1] * x[1] * x[1];
                return x[0] * x[0] - x[1] * x[1] + Math.Pow(x[1], 4) / 4;
            },
            hessian: (x, h) => { h[0] = 2; h[1] = h[2] = 0; h[3] = -2 + 3 * x[1] * x[1]; });
        var result = TrustRegion.Minimize(objective, [1.0, 0.0], new OptimizerOptions { GradientTolerance = 1e-10 });
        Assert.True(result.Success, result.ToString());
        Assert.Equal(0, result.X[0], 1e-8);
        Assert.Equal(Math.Sqrt(2), Math.Abs(result.X[1]), 1e-8);
        Assert.Equal(-1, result.Value, 1e-12);
    }

    [Fact]
    public void RandomStrictlyConvexQuadraticsAreSolvedExactly()
    {
        var methods = Minimizer.Methods.Select(m => m.Method)
            .Where(m => m != OptimizationMethod.LevenbergMarquardt).ToArray();
        var gen = Gen.Int[1, 6].SelectMany(n =>
            Gen.Double[-1, 1].Array[n * n].SelectMany(m =>
                Gen.Double[0.5, 10].Array[n].SelectMany(eigen =>
                    Gen.Double[-5, 5].Array[n].Select(b => (n, m, eigen, b)))));
        gen.Sample(t =>
        {
            var (n, m, eigen, b) = t;
            var a = SpdMatrix(n, m, eigen);
            var exact = Solve(a, b, n);
            foreach (var method in methods)
            {
                var options = new OptimizerOptions { GradientTolerance = 1e-10, WolfeCurvature = method == OptimizationMethod.Bfgs ? 1e-6 : 0.9, RecordTrace = method == OptimizationMethod.Bfgs };
                var x0 = Enumerable.Repeat(1.0, n).ToArray();
                var result = Minimizer.Minimize(TestObjectives.Quadratic(a, b), x0, method, options);
                Assert.True(result.Success, $"n = {n}: {result} ({result.Message})");
                for (int i = 0; i < n; i++)
                    Assert.True(Math.Abs(result.X[i] - exact[i]) <= 1e-6 * Math.Max(1, Math.Abs(exact[i])), $"n = {n}: {result}: x[{i}] = {result.X[i]}, exact {exact[i]}");
                if (method == OptimizationMethod.Newton)
                    Assert.True(result.Iterations <= 1, $"Newton took {result.Iterations} steps");
                if (method == OptimizationMethod.Bfgs)
                {
                    // Quadratic termination holds for exact line searches in exact arithmetic; with a
                    // line search exact to a relative 1e-6 the iterate after n + 1 steps is at the
                    // minimizer to that accuracy (reaching the 1e-10 gradient test may take a step more).
                    var trace = result.Trace!;
                    var after = trace[Math.Min(n + 1, trace.Count - 1)].X;
                    for (int i = 0; i < n; i++)
                        Assert.True(Math.Abs(after[i] - exact[i]) <= 1e-5 * Math.Max(1, Math.Abs(exact[i])),
                            $"BFGS after {n + 1} steps for n = {n}: x[{i}] = {after[i]}, exact {exact[i]} ({result.Iterations} steps in all)");
                }
            }
        }, iter: 300);
    }

    // A = M·Mᵀ + diag(d) with d ≥ 0.5: symmetric, strictly positive definite, moderately conditioned.
    private static double[] SpdMatrix(int n, double[] m, double[] d)
    {
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = i == j ? d[i] : 0;
                for (int k = 0; k < n; k++) s += m[i * n + k] * m[j * n + k];
                a[i * n + j] = s;
            }
        return a;
    }

    private static double[] Solve(double[] a, double[] b, int n)
    {
        var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n, (i, j) => a[i * n + j]);
        return m.Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(b)).ToArray();
    }
}
