using Nabla.Curvature;
using Nabla.Learning;
using Nabla.Tensors;

namespace Nabla.Tests.Curvature;

public class NetworkCurvatureTests
{
    internal static string DigitsPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var p = Path.Combine(dir.FullName, "data", "digits.csv.gz");
            if (File.Exists(p))
                return p;
        }
        throw new FileNotFoundException("data/digits.csv.gz");
    }

    [Theory]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Softplus)]
    public void FusedLossAgreesWithTheLearningLayersDoubleBackward(Activation activation)
    {
        var data = DataSets.Digits(DigitsPath());
        var trained = Training.TrainClassifier<double>(data, new TrainingOptions { Layers = [64, 8, 10], Activation = activation, Epochs = 2, Seed = 3 });
        var c = trained.Model;
        var theta = c.Network.ParameterData.ToArray();
        var rows = c.Rows(data, "train")[..300];
        var reference = new TrainingLoss(c.Network, data, rows, c.Standardizer);
        var fused = NetworkCurvature.TryFused(c.Network, data, rows, c.Standardizer);
        if (activation == Activation.Softplus)
        {
            Assert.Null(fused); // not fused: the generic path is used
            var loss = NetworkCurvature.Loss(c, data, "train", 300);
            Assert.IsType<NetworkCurvature.TrainingLossAdapter>(loss);
            return;
        }
        Assert.NotNull(fused);
        Assert.Equal(reference.ParameterCount, fused.Dimension);
        Assert.Equal(reference.Loss(theta), fused.Value(theta), 10);
        var g1 = new double[fused.Dimension];
        var g2 = new double[fused.Dimension];
        reference.LossAndGradient(theta, g1);
        fused.ValueAndGradient(theta, g2);
        for (int i = 0; i < g1.Length; i++)
            Assert.Equal(g1[i], g2[i], 10);
        var v = MlpCrossEntropyTests.RandomTheta(fused.Dimension, 9, 1);
        var h1 = new double[fused.Dimension];
        var h2 = new double[fused.Dimension];
        reference.HessianVectorProduct(theta, v, h1);
        fused.HessianAt(theta).Apply(v, h2);
        for (int i = 0; i < h1.Length; i++)
            Assert.Equal(h1[i], h2[i], 9);
    }
}
