using Nabla.Curvature;

namespace Nabla.Tests.Curvature;

public class PowerIterationTests
{
    [Fact]
    public void FindsTheDominantEigenvaluesWithDeflation()
    {
        int n = 100;
        var lambda = TestMatrices.RandomSpectrum(new Random(1), n, -1, 1);
        lambda[0] = 10;
        lambda[1] = 6;
        lambda[2] = 3;
        var a = TestMatrices.WithSpectrum(lambda, 4);
        var r = PowerIteration.Compute(new DenseSymmetricOperator(a, n), new PowerIterationOptions { Count = 3, Tolerance = 1e-8, MaxIterations = 500 });
        Assert.Equal(10, r.Eigenpairs[0].Value, 6);
        Assert.Equal(6, r.Eigenpairs[1].Value, 6);
        Assert.Equal(3, r.Eigenpairs[2].Value, 5);
        Assert.All(r.Eigenpairs, p => Assert.Equal(SolverStatus.Converged, p.Status));
        Assert.Equal(r.Eigenpairs.Sum(p => p.Iterations), r.OperatorApplications);
        // The residual bounds the distance to the nearest eigenvalue.
        foreach (var p in r.Eigenpairs)
            Assert.True(lambda.Min(l => Math.Abs(l - p.Value)) <= p.Residual + 1e-12);
    }

    [Fact]
    public void PyHessianDefaultsStopEarlyAndFindTheLargestMagnitudeNotTheLargestValue()
    {
        int n = 80;
        var lambda = TestMatrices.RandomSpectrum(new Random(2), n, -0.5, 0.5);
        lambda[0] = -8; // dominant in magnitude
        lambda[1] = 4;
        var a = TestMatrices.WithSpectrum(lambda, 5);
        var r = PowerIteration.Compute(new DenseSymmetricOperator(a, n));
        Assert.True(Math.Abs(r.Eigenpairs[0].Value + 8) < 0.1, $"{r.Eigenpairs[0].Value}");
        Assert.True(r.Eigenpairs[0].Iterations < 100);
    }

    [Fact]
    public void RejectsBadInput()
    {
        var op = new DenseSymmetricOperator([1, 0, 0, 1], 2);
        Assert.Throws<NablaInputException>(() => PowerIteration.Compute(op, new PowerIterationOptions { Count = 3 }));
        Assert.Throws<NablaInputException>(() => PowerIteration.Compute(op, new PowerIterationOptions { MaxIterations = 0 }));
    }
}
