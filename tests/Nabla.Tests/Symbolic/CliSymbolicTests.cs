using System.Text.Json;
using Nabla.Cli;

namespace Nabla.Tests.Symbolic;

public class CliSymbolicTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    private static JsonElement Json(params string[] args) => CliRunner.Json(args);

    [Fact]
    public void LectureDiffAtZeroTwoIsTwo()
    {
        var (code, o, _) = Run("diff", "x*y^3/(x^2+y^2)", "--wrt", "x", "--at", "0,2");
        Assert.Equal(0, code);
        Assert.Contains("∂f/∂x at (x, y) = (0, 2): 2", o);
        var j = Json("diff", "x*y^3/(x^2+y^2)", "--wrt", "x", "--at", "0,2");
        Assert.Equal(2.0, j.GetProperty("value").GetDouble());
        Assert.Equal(["x", "y"], j.GetProperty("variables").EnumerateArray().Select(v => v.GetString()!));
        Assert.False(string.IsNullOrEmpty(j.GetProperty("derivative").GetString()));
        Assert.False(string.IsNullOrEmpty(j.GetProperty("latex").GetString()));
    }

    [Fact]
    public void NumbersComeFromTheUnsimplifiedDerivativeSoNoHoleIsFilled()
    {
        // x^2/x simplifies to x (derivative 1), but f is undefined at 0 and so is f'(0).
        var d = Json("diff", "x^2/x", "--wrt", "x", "--at", "0");
        Assert.Equal("1", d.GetProperty("derivative").GetString());
        Assert.Equal(JsonValueKind.Null, d.GetProperty("value").ValueKind);
        var g = Json("grad", "x^2/x + y", "--at", "0,1");
        Assert.Equal(JsonValueKind.Null, g.GetProperty("gradient_value")[0].ValueKind);
        Assert.Equal(1.0, g.GetProperty("gradient_value")[1].GetDouble());
    }

    [Fact]
    public void GradJsonContract()
    {
        var j = Json("grad", "x*y^3/(x^2+y^2)", "--at", "x=1,y=2");
        Assert.Equal(2, j.GetProperty("gradient").GetArrayLength());
        Assert.Equal(2, j.GetProperty("latex").GetArrayLength());
        var gv = j.GetProperty("gradient_value").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        // ∂f/∂x = y^3 (y^2 - x^2)/(x^2 + y^2)^2 = 8*3/25, ∂f/∂y = x y^2 (3x^2 + y^2)/(x^2 + y^2)^2 = 4*7/25
        Assert.Equal(24.0 / 25, gv[0], 1e-14);
        Assert.Equal(28.0 / 25, gv[1], 1e-14);
        Assert.Equal(1.6, j.GetProperty("value").GetDouble(), 1e-14);
    }

    [Fact]
    public void HessianJsonContract()
    {
        var j = Json("hessian", "x^2 + x*y + 2*y^2", "--at", "1,1");
        Assert.Equal("2", j.GetProperty("hessian")[0][0].GetString());
        var eig = j.GetProperty("eigenvalues").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.True(eig[0] < eig[1]);
        Assert.Equal(3 - Math.Sqrt(2), eig[0], 1e-12);
        Assert.Equal("positive definite", j.GetProperty("definiteness").GetString());
        Assert.Equal(4.0, j.GetProperty("hessian_value")[1][1].GetDouble());
        Assert.Equal("indefinite", Json("hessian", "x*y", "--at", "0,0").GetProperty("definiteness").GetString());
        Assert.Equal("negative semidefinite", Json("hessian", "-x^2", "--vars", "x,y", "--at", "3,0").GetProperty("definiteness").GetString());
    }

    [Fact]
    public void EvalUndefinedIsNullWithError()
    {
        var j = Json("eval", "x*y^3/(x^2+y^2)", "--at", "0,0");
        Assert.Equal(JsonValueKind.Null, j.GetProperty("value").ValueKind);
        Assert.Contains("undefined", j.GetProperty("error").GetString());
        Assert.Equal(0.5, Json("eval", "sin(x)", "--at", "x=pi/6").GetProperty("value").GetDouble(), 1e-14);
    }

    [Fact]
    public void AnalyzeWithoutFormulaSaysItIsTheBuiltInExample()
    {
        var (code, o, _) = Run("analyze");
        Assert.Equal(0, code);
        Assert.Contains("built-in example", o);
        Assert.Contains("x*y^3/(x^2 + y^2)", o);
        Assert.True(Json("analyze").GetProperty("builtin_example").GetBoolean());
    }

    [Theory]
    [InlineData("diff", "sin(x", "expected ')' to close '(' at column 4")]
    [InlineData("eval", "x+y", "--at")]
    [InlineData("diff", "x*y", "--wrt")]
    public void BadInputExitsWithTwoAndOneLine(string cmd, string formula, string fragment)
    {
        var (code, _, err) = Run(cmd, formula);
        Assert.Equal(2, code);
        Assert.Contains(fragment, err);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public void BadPointsAreInputErrors()
    {
        Assert.Equal(2, Run("eval", "x+y", "--at", "1").Code);
        Assert.Equal(2, Run("eval", "x+y", "--at", "x=1,q=2").Code);
        Assert.Equal(2, Run("eval", "x+y", "--at", "x=1,2").Code);
        Assert.Equal(2, Run("eval", "x", "--at", "x=abc(").Code);
        Assert.Equal(0, Run("eval", "x", "--at", "x=-sqrt(2)").Code);
    }

    [Fact]
    public void HighOrderAndLatex()
    {
        var (code, o, _) = Run("diff", "exp(sin(x))/(1+x^2)", "--order", "8", "--at", "0.5");
        Assert.Equal(0, code);
        Assert.Contains("∂⁸f/∂x⁸", o);
        var (c2, latex, _) = Run("grad", "sin(x)*y", "--latex");
        Assert.Equal(0, c2);
        Assert.Contains(@"\sin", latex);
    }
}

public class LectureTextbookTests
{
    [Fact]
    public void GradientOfTheLectureExampleIsPrintedAsInTheTextbook()
    {
        var o = new StringWriter();
        Assert.Equal(0, Nabla.Cli.CliApp.Run(["grad", "x*y^3/(x^2+y^2)"], o, new StringWriter()));
        Assert.Contains("∇f = (y^3*(y^2 - x^2)/(x^2 + y^2)^2, x*y^2*(3*x^2 + y^2)/(x^2 + y^2)^2)", o.ToString());
    }
}
