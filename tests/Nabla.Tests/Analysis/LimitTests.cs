using Nabla.Analysis;

namespace Nabla.Tests.Analysis;

public class LimitTests
{
    [Fact]
    public void SmoothDerivativesConverge()
    {
        var r = Limits.Derivative(Math.Sin, 1.0, Math.Sin(1.0));
        Assert.Equal(LimitStatus.Converged, r.Status);
        Assert.Equal(Math.Cos(1.0), r.Value!.Value, 1e-8);
        var q = Limits.Derivative(x => x * x * x, 2.0, 8.0);
        Assert.Equal(12, q.Value!.Value, 1e-8);
    }

    [Fact]
    public void AbsoluteValueHasDifferentOneSidedDerivatives()
    {
        var r = Limits.Derivative(Math.Abs, 0, 0);
        Assert.Equal(LimitStatus.OneSidedValuesDiffer, r.Status);
        Assert.Equal(-1, r.Left);
        Assert.Equal(1, r.Right);
        Assert.Equal("one-sided values differ", r.StatusText);
    }

    [Fact]
    public void SquareRootOfAbsDiverges()
    {
        var r = Limits.Derivative(x => Math.Sqrt(Math.Abs(x)), 0, 0);
        Assert.Equal(LimitStatus.Diverged, r.Status);
    }

    [Fact]
    public void OscillationIsUndecided()
    {
        var r = Limits.Derivative(x => x == 0 ? 0 : x * Math.Sin(1 / x), 0, 0);
        Assert.Equal(LimitStatus.Undecided, r.Status);
    }

    [Fact]
    public void RemovableSingularityLimitIsFound()
    {
        var r = Limits.TwoSided(h => Math.Sin(h) / h);
        Assert.Equal(LimitStatus.Converged, r.Status);
        Assert.Equal(1, r.Value!.Value, 1e-9);
    }

    [Fact]
    public void ContinuityAlongPathsDetectsTheClassicCounterexamples()
    {
        string[] names = ["x", "y"];
        // xy/(x²+y²), 0 at the origin: limit 1/2 along the diagonal.
        var a = PathContinuity.At(p => p[0] == 0 && p[1] == 0 ? 0 : p[0] * p[1] / (p[0] * p[0] + p[1] * p[1]), [0.0, 0.0], 0, names);
        Assert.False(a.Continuous);
        // xy²/(x²+y⁴): 0 along every line, 1/2 along the parabola x = y².
        var b = PathContinuity.At(p => p[0] == 0 && p[1] == 0 ? 0 : p[0] * p[1] * p[1] / (p[0] * p[0] + Math.Pow(p[1], 4)), [0.0, 0.0], 0, names);
        Assert.False(b.Continuous);
        Assert.Contains("parabola", b.Reason);
        // x²y/(x²+y²) is continuous.
        var c = PathContinuity.At(p => p[0] == 0 && p[1] == 0 ? 0 : p[0] * p[0] * p[1] / (p[0] * p[0] + p[1] * p[1]), [0.0, 0.0], 0, names);
        Assert.True(c.Continuous, c.Reason + string.Join("; ", c.Paths.Select(p => p.Path + ":" + p.Status + ":" + p.Limit)));
        // A jump in the value at the point.
        var d = PathContinuity.At(p => p[0] == 0 && p[1] == 0 ? 1 : 0, [0.0, 0.0], 1, names);
        Assert.False(d.Continuous);
    }
}
