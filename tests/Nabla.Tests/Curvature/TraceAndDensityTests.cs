using CsCheck;
using Nabla.Curvature;

namespace Nabla.Tests.Curvature;

public class TraceAndDensityTests
{
    [Fact]
    public void HutchinsonIsExactOnDiagonalMatrices()
    {
        // zᵀ D z = tr D for every Rademacher z: zero variance.
        Gen.Double[-5, 5].Array[1, 40].Sample(d =>
        {
            int n = d.Length;
            var op = SymmetricOperator.FromDelegate(n, (v, hv) => { for (int i = 0; i < n; i++) hv[i] = d[i] * v[i]; });
            var t = HutchinsonTrace.Estimate(op, new HutchinsonOptions { MaxSamples = 5 });
            return Math.Abs(t.Estimate - d.Sum()) < 1e-9 * (1 + d.Sum(Math.Abs)) && t.StandardError < 1e-9 * (1 + d.Sum(Math.Abs));
        }, iter: 200);
    }

    [Fact]
    public void HutchinsonEstimateIsWithinItsStandardErrorAndStandardErrorMatchesTheory()
    {
        int n = 120;
        var lambda = TestMatrices.RandomSpectrum(new Random(8), n, -1, 3);
        var a = TestMatrices.WithSpectrum(lambda, 3);
        double trace = lambda.Sum();
        // Theoretical variance of zᵀAz: 2 Σ_{i≠j} a_ij².
        double off = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (i != j)
                    off += a[i * n + j] * a[i * n + j];
        var t = HutchinsonTrace.Estimate(new DenseSymmetricOperator(a, n), new HutchinsonOptions { MaxSamples = 400, Seed = 5 });
        Assert.Equal(400, t.Samples);
        Assert.Equal(SolverStatus.MaxIterations, t.Status);
        Assert.True(Math.Abs(t.Estimate - trace) < 4 * t.StandardError, $"{t.Estimate} vs {trace} ± {t.StandardError}");
        double theory = Math.Sqrt(2 * off / 400);
        Assert.InRange(t.StandardError / theory, 0.8, 1.25);
        Assert.Equal(t.Estimate, t.RunningMean[^1]);
    }

    [Fact]
    public void HutchinsonStopsOnTheRelativeStandardError()
    {
        int n = 60;
        var a = TestMatrices.WithSpectrum(TestMatrices.RandomSpectrum(new Random(9), n, 1, 2), 1);
        var op = new DenseSymmetricOperator(a, n);
        var o = new HutchinsonOptions { MaxSamples = 1000, MinSamples = 10, RelativeStandardError = 0.01, Seed = 3 };
        var t = HutchinsonTrace.Estimate(op, o);
        Assert.Equal(SolverStatus.Converged, t.Status);
        Assert.InRange(t.Samples, 10, 999);
        Assert.True(t.StandardError <= 0.01 * Math.Abs(t.Estimate));
        var again = HutchinsonTrace.Estimate(op, o);
        Assert.Equal(t.Estimate, again.Estimate);
        Assert.Equal(t.Samples, again.Samples);
    }

    [Fact]
    public void SlqDensityIntegratesToOneAndMatchesTheExactSmoothedDensity()
    {
        int n = 300;
        var rng = new Random(4);
        // Bulk near 0, a few outliers, negative part: the shape of a trained network's spectrum.
        var lambda = Enumerable.Range(0, n).Select(i => i < 250 ? 0.05 * TestMatrices.Normal(rng) : -1 + 2 * rng.NextDouble()).ToArray();
        lambda[0] = 6;
        lambda[1] = 4.5;
        var a = TestMatrices.WithSpectrum(lambda, 6);
        var r = SpectralDensity.Estimate(new DenseSymmetricOperator(a, n), new SpectralDensityOptions { Probes = 10, Steps = 60, Sigma = 0.1, Seed = 2 });
        Assert.InRange(r.Integral(), 1 - 1e-3, 1 + 1e-3);
        Assert.All(r.Weights, w => Assert.Equal(1, w.Sum(), 10));
        Assert.All(r.Nodes, th => Assert.All(th, x => Assert.InRange(x, lambda.Min() - 1e-9, lambda.Max() + 1e-9)));
        var exact = SpectralDensity.FromEigenvalues(lambda, r.Grid, r.Sigma);
        double l1 = 0;
        for (int i = 1; i < r.Grid.Length; i++)
            l1 += Math.Abs(r.Density[i] - exact[i]) * (r.Grid[i] - r.Grid[i - 1]);
        Assert.True(l1 < 0.1, $"L1 distance {l1}");
        Assert.True(Math.Abs(r.TraceEstimate - lambda.Sum()) < 0.1 * lambda.Sum(Math.Abs), $"{r.TraceEstimate} vs {lambda.Sum()}");
        Assert.Equal(10 * 60, r.OperatorApplications);
    }

    [Fact]
    public void SlqIsDeterministicAndValidatesInput()
    {
        int n = 40;
        var op = new DenseSymmetricOperator(TestMatrices.WithSpectrum(TestMatrices.RandomSpectrum(new Random(1), n, -1, 1), 1), n);
        var o = new SpectralDensityOptions { Probes = 3, Steps = 10, GridPoints = 50 };
        Assert.Equal(SpectralDensity.Estimate(op, o).Density, SpectralDensity.Estimate(op, o).Density);
        Assert.Throws<NablaInputException>(() => SpectralDensity.Estimate(op, o with { Probes = 0 }));
        Assert.Throws<NablaInputException>(() => SpectralDensity.Estimate(op, o with { Sigma = -1 }));
        Assert.Throws<NablaInputException>(() => HutchinsonTrace.Estimate(op, new HutchinsonOptions { MaxSamples = 0 }));
    }
}
