using CsCheck;
using Nabla.Optimization;

namespace Nabla.Tests.Optimization;

/// <summary>
/// L-BFGS-B on concave and indefinite objectives over a box, the way the curvature layer uses it
/// (maximising a loss = minimising −loss over a small box, tolerances zero, a fixed budget): the
/// minimizers are corners or faces of the box, the curvature pairs have sᵀy ≤ 0, and the method
/// must keep going to a KKT point instead of stopping with a failed projected line search.
/// </summary>
public class LbfgsbNonconvexTests
{
    // f = −Σ log cosh(a·x_i) + q·Σ (x_i − c_i)² + κ·(Σ x_i)²: concave for small q and κ ≤ 0, indefinite for κ > 0.
    private static ValueAndGradientFunction Concave(double[] c, double a, double q, double coupling) => (x, g) =>
    {
        double f = 0, sum = 0;
        for (int i = 0; i < x.Length; i++)
            sum += x[i];
        for (int i = 0; i < x.Length; i++)
        {
            double t = a * x[i];
            f += -LogCosh(t) + q * (x[i] - c[i]) * (x[i] - c[i]);
            g[i] = -a * Math.Tanh(t) + 2 * q * (x[i] - c[i]) + 2 * coupling * sum;
        }
        return f + coupling * sum * sum;
    };

    private static double LogCosh(double t) => Math.Abs(t) + Math.Log(0.5 * (1 + Math.Exp(-2 * Math.Abs(t))));

    [Theory]
    [InlineData(1.0, 2.0, 0.1, 0.0)]     // concave, box [-1, 1]
    [InlineData(1e-3, 2.0, 0.1, 0.0)]    // concave on a tiny box (Keskar's ε-box scale)
    [InlineData(1.0, 2.0, 0.1, 0.3)]     // indefinite (positive coupling)
    [InlineData(1.0, 2.0, 0.1, -0.3)]    // concave with negative coupling
    [InlineData(1e-3, 50.0, 1.0, 0.2)]   // indefinite on a tiny box
    public void ReachesAKktPointOfAConcaveOrIndefiniteBoxProblem(double epsilon, double a, double q, double coupling)
    {
        Gen.Int[2, 30].SelectMany(n => Gen.Double[-0.9, 0.9].Array[n].SelectMany(u => Gen.Double[-0.5, 0.5].Array[n].Select(c => (u, c))))
            .Sample(pair =>
            {
                var (u, c) = pair;
                int n = u.Length;
                var start = u.Select(v => v * epsilon).ToArray();
                var lo = Enumerable.Repeat(-epsilon, n).ToArray();
                var hi = Enumerable.Repeat(epsilon, n).ToArray();
                var f = Concave(c.Select(v => v * epsilon).ToArray(), a, q, coupling);
                var g0 = new double[n];
                double f0 = f(start, g0);
                var result = Lbfgsb.Minimize(f, start, new Bounds(lo, hi), new OptimizerOptions { MaxIterations = 2000 });
                Assert.True(result.Success, result.ToString());
                Assert.True(result.Value <= f0, $"f increased: {result.Value} vs {f0}");
                var g = new double[n];
                f(result.X, g);
                double pg = Lbfgsb.ProjectedGradientNorm(result.X, g, lo, hi);
                Assert.True(pg <= 1e-5 * Math.Max(1, g0.Max(Math.Abs)), $"projected gradient {pg} at the returned point");
            }, iter: 50, threads: 1);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1e-3)]
    public void WithZeroTolerancesSpendsTheWholeBudgetOrConverges(double epsilon)
    {
        // The curvature layer's maximiser: tolerances zero, 10 iterations; a failed line search
        // there used to end the run after one iteration.
        Gen.Int[2, 40].SelectMany(n => Gen.Double[-0.9, 0.9].Array[n]).Sample(u =>
        {
            int n = u.Length;
            var c = u.Select((v, i) => 0.3 * Math.Sin(7 * i + v) * epsilon).ToArray();
            var result = Lbfgsb.Minimize(Concave(c, 3.0 / Math.Sqrt(epsilon), 0.05, 0.1), u.Select(v => v * epsilon).ToArray(),
                new Bounds(Enumerable.Repeat(-epsilon, n).ToArray(), Enumerable.Repeat(epsilon, n).ToArray()),
                new OptimizerOptions { MaxIterations = 10, GradientTolerance = 0, StepTolerance = 0, StationarityTolerance = 0 });
            Assert.True(result.Status is OptimizationStatus.MaxIterations || result.Success, result.ToString());
        }, iter: 50, threads: 1);
    }
}
