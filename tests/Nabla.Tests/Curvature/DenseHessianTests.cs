using Nabla.Curvature;

namespace Nabla.Tests.Curvature;

public class DenseHessianTests
{
    [Fact]
    public void BuildsTheMatrixFromProductsAndItsSpectrum()
    {
        int n = 25;
        var lambda = TestMatrices.RandomSpectrum(new Random(2), n, -2, 2);
        var a = TestMatrices.WithSpectrum(lambda, 3);
        var h = DenseHessian.Build(new DenseSymmetricOperator(a, n));
        for (int i = 0; i < a.Length; i++)
            Assert.Equal(a[i], h[i], 12);
        var ev = DenseHessian.Eigenvalues(h, n);
        var sorted = lambda.OrderBy(v => v).ToArray();
        for (int i = 0; i < n; i++)
            Assert.Equal(sorted[i], ev[i], 10);
    }

    [Fact]
    public void ParametricLineInterpolatesAndExtrapolates()
    {
        var alphas = ParametricLine.Alphas(-1, 2, 4);
        Assert.Equal([-1, 0, 1, 2], alphas);
        var v = ParametricLine.Evaluate([0, 0], [1, 2], alphas, t => t[0] + t[1]);
        Assert.Equal([-3, 0, 3, 6], v[0]);
    }
}
