using Nabla.Learning;
using Nabla.Tensors;

namespace Nabla.Tests.Learning;

public class ModelFileTests
{
    private static TrainingResult<float> Small() => Training.TrainClassifier<float>(TestData.Digits,
        new TrainingOptions { Layers = [64, 16, 10], Activation = Activation.Gelu, Epochs = 2, Seed = 9 });

    [Fact]
    public void SavedModelPredictsExactlyAsTheTrainedOne()
    {
        var r = Small();
        var path = Path.Combine(Path.GetTempPath(), $"nabla-model-{Guid.NewGuid():N}.safetensors");
        try
        {
            r.Model.Save(path);
            var loaded = ModelFile.Load(path);
            Assert.Equal("float32", loaded.Precision);
            Assert.Equal(r.Split.Test, loaded.Rows(TestData.Digits, "test"));
            var rows = loaded.Rows(TestData.Digits, "test");
            Assert.Equal(r.Model.Predict(TestData.Digits, rows), loaded.Predict(TestData.Digits, rows));
            // float32 products go to OpenBLAS, whose summation order depends on the batch shape: equal to float rounding, not bitwise.
            Assert.Equal(r.Epochs[^1].TestLoss, loaded.Evaluate(TestData.Digits, rows).Loss, 1e-6);
            // float32 weights widen exactly to a float64 model
            var wide = ModelFile.Load<double>(path);
            Assert.Equal(r.Model.Network.ParameterData.ToArray().Select(x => (double)x), wide.Network.ParameterData.ToArray());
            Assert.Equal(r.Model.Standardizer.Mean, wide.Standardizer.Mean);
            Assert.Throws<NablaInputException>(() => loaded.Rows(TestData.Digits.Subset([0, 1, 2]), "test"));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void DamagedModelFilesAreTypedErrors()
    {
        var r = Small();
        var path = Path.Combine(Path.GetTempPath(), $"nabla-model-{Guid.NewGuid():N}.safetensors");
        try
        {
            r.Model.Save(path);
            var bytes = File.ReadAllBytes(path);
            var rng = new Rng(5);
            for (int trial = 0; trial < 300; trial++)
            {
                var damaged = (byte[])bytes.Clone();
                if (trial % 3 == 0) damaged = damaged[..rng.NextInt(damaged.Length)];
                else damaged[rng.NextInt(Math.Min(damaged.Length, 4000))] ^= (byte)(1 + rng.NextInt(255));
                File.WriteAllBytes(path, damaged);
                try
                {
                    var m = ModelFile.Load(path);
                    Assert.Equal(2, m.Info.Layers.Length - 1);
                }
                catch (NablaInputException) { }
            }
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void AHugeDeclaredArchitectureWithoutWeightsFailsBeforeAllocating()
    {
        var meta = new Dictionary<string, string>
        {
            ["format"] = ModelFile.Format, ["layers"] = "30000,30000", ["activation"] = "tanh",
            ["standardization_mean"] = "[" + string.Join(",", Enumerable.Repeat("0", 30000)) + "]",
            ["standardization_std"] = "[" + string.Join(",", Enumerable.Repeat("1", 30000)) + "]",
            ["samples"] = "10", ["split"] = "random", ["split_seed"] = "1", ["test_fraction"] = "0.2", ["test_samples"] = "2", ["train_samples"] = "8",
        };
        var path = Path.Combine(Path.GetTempPath(), $"nabla-model-{Guid.NewGuid():N}.safetensors");
        try
        {
            SafeTensors.Save(path, [new KeyValuePair<string, Tensor<double>>("0.weight", Tensor<double>.Zeros(2, 2))], meta);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Assert.Throws<ModelFileException>(() => ModelFile.Load(path));
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 100_000_000);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void MetadataDescribesTheModelForPyTorchUsers()
    {
        var r = Small();
        var bytes = SafeTensorsOf(r.Model);
        var c = SafeTensors.Parse(bytes);
        Assert.Equal("64,16,10", c.Metadata["layers"]);
        Assert.Equal("gelu", c.Metadata["activation"]);
        Assert.Equal("random", c.Metadata["split"]);
        Assert.Equal("9", c.Metadata["split_seed"]);
        Assert.Equal("torch.nn.Sequential(Linear(64, 16), GELU(), Linear(16, 10))", c.Metadata["pytorch"]);
        Assert.Equal([16, 64], c["0.weight"].Shape);
        Assert.Equal([10], c["2.bias"].Shape);
    }

    private static byte[] SafeTensorsOf(Classifier<float> model)
    {
        var path = Path.Combine(Path.GetTempPath(), $"nabla-model-{Guid.NewGuid():N}.safetensors");
        try { model.Save(path); return File.ReadAllBytes(path); }
        finally { File.Delete(path); }
    }
}
