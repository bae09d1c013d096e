using Nabla.Curvature;
using Nabla.Learning;
using Nabla.Tensors;
using Xunit.Abstractions;

namespace Nabla.Tests.Curvature;

/// <summary>
/// Scope 3: on a trained digits MLP small enough for a dense Hessian, the iterative estimates agree
/// with the dense eigendecomposition. (64-12-10 keeps the dense eigensolve within the test budget;
/// the 64-32-10 network of the issue is checked the same way by `Nabla.Bench curvature-check`, see
/// docs/curvature.md.)
/// </summary>
public class DenseVerificationTests(ITestOutputHelper log)
{
    [Fact]
    public void LanczosTraceAndDensityAgreeWithTheDenseEigendecomposition()
    {
        var data = DataSets.Digits(NetworkCurvatureTests.DigitsPath());
        var c = Training.TrainClassifier<double>(data, new TrainingOptions { Layers = [64, 12, 10], Activation = Activation.Tanh, Epochs = 8, Seed = 2 }).Model;
        var loss = NetworkCurvature.Loss(c, data);
        var theta = c.Network.ParameterData.ToArray();
        var op = NetworkCurvature.Hessian(loss, theta);
        int n = op.Dimension;
        var dense = DenseHessian.Build(op);
        var exact = DenseHessian.Eigenvalues(dense, n);
        double trace = Enumerable.Range(0, n).Sum(i => dense[(long)i * n + i]);

        // Top-5 and bottom-2 Ritz values: within their residual bounds of the sorted dense eigenvalues, in order.
        var r = Lanczos.Compute(op, new LanczosOptions { Largest = 5, Smallest = 2, Tolerance = 1e-8 });
        // The dense eigensolver's own rounding (~n ε ‖H‖) is allowed on top of the residual bound.
        double slack = 1e-12 * Math.Max(Math.Abs(exact[0]), exact[^1]);
        Assert.Equal(SolverStatus.Converged, r.Status);
        for (int i = 0; i < 5; i++)
        {
            double err = Math.Abs(r.Largest[i].Value - exact[n - 1 - i]);
            log.WriteLine($"λ{i + 1} = {exact[n - 1 - i]:G10}, Ritz {r.Largest[i].Value:G10}, error {err:E1}, residual {r.Largest[i].Residual:E1}");
            Assert.True(err <= r.Largest[i].Residual + slack, $"top {i}");
            Assert.True(err <= 1e-7 * exact[n - 1]);
        }
        for (int i = 0; i < 2; i++)
            Assert.True(Math.Abs(r.Smallest[i].Value - exact[i]) <= r.Smallest[i].Residual + slack, $"bottom {i}");

        // Power iteration (PyHessian parity) gets the top eigenvalue to its 1e-3 relative tolerance's order.
        var p = PowerIteration.Compute(op);
        Assert.True(Math.Abs(p.Eigenpairs[0].Value - exact[n - 1]) <= 1e-2 * exact[n - 1]);

        // Hutchinson: within 4 standard errors of the exact trace.
        var t = HutchinsonTrace.Estimate(op, new HutchinsonOptions { MaxSamples = 200, Seed = 3 });
        log.WriteLine($"trace {trace:G8}, Hutchinson {t.Estimate:G8} ± {t.StandardError:G3}");
        Assert.True(Math.Abs(t.Estimate - trace) <= 4 * t.StandardError);

        // SLQ density: L1 distance to the exactly smoothed spectrum below 0.15; integral 1; trace within 10%.
        double sigma = 0.02 * (exact[^1] - exact[0]);
        var d = SpectralDensity.Estimate(op, new SpectralDensityOptions { Probes = 10, Steps = 60, Sigma = sigma, Seed = 4 });
        var reference = SpectralDensity.FromEigenvalues(exact, d.Grid, sigma);
        double l1 = 0;
        for (int i = 1; i < d.Grid.Length; i++)
            l1 += Math.Abs(d.Density[i] - reference[i]) * (d.Grid[i] - d.Grid[i - 1]);
        log.WriteLine($"density L1 {l1:F4}, integral {d.Integral():F6}, SLQ trace {d.TraceEstimate:G6}");
        Assert.True(l1 < 0.15, $"L1 {l1}");
        Assert.InRange(d.Integral(), 0.999, 1.001);
        Assert.True(Math.Abs(d.TraceEstimate - trace) < 0.1 * Math.Abs(trace));
    }
}
