using System.Text.Json;

using Nabla.Cli;

namespace Nabla.Tests.Analysis;

public class AnalysisCliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    private static JsonElement Json(params string[] args) => CliRunner.Json(args);

    [Fact]
    public void CriticalJsonContract()
    {
        var j = Json("critical", "x^3 - 3*x + y^2", "--box", "x=-2:2,y=-3:3");
        Assert.Equal(["x", "y"], j.GetProperty("variables").EnumerateArray().Select(v => v.GetString()!));
        Assert.Equal(-2, j.GetProperty("box")[0][0].GetDouble());
        Assert.Equal(3, j.GetProperty("box")[1][1].GetDouble());
        Assert.True(j.GetProperty("complete").GetBoolean());
        var points = j.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(2, points.Count);
        var min = points.Single(p => p.GetProperty("classification").GetString() == "strict local minimum");
        Assert.Equal(1, min.GetProperty("point")[0].GetDouble());
        Assert.Equal(0, min.GetProperty("point")[1].GetDouble());
        Assert.True(min.GetProperty("certified").GetBoolean());
        Assert.Equal(-2, min.GetProperty("value").GetDouble());
        Assert.Equal(2, min.GetProperty("enclosure").GetArrayLength());
        Assert.Equal([2.0, 6.0], min.GetProperty("eigenvalues").EnumerateArray().Select(e => Math.Round(e.GetDouble(), 9)));
        Assert.Contains("positive definite", min.GetProperty("reason").GetString());
        Assert.Single(points, p => p.GetProperty("classification").GetString() == "saddle point");
        Assert.Equal(0, j.GetProperty("undecided_boxes").GetArrayLength());
        var gmin = j.GetProperty("global_minimum");
        Assert.Equal(-2, gmin.GetProperty("value").GetDouble()); // attained at (1, 0) and at (-2, 0)
        Assert.Equal(2, gmin.GetProperty("enclosure").GetArrayLength());
    }

    [Fact]
    public void ClassifyJsonHasIsCritical()
    {
        var j = Json("classify", "x^2 + y^3", "--at", "0,0");
        Assert.True(j.GetProperty("is_critical").GetBoolean());
        Assert.Equal("saddle point", j.GetProperty("classification").GetString());
        Assert.True(j.GetProperty("certified").GetBoolean());
        var k = Json("classify", "x^2 + y^3", "--at", "1,1");
        Assert.False(k.GetProperty("is_critical").GetBoolean());
        Assert.Equal("undetermined", k.GetProperty("classification").GetString());
    }

    [Fact]
    public void ClassifyXToTheFourthCorrectsTheLecture()
    {
        var (code, o, _) = Run("classify", "x^4", "--at", "0");
        Assert.Equal(0, code);
        Assert.Contains("strict local minimum", o);
        Assert.Contains("fails here", o);
    }

    [Fact]
    public void MixedJsonContractOnTheLectureExample()
    {
        var j = Json("mixed", "if(x==0 && y==0, 0, x*y^3/(x^2+y^2))", "--at", "0,0");
        var partials = j.GetProperty("partials").EnumerateArray().ToList();
        Assert.Equal(2, partials.Count);
        var xy = partials.Single(p => p.GetProperty("first").GetString() == "x");
        Assert.Equal("y", xy.GetProperty("then").GetString());
        Assert.Equal(1, xy.GetProperty("value").GetDouble(), 1e-9);
        Assert.Equal("converged", xy.GetProperty("status").GetString());
        var yx = partials.Single(p => p.GetProperty("first").GetString() == "y");
        Assert.Equal(0, yx.GetProperty("value").GetDouble(), 1e-9);
        Assert.False(j.GetProperty("symmetric").GetBoolean());
        var c = j.GetProperty("continuity");
        Assert.True(c.GetProperty("f").GetBoolean());
        Assert.True(c.GetProperty("first_partials").GetBoolean());
        Assert.False(c.GetProperty("second_partials").GetBoolean());
    }

    [Fact]
    public void MixedWithoutFormulaRunsTheLectureExampleAndSaysSo()
    {
        var (code, o, _) = Run("mixed");
        Assert.Equal(0, code);
        Assert.Contains("lecture", o);
        Assert.Contains("C¹ but not C²", o);
    }

    [Fact]
    public void PlotWritesPngAndSvg()
    {
        string dir = Path.Combine(Path.GetTempPath(), "nabla-plot-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string png = Path.Combine(dir, "f.png"), svg = Path.Combine(dir, "g.svg");
            Assert.Equal(0, Run("plot", "x^2 - y^2", "--box", "x=-2:2,y=-2:2", "--out", png).Code);
            var bytes = File.ReadAllBytes(png);
            Assert.True(bytes.Length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G');
            Assert.Equal(0, Run("plot", "x^3 - 3*x", "--box", "x=-2:2", "--out", svg).Code);
            Assert.Contains("<svg", File.ReadAllText(svg));
            Assert.Single(Directory.GetFiles(dir, "*.png"));   // no temporary file left behind
        }
        finally { Directory.Delete(dir, true); }
    }

    [Theory]
    [InlineData("plot", "x*y*z", "--out", "/tmp/nabla-never.png")]
    [InlineData("plot", "x*y", "--out", "/tmp/nabla-never.gif")]
    [InlineData("classify", "x*y", "--at", "1")]
    [InlineData("critical", "x*y", "--box", "x=2:1")]
    [InlineData("critical", "x*y", "--box", "q=0:1")]
    [InlineData("mixed", "x*y+", "--at", "0,0")]
    public void BadInputExitsWithTwo(params string[] args)
    {
        var (code, _, err) = Run(args);
        Assert.Equal(2, code);
        Assert.Single(err.Trim().Split('\n'));
    }
}
