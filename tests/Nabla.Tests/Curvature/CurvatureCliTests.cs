using System.Text.Json;
using Nabla.Cli;
using Nabla.Learning;
using Nabla.Tensors;

namespace Nabla.Tests.Curvature;

public class CurvatureCliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CliApp.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    private static string DataDir() => Path.GetDirectoryName(NetworkCurvatureTests.DigitsPath())!;

    [Fact]
    public void SharpnessJsonFollowsTheContract()
    {
        var data = DataSets.Digits(NetworkCurvatureTests.DigitsPath());
        var model = Training.TrainClassifier<double>(data, new TrainingOptions { Layers = [64, 8, 10], Activation = Activation.Tanh, Epochs = 2, Seed = 5 }).Model;
        var dir = Directory.CreateTempSubdirectory("nabla-sharpness");
        try
        {
            var path = Path.Combine(dir.FullName, "m.safetensors");
            model.Save(path);
            var plot = Path.Combine(dir.FullName, "density.png");
            var (code, output, err) = Run("sharpness", "--model", path, "--data", "digits", "--data-dir", DataDir(), "--top-k", "3", "--trace-samples", "20", "--max-rows", "300", "--density-plot", plot, "--json");
            Assert.True(code == 0, err);
            using var doc = JsonDocument.Parse(output);
            var r = doc.RootElement;
            Assert.Equal(path, r.GetProperty("model").GetString());
            Assert.Equal("digits", r.GetProperty("data").GetString());
            Assert.Equal(64 * 8 + 8 + 8 * 10 + 10, r.GetProperty("parameters").GetInt32());
            Assert.True(r.GetProperty("loss").GetDouble() > 0);
            var top = r.GetProperty("top_eigenvalues").EnumerateArray().Select(x => x.GetDouble()).ToArray();
            Assert.Equal(3, top.Length);
            Assert.True(top[0] >= top[1] && top[1] >= top[2]);
            Assert.Equal(3, r.GetProperty("ritz_residuals").GetArrayLength());
            Assert.Equal(20, r.GetProperty("trace").GetProperty("samples").GetInt32());
            Assert.True(r.GetProperty("trace").GetProperty("stderr").GetDouble() > 0);
            var k = r.GetProperty("keskar").EnumerateArray().ToArray();
            Assert.Equal(4, k.Length);
            Assert.Equal(["full", "subspace", "full", "subspace"], k.Select(x => x.GetProperty("space").GetString()));
            Assert.All(k, x => Assert.True(x.GetProperty("sharpness").GetDouble() >= 0));
            Assert.Equal(100, k[1].GetProperty("dimension").GetInt32());
            Assert.Equal(plot, r.GetProperty("density_plot").GetString());
            Assert.True(new FileInfo(plot).Length > 1000);

            var text = Run("sharpness", "--model", path, "--data", "digits", "--data-dir", DataDir(), "--top-k", "2", "--trace-samples", "5", "--max-rows", "100");
            Assert.Equal(0, text.Code);
            Assert.Contains("top Hessian eigenvalues", text.Out);
            Assert.Contains("Keskar", text.Out);

            Assert.Equal(2, Run("sharpness", "--model", path, "--data", "digits", "--data-dir", DataDir(), "--top-k", "0").Code);
            Assert.Equal(2, Run("sharpness", "--model", Path.Combine(dir.FullName, "missing.safetensors"), "--data", "digits", "--data-dir", DataDir()).Code);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void BatchSizeExperimentWritesSeedsReportAndFigures()
    {
        var dir = Directory.CreateTempSubdirectory("nabla-experiment");
        try
        {
            var (code, output, err) = Run("experiment", "batch-size", "--data", "digits", "--data-dir", DataDir(), "--seeds", "1", "--epochs", "1", "--layers", "64,6,10", "--out", dir.FullName);
            Assert.True(code == 0, err);
            Assert.Contains("seed 1:", output);
            var report = File.ReadAllText(Path.Combine(dir.FullName, "report.md"));
            Assert.Contains("top Hessian eigenvalue", report);
            Assert.Contains("Dinh", report);
            using var seed = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.FullName, "seed-1.json")));
            Assert.Equal(32, seed.RootElement.GetProperty("small_batch").GetProperty("batch").GetInt32());
            Assert.True(seed.RootElement.GetProperty("large_batch").GetProperty("batch").GetInt32() > 100);
            Assert.True(File.Exists(Path.Combine(dir.FullName, "parametric.png")));
            Assert.True(File.Exists(Path.Combine(dir.FullName, "minimizers.png")));
            Assert.Equal(2, Run("experiment", "batch-size", "--data", "digits", "--data-dir", DataDir(), "--seeds", "0", "--out", dir.FullName).Code);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void RescalingAReluNetworkKeepsTheFunctionAndChangesTheCurvature()
    {
        var (x, y) = MlpCrossEntropyTests.Blobs(80, 4, 3, 2);
        var net = new Nabla.Curvature.MlpCrossEntropy([4, 6, 3], Nabla.Tensors.Activation.Relu, x, y);
        var theta = MlpCrossEntropyTests.RandomTheta(net.Dimension, 3);
        var scaled = Nabla.Curvature.LayerRescaling.Rescale(net, theta, 0, 5);
        Assert.Equal(net.Value(theta), net.Value(scaled), 1e-12);
        var a = net.Logits(theta);
        var b = net.Logits(scaled);
        for (int i = 0; i < a.Length; i++)
            Assert.Equal(a[i], b[i], 1e-9);
        double top(double[] t) => Nabla.Curvature.Lanczos.Compute(net.HessianAt(t), new() { Largest = 1, Tolerance = 1e-10 }).Largest[0].Value;
        Assert.True(Math.Abs(top(scaled) - top(theta)) > 0.05 * top(theta));
        var tanh = new Nabla.Curvature.MlpCrossEntropy([4, 6, 3], Nabla.Tensors.Activation.Tanh, x, y);
        Assert.Throws<NablaInputException>(() => Nabla.Curvature.LayerRescaling.Rescale(tanh, theta, 0, 2));
    }
}
