using Nabla.Optimization.Problems;

namespace Nabla.Tests.Optimization;

public class MghProblemTests
{
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var p in MghProblems.All)
            data.Add(p.Name);
        return data;
    }

    private static TestProblem Get(string name) => MghProblems.Find(name) ?? throw new InvalidOperationException(name);

    [Theory]
    [MemberData(nameof(Names))]
    public void ValueAtStartMatchesPublished(string name)
    {
        var p = Get(name);
        double f0 = p.Value(p.StartingPoint);
        Assert.True(Math.Abs(f0 - p.PublishedStartValue) <= 1e-12 * Math.Abs(p.PublishedStartValue),
            $"{name}: f(x0) = {f0:R}, published {p.PublishedStartValue:R}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ValueAtKnownMinimizerIsMinimum(string name)
    {
        var p = Get(name);
        if (p.Minimizer is not { } xstar)
            return;
        double f = p.Value(xstar);
        // Exact minimizers give f* to rounding; minimizers published to 7-10 digits give f* to
        // the corresponding relative accuracy.
        double tolerance = p.MinimumValue == 0 ? 1e-12 : 2e-5 * p.MinimumValue;
        Assert.True(Math.Abs(f - p.MinimumValue) <= tolerance, $"{name}: f(x*) = {f:R}, f* = {p.MinimumValue:R}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ResidualsSquaredSumToValue(string name)
    {
        var p = Get(name);
        var x = p.StartingPoint;
        for (int i = 0; i < x.Length; i++)
            x[i] += 0.01 * (i + 1);
        var r = new double[p.ResidualCount];
        p.Residuals(x, r);
        double sum = r.Sum(v => v * v);
        Assert.Equal(p.Value(x), sum, 1e-12 * Math.Max(1, sum));
    }

    [Fact]
    public void CatalogueHasTheRequiredProblems()
    {
        Assert.Equal(20, MghProblems.Benchmark.Count);
        Assert.Equal(29, MghProblems.All.Count);
        Assert.Equal(MghProblems.All.Count, MghProblems.All.Select(p => p.Number).Distinct().Count());
        Assert.Same(MghProblems.Meyer, MghProblems.Find("meyer"));
        Assert.Same(MghProblems.BiggsExp6, MghProblems.Find("18"));
        Assert.Null(MghProblems.Find("no such problem"));
    }

    [Fact]
    public void DocumentedLocalMinimaCountAsSolved()
    {
        Assert.True(MghProblems.FreudensteinRoth.IsSolved(48.98425367924));
        Assert.True(MghProblems.BiggsExp6.IsSolved(5.65565e-3));
        Assert.False(MghProblems.Rosenbrock.IsSolved(1e-3));
        Assert.False(MghProblems.Rosenbrock.IsSolved(double.NaN));
    }

    [Fact]
    public void BadDimensionsAreInputErrors()
    {
        Assert.Throws<NablaInputException>(() => new ExtendedRosenbrock(3));
        Assert.Throws<NablaInputException>(() => new Watson(40));
        Assert.Throws<NablaInputException>(() => MghProblems.Rosenbrock.Value([1.0, 2.0, 3.0]));
    }

    [Fact]
    public void ExtendedRosenbrockReducesToRosenbrock()
    {
        var p = MghProblems.ExtendedRosenbrock(2);
        Assert.Equal(MghProblems.Rosenbrock.Value([0.3, -0.7]), p.Value([0.3, -0.7]), 1e-15);
    }
}
