using CsCheck;
using Nabla.Learning;
using Nabla.Tensors;

namespace Nabla.Tests.Learning;

public class BackpropagationTests
{
    [Fact]
    public void FastLayerByLayerGradientEqualsAutograd() =>
        Gen.Select(Gen.Int[1, 9], Gen.Int[0, 4], Gen.ULong).Sample((batch, act, seed) =>
        {
            var activation = (Activation)(act + 1); // tanh, relu, sigmoid, softplus, gelu
            var model = Sequential<double>.Mlp([5, 7, 6, 3], activation, seed);
            var rng = new Rng(seed ^ 99);
            var x = new double[batch * 5];
            var y = new int[batch];
            for (int i = 0; i < x.Length; i++) x[i] = rng.NextGaussian();
            for (int i = 0; i < batch; i++) y[i] = rng.NextInt(3);
            var data = new DataSet("r", x, y, 5, 3);

            var ws = new MlpWorkspace<double>(model, batch);
            ws.Load(data, Enumerable.Range(0, batch).ToArray(), null);
            double fastLoss = ws.ForwardBackward(batch);

            var loss = Tensor.CrossEntropy(model.Forward(Tensor<double>.FromArray(x, batch, 5)), y);
            var grads = Autograd.Grad(loss, model.Parameters);
            var flat = grads.SelectMany(g => g.ToArray()).ToArray();
            Assert.Equal(loss.Item(), fastLoss, 12);
            for (int i = 0; i < flat.Length; i++) Assert.Equal(flat[i], ws.Gradient[i], 12);
        }, iter: 60);

    [Fact]
    public void ParametersAreViewsOfTheFlatVector()
    {
        var model = Sequential<double>.Mlp([3, 4, 2], Activation.Tanh, 5);
        Assert.Equal(3 * 4 + 4 + 4 * 2 + 2, model.ParameterCount);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], model.ParameterNames);
        var theta = Enumerable.Range(0, model.ParameterCount).Select(i => (double)i).ToArray();
        model.SetParameters(theta);
        var lin = (Linear<double>)model.Modules[2];
        Assert.Equal(16.0, lin.Weight[0, 0]);
        Assert.Equal(25.0, lin.Bias[1]);
        var back = new double[model.ParameterCount];
        model.GetParameters(back);
        Assert.Equal(theta, back);
        Assert.Throws<NablaInputException>(() => model.SetParameters(new double[3]));
    }

    private static (TrainingLoss Loss, double[] Theta) DigitsLoss(int rows)
    {
        var data = TestData.Digits;
        var split = DataSplit.Random(data.Count, 0.2, 1);
        var std = Standardizer.Fit(data, split.Train);
        var model = Sequential<double>.Mlp([64, 32, 10], Activation.Tanh, 11);
        var loss = new TrainingLoss(model, data, split.Train.AsSpan(0, rows), std);
        return (loss, loss.GetParameters());
    }

    [Fact]
    public void LossAndGradientMatchFiniteDifferences()
    {
        var (loss, theta) = DigitsLoss(200);
        Assert.Equal(2410, loss.ParameterCount);
        var g = new double[loss.ParameterCount];
        double f = loss.LossAndGradient(theta, g);
        Assert.Equal(loss.Loss(theta), f, 12);
        var rng = new Rng(4);
        for (int t = 0; t < 20; t++)
        {
            int j = rng.NextInt(theta.Length);
            var tp = (double[])theta.Clone(); tp[j] += 1e-6;
            var tm = (double[])theta.Clone(); tm[j] -= 1e-6;
            double fd = (loss.Loss(tp) - loss.Loss(tm)) / 2e-6;
            Assert.Equal(fd, g[j], 7);
        }
    }

    [Fact]
    public void HessianVectorProductsMatchTheDenseHessianOfA2410ParameterModel()
    {
        var (loss, theta) = DigitsLoss(150);
        int n = loss.ParameterCount;
        // Dense Hessian by central differences of the (fast, independent) gradient, column by column.
        var hessian = new double[n * n];
        var gp = new double[n];
        var gm = new double[n];
        const double h = 1e-5;
        for (int j = 0; j < n; j++)
        {
            var t = (double[])theta.Clone();
            t[j] = theta[j] + h; loss.LossAndGradient(t, gp);
            t[j] = theta[j] - h; loss.LossAndGradient(t, gm);
            for (int i = 0; i < n; i++) hessian[i * n + j] = (gp[i] - gm[i]) / (2 * h);
        }
        double scale = hessian.Max(Math.Abs);
        // Its symmetry says the finite differences are accurate.
        double asym = 0;
        for (int i = 0; i < n; i++) for (int j = 0; j < i; j++) asym = Math.Max(asym, Math.Abs(hessian[i * n + j] - hessian[j * n + i]));
        Assert.True(asym < 1e-6 * scale, $"asymmetry {asym}");

        var rng = new Rng(8);
        var hv = new double[n];
        for (int trial = 0; trial < 4; trial++)
        {
            var v = new double[n];
            if (trial == 0) v[rng.NextInt(n)] = 1; // a column of H exactly
            else for (int i = 0; i < n; i++) v[i] = rng.NextGaussian();
            loss.HessianVectorProduct(theta, v, hv);
            double err = 0, norm = 0;
            for (int i = 0; i < n; i++)
            {
                double dense = 0;
                for (int j = 0; j < n; j++) dense += hessian[i * n + j] * v[j];
                err = Math.Max(err, Math.Abs(dense - hv[i]));
                norm = Math.Max(norm, Math.Abs(dense));
            }
            Assert.True(err <= 1e-6 * Math.Max(1, norm), $"trial {trial}: |Hv - H·v| = {err}, |H·v| = {norm}");
        }
    }

    [Fact]
    public void HessianVectorProductIsSymmetricAsABilinearForm()
    {
        var (loss, theta) = DigitsLoss(300);
        int n = loss.ParameterCount;
        var rng = new Rng(12);
        var u = Enumerable.Range(0, n).Select(_ => rng.NextGaussian()).ToArray();
        var v = Enumerable.Range(0, n).Select(_ => rng.NextGaussian()).ToArray();
        var hu = new double[n];
        var hv = new double[n];
        loss.HessianVectorProduct(theta, u, hu);
        loss.HessianVectorProduct(theta, v, hv);
        double uHv = u.Zip(hv, (a, b) => a * b).Sum(), vHu = v.Zip(hu, (a, b) => a * b).Sum();
        Assert.Equal(uHv, vHu, 9);
    }
}
