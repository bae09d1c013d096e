using System.Text.Json;

using Nabla.Cli;

namespace Nabla.Tests.MatrixCalculus;

public class CliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        int code = CliApp.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void MatdiffPrintsDerivativeShapesAndCheck()
    {
        var (code, text, _) = Run("matdiff", "a'*X'*C*X*b", "--wrt", "X", "--check", "--hessian", "--latex");
        Assert.Equal(0, code);
        Assert.Contains("C'*X*a*b' + C*X*b*a'", text);
        Assert.Contains("X: n×m, a: m, b: m, C: n×n", text);
        Assert.Contains("(a*b') ⊗ C + (b*a') ⊗ C'", text);
        Assert.Contains(@"\frac", text);
        Assert.Contains("max relative error", text);
    }

    [Fact]
    public void MatdiffJsonFollowsTheContract()
    {
        var (code, json, _) = Run("matdiff", "norm2(y - A*w)^2", "--wrt", "w", "--hessian", "--check", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        Assert.Equal("norm2(y - A*w)^2", r.GetProperty("expression").GetString());
        Assert.Equal("w", r.GetProperty("wrt").GetString());
        Assert.Equal("n", r.GetProperty("shapes").GetProperty("w")[0].GetString());
        Assert.Equal("-2*A'*(y - A*w)", r.GetProperty("derivative").GetString());
        Assert.Equal("denominator", r.GetProperty("layout").GetString());
        Assert.StartsWith("d(", r.GetProperty("differential").GetString());
        Assert.Equal("2*A'*A", r.GetProperty("hessian").GetString());
        Assert.Equal(JsonValueKind.Array, r.GetProperty("conditions").ValueKind);
        Assert.False(string.IsNullOrEmpty(r.GetProperty("latex").GetString()));
        Assert.True(r.GetProperty("check").GetProperty("max_relative_error").GetDouble() < 1e-6);
        Assert.True(r.GetProperty("check").GetProperty("instances").GetInt32() > 0);
    }

    [Fact]
    public void MatdiffWithoutCheckWritesNullAndNumeratorLayout()
    {
        var (code, json, _) = Run("matdiff", "tr(A*X)", "--wrt", "X", "--layout", "numerator", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("check").ValueKind);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("hessian").ValueKind);
        Assert.Equal("A", doc.RootElement.GetProperty("derivative").GetString());
        Assert.Equal("numerator", doc.RootElement.GetProperty("layout").GetString());
    }

    [Fact]
    public void InverseShowsDifferentialAndEntrywiseForm()
    {
        var (code, text, _) = Run("matdiff", "inv(A)", "--wrt", "A");
        Assert.Equal(0, code);
        Assert.Contains("d(inv(A)) = -inv(A)*dA*inv(A)", text);
        Assert.Contains("∂(A⁻¹)_ij/∂a_uv = -(A⁻¹)_iu (A⁻¹)_vj", text);
    }

    [Theory]
    [InlineData("matdiff", "A*x + y", "--wrt", "x", "--dims", "A:n*m, x:n")]
    [InlineData("matdiff", "((x", "--wrt", "x")]
    [InlineData("matdiff", "x'*x", "--wrt", "z")]
    [InlineData("matdiff", "x'*x", "--wrt", "x", "--layout", "sideways")]
    public void BadInputExitsWithTwo(params string[] args)
    {
        var (code, _, err) = Run(args);
        Assert.Equal(2, code);
        Assert.StartsWith("nabla:", err);
    }

    [Fact]
    public void MatevalEvaluatesPrintedDerivatives()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{"A": [[1, 2], [3, 4], [5, 6]], "y": [1, 0, 1], "w": [0.5, -1]}""");
            var (code, json, _) = Run("mateval", "-2*A'*(y - A*w)", "--values", file, "--json");
            Assert.Equal(0, code);
            using var doc = JsonDocument.Parse(json);
            var v = doc.RootElement.GetProperty("value");
            // A w = (-1.5, -2.5, -3.5); y - A w = (2.5, 2.5, 4.5); -2 A'(...) = -2 (32.5, 42) = (-65, -84)
            Assert.Equal(-65, v[0].GetDouble(), 10);
            Assert.Equal(-84, v[1].GetDouble(), 10);
            var (code2, text2, _) = Run("mateval", "norm2(y - A*w)^2", "--values", file);
            Assert.Equal(0, code2);
            Assert.Equal("32.75", text2.Trim());
            var (code3, _, _) = Run("mateval", "A*y", "--values", file);
            Assert.Equal(2, code3);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void MatrixTableFlagsTheLecturesWrongRows()
    {
        var (code, json, _) = Run("matrix-table", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(json);
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(11, rows.Count);
        var wrong = rows.Where(r => !r.GetProperty("lecture_matches").GetBoolean()).Select(r => r.GetProperty("function").GetString()).ToList();
        Assert.Equal(["a'*X'*C*X*b", "tr(A*X)", "inv(A)"], wrong);
        Assert.All(rows, r => Assert.True(r.GetProperty("max_relative_error").GetDouble() < 1e-6));
        var (code2, text, _) = Run("matrix-table");
        Assert.Equal(0, code2);
        Assert.Contains("WRONG", text);
        Assert.Contains("numerator", text);
    }
}
