using Nabla.Learning;
using Nabla.Tensors;

namespace Nabla.Tests.Learning;

public class TrainingTests
{
    [Fact]
    public void DigitsDataSetHasItsPublishedShape()
    {
        var d = TestData.Digits;
        Assert.Equal(1797, d.Count);
        Assert.Equal(64, d.Features);
        Assert.Equal(10, d.Classes);
        Assert.InRange(d.X.Max(), 16, 16);
    }

    [Fact]
    public void DigitsMlpReaches95PercentWithin30EpochsDeterministically()
    {
        var options = new TrainingOptions { Layers = [64, 32, 10], Activation = Activation.Tanh, Optimizer = "adam", LearningRate = 1e-3, BatchSize = 32, Epochs = 30, Seed = 1 };
        var a = Training.TrainClassifier<double>(TestData.Digits, options);
        var b = Training.TrainClassifier<double>(TestData.Digits, options);
        Assert.True(a.Epochs[^1].TestAccuracy >= 0.95, $"test accuracy {a.Epochs[^1].TestAccuracy}");
        Assert.Equal(359, a.Split.Test.Length); // round(1797 · 0.2)
        for (int e = 0; e < a.Epochs.Count; e++)
        {
            Assert.Equal(a.Epochs[e].TrainLoss, b.Epochs[e].TrainLoss);
            Assert.Equal(a.Epochs[e].TestAccuracy, b.Epochs[e].TestAccuracy);
        }
        Assert.Equal(a.Model.Network.ParameterData.ToArray(), b.Model.Network.ParameterData.ToArray());
        // A different seed gives a different model.
        var c = Training.TrainClassifier<double>(TestData.Digits, options with { Seed = 2, Epochs = 1 });
        Assert.NotEqual(a.Epochs[0].TrainLoss, c.Epochs[0].TrainLoss);
    }

    [Fact]
    public void Float32TrainingAlsoLearnsDigits()
    {
        var options = new TrainingOptions { Layers = [64, 32, 10], Activation = Activation.Relu, Optimizer = "sgd", LearningRate = 0.05, Momentum = 0.9, BatchSize = 64, Epochs = 10, Seed = 3 };
        var r = Training.TrainClassifier<float>(TestData.Digits, options);
        Assert.True(r.Epochs[^1].TestAccuracy >= 0.93, $"test accuracy {r.Epochs[^1].TestAccuracy}");
    }

    [Fact]
    public void SplitIsSeededDisjointAndComplete()
    {
        var s1 = DataSplit.Random(100, 0.25, 7);
        var s2 = DataSplit.Random(100, 0.25, 7);
        var s3 = DataSplit.Random(100, 0.25, 8);
        Assert.Equal(s1.Test, s2.Test);
        Assert.NotEqual(s1.Test, s3.Test);
        Assert.Equal(25, s1.Test.Length);
        Assert.Equal(Enumerable.Range(0, 100), s1.Train.Concat(s1.Test).Order());
    }

    [Fact]
    public void StandardizerUsesTrainingRowsAndKeepsConstantFeatures()
    {
        var d = new DataSet("t", [1, 5, 3, 5, 100, 5], [0, 1, 0], 2);
        var s = Standardizer.Fit(d, [0, 1]);
        Assert.Equal([2.0, 5.0], s.Mean);
        Assert.Equal([1.0, 1.0], s.Std); // std of {1,3} is 1; constant feature gets 1
        var z = new double[2];
        s.Apply(d.Row(2), z.AsSpan());
        Assert.Equal([98.0, 0.0], z);
    }

    [Fact]
    public void TrainingRejectsMismatchedLayers()
    {
        Assert.Throws<NablaInputException>(() => Training.TrainClassifier<double>(TestData.Digits, new TrainingOptions { Layers = [63, 10] }));
        Assert.Throws<NablaInputException>(() => Training.TrainClassifier<double>(TestData.Digits, new TrainingOptions { Layers = [64, 5] }));
        Assert.Throws<NablaInputException>(() => Training.TrainClassifier<double>(TestData.Digits, new TrainingOptions { Optimizer = "lbfgs" }));
    }
}
