using CsCheck;
using Nabla.Curvature;
using Nabla.Tensors;

namespace Nabla.Tests.Curvature;

public class MlpCrossEntropyTests
{
    internal static (double[] X, int[] Y) Blobs(int n, int d, int classes, int seed)
    {
        var rng = new Random(seed);
        var centers = Enumerable.Range(0, classes * d).Select(_ => 2 * TestMatrices.Normal(rng)).ToArray();
        var x = new double[n * d];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = i % classes;
            for (int j = 0; j < d; j++)
                x[i * d + j] = centers[y[i] * d + j] + TestMatrices.Normal(rng);
        }
        return (x, y);
    }

    internal static double[] RandomTheta(int n, int seed, double scale = 0.5)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => scale * TestMatrices.Normal(rng)).ToArray();
    }

    [Theory]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Sigmoid)]
    [InlineData(Activation.Identity)]
    public void GradientAndHessianVectorProductMatchFiniteDifferences(Activation act)
    {
        Gen.Select(Gen.Int[1, 40], Gen.Int[0, 1000]).Sample((samples, seed) =>
        {
            int[] sizes = [5, 7, 4, 3];
            var (x, y) = Blobs(samples, 5, 3, seed);
            var loss = new MlpCrossEntropy(sizes, act, x, y);
            var theta = RandomTheta(loss.Dimension, seed + 1);
            var v = RandomTheta(loss.Dimension, seed + 2, 1);
            var g = new double[loss.Dimension];
            loss.ValueAndGradient(theta, g);
            // Directional derivative of f and of ∇f along v by central differences.
            double h = 1e-5;
            var tp = theta.Zip(v, (a, b) => a + h * b).ToArray();
            var tm = theta.Zip(v, (a, b) => a - h * b).ToArray();
            double fd = (loss.Value(tp) - loss.Value(tm)) / (2 * h);
            double gv = g.Zip(v, (a, b) => a * b).Sum();
            if (Math.Abs(fd - gv) > 1e-6 * (1 + Math.Abs(gv)))
                return false;
            var gp = new double[loss.Dimension];
            var gm = new double[loss.Dimension];
            loss.ValueAndGradient(tp, gp);
            loss.ValueAndGradient(tm, gm);
            var hv = new double[loss.Dimension];
            loss.HessianVectorProduct(theta, v, hv);
            double scale = 1 + hv.Max(Math.Abs);
            for (int i = 0; i < hv.Length; i++)
            {
                double fdi = (gp[i] - gm[i]) / (2 * h);
                // (ReLU is checked against the Learning layer's double backward instead: its kinks
                // can fall inside a finite-difference interval.)
                if (Math.Abs(fdi - hv[i]) > 1e-6 * scale)
                    return false;
            }
            return true;
        }, iter: 30);
    }

    [Fact]
    public void HessianIsSymmetricAndLanczosAgreesWithTheDenseSpectrum()
    {
        int[] sizes = [6, 10, 4];
        var (x, y) = Blobs(200, 6, 4, 3);
        var loss = new MlpCrossEntropy(sizes, Activation.Tanh, x, y);
        var theta = RandomTheta(loss.Dimension, 4);
        var op = loss.HessianAt(theta);
        int n = op.Dimension;
        // Symmetry before symmetrisation: uᵀ H v = vᵀ H u.
        var u = RandomTheta(n, 5, 1);
        var v = RandomTheta(n, 6, 1);
        var hu = new double[n];
        var hv = new double[n];
        op.Apply(u, hu);
        op.Apply(v, hv);
        Assert.Equal(u.Zip(hv, (a, b) => a * b).Sum(), v.Zip(hu, (a, b) => a * b).Sum(), 1e-10);
        var dense = DenseHessian.Build(op);
        var exact = DenseHessian.Eigenvalues(dense, n);
        var r = Lanczos.Compute(op, new LanczosOptions { Largest = 3, Smallest = 2, Tolerance = 1e-10, MaxIterations = n });
        for (int i = 0; i < 3; i++)
            Assert.True(Math.Abs(r.Largest[i].Value - exact[n - 1 - i]) <= r.Largest[i].Residual + 1e-10);
        for (int i = 0; i < 2; i++)
            Assert.True(Math.Abs(r.Smallest[i].Value - exact[i]) <= r.Smallest[i].Residual + 1e-10);
        Assert.Equal(exact.Sum(), Enumerable.Range(0, n).Sum(i => dense[i * n + i]), 1e-8);
    }

    [Fact]
    public void AccuracyAndInputValidation()
    {
        var (x, y) = Blobs(30, 2, 2, 1);
        var loss = new MlpCrossEntropy([2, 3, 2], Activation.Tanh, x, y);
        Assert.InRange(loss.Accuracy(new double[loss.Dimension]), 0, 1);
        Assert.Equal(Math.Log(2), loss.Value(new double[loss.Dimension]), 1e-12);
        Assert.Throws<NablaInputException>(() => new MlpCrossEntropy([2, 3, 2], Activation.Tanh, x, y.Select(v => v + 5).ToArray()));
        Assert.Throws<NablaInputException>(() => new MlpCrossEntropy([3, 2], Activation.Tanh, x, y));
        Assert.Throws<NablaInputException>(() => new MlpCrossEntropy([2, 3, 2], Activation.Gelu, x, y));
        Assert.Throws<NablaInputException>(() => loss.Value(new double[3]));
    }
}
