using Nabla.Analysis;

namespace Nabla.Tests.Analysis;

public class MixedPartialTests
{
    [Fact]
    public void LectureExampleHasUnequalMixedPartialsAtTheOrigin()
    {
        // The lecture: f = x*y^3/(x^2+y^2), defined as 0 at the origin.
        var f = ScalarField.Parse("if(x==0 && y==0, 0, x*y^3/(x^2+y^2))");
        var r = MixedPartials.At(f, [0.0, 0.0]);
        var xy = r.Partials.Single(p => p.First == "x" && p.Then == "y");
        var yx = r.Partials.Single(p => p.First == "y" && p.Then == "x");
        Assert.Equal(LimitStatus.Converged, xy.Result.Status);
        Assert.Equal(LimitStatus.Converged, yx.Result.Status);
        Assert.Equal(1, xy.Result.Value!.Value, 1e-9);   // ∂/∂y(∂f/∂x)(0,0) = 1
        Assert.Equal(0, yx.Result.Value!.Value, 1e-9);   // ∂/∂x(∂f/∂y)(0,0) = 0
        Assert.Equal("limit definition", xy.Method);
        Assert.False(r.Symmetric);
        Assert.True(r.FContinuous.Continuous);
        Assert.True(r.FirstPartialsContinuous, string.Join("\n", r.Evidence.Select(e => e.Name + ": " + e.Evidence.Reason)));
        Assert.False(r.SecondPartialsContinuous);
        Assert.StartsWith("f is C¹ but not C² at (0, 0)", r.Summary);
    }

    [Fact]
    public void SmoothFunctionsAreSymmetric()
    {
        var r = MixedPartials.At(ScalarField.Parse("sin(x*y) + x^3*y"), [0.5, -1.0]);
        Assert.True(r.Symmetric);
        Assert.All(r.Partials, p => Assert.Equal("symbolic", p.Method));
        Assert.True(r.SecondPartialsContinuous);
    }

    [Fact]
    public void KinkGivesDifferentOneSidedPartials()
    {
        // |x| + y: ∂f/∂x does not exist at x = 0.
        var r = MixedPartials.At(ScalarField.Parse("abs(x) + y"), [0.0, 1.0]);
        Assert.False(r.FirstPartialsContinuous);
        Assert.StartsWith("f is continuous but not C¹", r.Summary);
    }
}
