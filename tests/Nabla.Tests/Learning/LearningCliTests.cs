using System.Text.Json;
using Nabla.Cli;

namespace Nabla.Tests.Learning;

public class LearningCliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CliApp.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void TrainThenEvaluateReproducesTheTestMetrics()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nabla-cli-{Guid.NewGuid():N}.safetensors");
        try
        {
            var dir = Path.GetDirectoryName(TestData.DigitsPath)!;
            var (code, output, err) = Run("train", "--data", "digits", "--data-dir", dir, "--layers", "64,16,10", "--epochs", "3", "--seed", "4", "--out", path, "--json");
            Assert.True(code == 0, err);
            using var train = JsonDocument.Parse(output);
            var root = train.RootElement;
            Assert.Equal("digits", root.GetProperty("data").GetString());
            Assert.Equal(64 * 16 + 16 + 16 * 10 + 10, root.GetProperty("parameters").GetInt32());
            Assert.Equal(3, root.GetProperty("epochs").GetArrayLength());
            Assert.Equal(path, root.GetProperty("model").GetString());
            var last = root.GetProperty("epochs")[2];
            foreach (var key in new[] { "train_loss", "train_accuracy", "test_loss", "test_accuracy", "seconds" })
                Assert.Equal(JsonValueKind.Number, last.GetProperty(key).ValueKind);

            (code, output, err) = Run("evaluate", "--model", path, "--data", "digits", "--data-dir", dir, "--json");
            Assert.True(code == 0, err);
            using var eval = JsonDocument.Parse(output);
            Assert.Equal("test", eval.RootElement.GetProperty("split").GetString());
            Assert.Equal(359, eval.RootElement.GetProperty("samples").GetInt32());
            Assert.Equal(last.GetProperty("test_accuracy").GetDouble(), eval.RootElement.GetProperty("accuracy").GetDouble());
            // float32 products go to OpenBLAS, whose summation order depends on the batch shape: equal to float rounding, not bitwise.
            Assert.Equal(last.GetProperty("test_loss").GetDouble(), eval.RootElement.GetProperty("loss").GetDouble(), 1e-6);

            (code, output, _) = Run("evaluate", "--model", path, "--data", "digits", "--data-dir", dir, "--split", "all");
            Assert.Equal(0, code);
            Assert.Contains("1797 rows", output);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void TextOutputShowsOneLinePerEpoch()
    {
        var (code, output, _) = Run("train", "--data", "digits", "--data-dir", Path.GetDirectoryName(TestData.DigitsPath)!, "--epochs", "2", "--batch", "64");
        Assert.Equal(0, code);
        Assert.Contains("epoch  train loss", output);
        Assert.Contains("64-32-10 tanh", output);
        Assert.Equal(2, output.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+\d+\s+\d")));
    }

    [Theory]
    [InlineData("train", "--data", "nosuchfile.csv")]
    [InlineData("train", "--data", "digits", "--layers", "64,x,10")]
    [InlineData("train", "--data", "digits", "--layers", "60,10")]
    [InlineData("train", "--data", "digits", "--activation", "swish")]
    [InlineData("train", "--data", "digits", "--optimizer", "rmsprop")]
    [InlineData("train", "--data", "digits", "--lr", "-1")]
    [InlineData("train", "--data", "fashion-mnist", "--data-dir", "/nonexistent")]
    [InlineData("evaluate", "--model", "/nonexistent.safetensors", "--data", "digits")]
    [InlineData("evaluate", "--model", "x", "--data", "digits", "--split", "validation")]
    public void BadInputIsExitCode2WithOneLine(params string[] args)
    {
        var (code, _, err) = Run(args);
        Assert.Equal(2, code);
        Assert.StartsWith("nabla:", err);
    }

    [Fact]
    public void EvaluatingAGarbageFileIsExitCode2()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nabla-cli-{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        try
        {
            var (code, _, err) = Run("evaluate", "--model", path, "--data", "digits");
            Assert.Equal(2, code);
            Assert.Contains("header length", err);
        }
        finally { File.Delete(path); }
    }
}
