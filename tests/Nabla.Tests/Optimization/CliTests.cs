using System.Text.Json;
using Nabla.Cli;

namespace Nabla.Tests.Optimization;

public class CliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void MinimizeJsonFollowsTheContract()
    {
        var (code, text, err) = Run("minimize", "100*(y-x^2)^2 + (1-x)^2", "--from", "-1.2,1", "--method", "newton", "--json", "--trace");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        foreach (var key in new[] { "expression", "variables", "method", "status", "converged_by", "message", "x", "value", "gradient_norm", "iterations", "evaluations", "trace" })
            Assert.True(root.TryGetProperty(key, out _), key);
        Assert.Equal("newton", root.GetProperty("method").GetString());
        Assert.Equal("converged", root.GetProperty("status").GetString());
        Assert.Equal("gradient", root.GetProperty("converged_by").GetString());
        Assert.Equal(1.0, root.GetProperty("x")[0].GetDouble(), 1e-6);
        var evaluations = root.GetProperty("evaluations");
        foreach (var key in new[] { "f", "gradient", "hessian", "hessian_vector" })
            Assert.True(evaluations.TryGetProperty(key, out _), key);
        var trace = root.GetProperty("trace");
        Assert.Equal(root.GetProperty("iterations").GetInt32() + 1, trace.GetArrayLength());
        foreach (var key in new[] { "iteration", "x", "value", "gradient_norm", "step" })
            Assert.True(trace[0].TryGetProperty(key, out _), key);
    }

    [Fact]
    public void MinimizeWithoutTraceHasNullTrace()
    {
        var (code, text, _) = Run("minimize", "x^2 + 3*y^2", "--from", "x=1,y=1", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(text);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("trace").ValueKind);
        Assert.Equal("bfgs", doc.RootElement.GetProperty("method").GetString());
    }

    [Fact]
    public void PureNewtonDivergenceIsReported()
    {
        var (code, text, _) = Run("minimize", "sqrt(1+x^2)", "--from", "1.1", "--method", "newton", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(text);
        Assert.Equal("diverged", doc.RootElement.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("converged_by").ValueKind);
    }

    [Fact]
    public void BoundsUseLbfgsb()
    {
        var (code, text, err) = Run("minimize", "(x-3)^2 + (y+2)^2", "--from", "0,0", "--bounds", "x=-1:1,y=-inf:inf", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(text);
        Assert.Equal("lbfgsb", doc.RootElement.GetProperty("method").GetString());
        Assert.Equal(1.0, doc.RootElement.GetProperty("x")[0].GetDouble(), 1e-8);
        Assert.Equal(-2.0, doc.RootElement.GetProperty("x")[1].GetDouble(), 1e-6);
    }

    [Theory]
    [InlineData("minimize", "x^2", "--from", "1", "--method", "nope")]
    [InlineData("minimize", "x^2 +", "--from", "1")]
    [InlineData("minimize", "x^2+y^2", "--from", "1")]
    [InlineData("minimize", "x^2", "--from", "1", "--bounds", "z=0:1")]
    [InlineData("minimize", "x^2", "--from", "1", "--method", "bfgs", "--bounds", "x=0:1")]
    [InlineData("minimize", "x^2", "--from", "1", "--method", "levenberg-marquardt")]
    [InlineData("lstsq", "--data", "/no/such/file.csv")]
    [InlineData("lstsq", "--feature", "nope")]
    [InlineData("bench-problems", "--method", "nope")]
    public void BadInputIsExitCodeTwo(params string[] args)
    {
        var (code, _, err) = Run(args);
        Assert.Equal(CliApp.BadInput, code);
        Assert.StartsWith("nabla:", err);
    }

    [Fact]
    public void TextOutputAndPlot()
    {
        var file = Path.Combine(Path.GetTempPath(), $"nabla-opt-{Guid.NewGuid():N}.png");
        try
        {
            var (code, text, err) = Run("minimize", "100*(y-x^2)^2 + (1-x)^2", "--from", "-1.2,1", "--method", "trust-region", "--trace", "--plot", file);
            Assert.True(code == 0, err);
            Assert.Contains("status:      converged", text);
            Assert.Contains("iter", text);
            Assert.True(new FileInfo(file).Length > 1000);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void LstsqNewtonMatchesQr()
    {
        var (code, text, err) = Run("lstsq", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(text);
        Assert.Equal(442, doc.RootElement.GetProperty("samples").GetInt32());
        Assert.True(doc.RootElement.GetProperty("max_weight_difference_newton_vs_qr").GetDouble() < 1e-6);
        var fits = doc.RootElement.GetProperty("fits");
        Assert.Equal(fits.GetProperty("qr").GetProperty("value").GetDouble(), fits.GetProperty("newton").GetProperty("value").GetDouble(), 1e-6);
        Assert.True(fits.GetProperty("gradient-descent").GetProperty("value").GetDouble() >= fits.GetProperty("qr").GetProperty("value").GetDouble() - 1e-6);
    }

    [Fact]
    public void LstsqSingleFeatureWithFigure4()
    {
        var file = Path.Combine(Path.GetTempPath(), $"nabla-ls-{Guid.NewGuid():N}.png");
        var fit = Path.Combine(Path.GetTempPath(), Path.GetFileNameWithoutExtension(file) + "-fit.png");
        try
        {
            var (code, text, err) = Run("lstsq", "--feature", "bmi", "--plot", file);
            Assert.True(code == 0, err);
            Assert.Contains("bmi", text);
            Assert.True(File.Exists(file));
            Assert.True(File.Exists(fit));
        }
        finally { File.Delete(file); File.Delete(fit); }
    }

    [Fact]
    public void LstsqReadsACsvFile()
    {
        var file = Path.Combine(Path.GetTempPath(), $"nabla-ls-{Guid.NewGuid():N}.csv");
        try
        {
            // y = 1 + 2·a − b exactly.
            File.WriteAllText(file, "a,b,y\n0,0,1\n1,0,3\n0,1,0\n2,1,4\n3,5,2\n");
            var (code, text, err) = Run("lstsq", "--data", file, "--json");
            Assert.True(code == 0, err);
            using var doc = JsonDocument.Parse(text);
            Assert.True(doc.RootElement.GetProperty("fits").GetProperty("qr").GetProperty("value").GetDouble() < 1e-20);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void BenchProblemsTable()
    {
        var (code, text, err) = Run("bench-problems", "--method", "trust-region", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(text);
        Assert.Equal(20, doc.RootElement.GetProperty("runs").GetArrayLength());
        Assert.Equal(20, doc.RootElement.GetProperty("totals")[0].GetProperty("solved").GetInt32());
    }
}
