using System.Diagnostics;
using Nabla.Symbolic;
using Xunit.Abstractions;

namespace Nabla.Tests.Symbolic;

public class DeepAndHighOrderTests
{
    private readonly ITestOutputHelper output;
    public DeepAndHighOrderTests(ITestOutputHelper output) => this.output = output;

    private static Expr DeepChain(int depth)
    {
        var x = Expr.Variable("x");
        var e = x;
        for (int i = 0; i < depth; i++)
            e = (i % 3) switch { 0 => Expr.Sin(e), 1 => e * x + 1, _ => Expr.Pow(e, 2) / 3 };
        return e;
    }

    [Fact]
    public void HundredThousandDeepChainThroughTheApi()
    {
        var e = DeepChain(100_000);
        Assert.True(e.Height >= 100_000);
        double v = e.Evaluate([0.3], ["x"]);
        Assert.True(double.IsFinite(v));
        var d = e.Diff("x");
        Assert.True(double.IsFinite(d.Evaluate([0.3], ["x"])));
        var text = e.ToString();
        Assert.True(text.Length > 100_000);
        Assert.Equal(v, e.Evaluate<Real>(Real.View([0.3]), ["x"]).Value);
        Assert.Throws<ParseException>(() => Expr.Parse(new string('(', 20_000) + "x" + new string(')', 20_000)));
        Assert.Equal(e.NodeCount, Expr.Parse(new string('(', 9_000) + "x" + new string(')', 9_000)).NodeCount + e.NodeCount - 1);
        Assert.NotNull(e.Substitute(new Dictionary<string, Expr> { ["x"] = Expr.Variable("y") }));
    }

    [Fact]
    public void TwentiethDerivativeDoesNotSwell()
    {
        var f = Expr.Parse("exp(sin(x))/(1+x^2)");
        var sw = Stopwatch.StartNew();
        var d = f.Diff("x", 20);
        sw.Stop();
        output.WriteLine($"Diff(x, 20): {sw.ElapsedMilliseconds} ms, {d.NodeCount} nodes, tree size {d.TreeSize:E2}");
        Assert.True(sw.ElapsedMilliseconds < 5000);
        Assert.True(double.IsFinite(d.Evaluate([0.7], ["x"])));
    }
}
