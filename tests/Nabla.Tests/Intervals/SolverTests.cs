using Nabla.Intervals;

namespace Nabla.Tests.Intervals;

/// <summary>Gradient systems written once over IScalar (hand-derived), for the interval solvers.</summary>
internal sealed class GradientSystem(int n,
    Func<Interval[], Interval> f,
    Func<Interval[], Interval[]> gradient,
    Func<Interval[], Interval[]> hessian) : IIntervalSystem, IIntervalObjective
{
    public int Dimension => n;
    public int Evaluations;
    public void Evaluate(ReadOnlySpan<Interval> x, Span<Interval> g) { Evaluations++; gradient(x.ToArray()).CopyTo(g); }
    public void Jacobian(ReadOnlySpan<Interval> x, Span<Interval> j) => hessian(x.ToArray()).CopyTo(j);
    Interval IIntervalObjective.Evaluate(ReadOnlySpan<Interval> x) => f(x.ToArray());
    public bool TryGradient(ReadOnlySpan<Interval> x, Span<Interval> g) { gradient(x.ToArray()).CopyTo(g); return true; }

    public static GradientSystem Himmelblau() => new(2,
        x => Interval.Square(Interval.Square(x[0]) + x[1] - 11) + Interval.Square(x[0] + Interval.Square(x[1]) - 7),
        x => [4 * x[0] * (Interval.Square(x[0]) + x[1] - 11) + 2 * (x[0] + Interval.Square(x[1]) - 7),
              2 * (Interval.Square(x[0]) + x[1] - 11) + 4 * x[1] * (x[0] + Interval.Square(x[1]) - 7)],
        x => [12 * Interval.Square(x[0]) + 4 * x[1] - 42, 4 * x[0] + 4 * x[1],
              4 * x[0] + 4 * x[1], 4 * x[0] + 12 * Interval.Square(x[1]) - 26]);

    public static GradientSystem SinSin() => new(2,
        x => Interval.Sin(x[0]) * Interval.Sin(x[1]),
        x => [Interval.Cos(x[0]) * Interval.Sin(x[1]), Interval.Sin(x[0]) * Interval.Cos(x[1])],
        x => [-Interval.Sin(x[0]) * Interval.Sin(x[1]), Interval.Cos(x[0]) * Interval.Cos(x[1]),
              Interval.Cos(x[0]) * Interval.Cos(x[1]), -Interval.Sin(x[0]) * Interval.Sin(x[1])]);
}

public class KrawczykSolverTests
{
    private static Box Square(double a) => Box.FromBounds([-a, -a], [a, a]);

    [Fact]
    public void HimmelblauHasNineCertifiedCriticalPoints()
    {
        var r = KrawczykSolver.Solve(GradientSystem.Himmelblau(), Square(6));
        Assert.True(r.Complete, r.Status);
        Assert.Empty(r.Undecided);
        Assert.Equal(9, r.Roots.Count);
        // Known minimizers (f = 0) and the local maximum (−0.270845, −0.923039).
        double[][] known = [[3, 2], [-2.805118, 3.131312], [-3.779310, -3.283186], [3.584428, -1.848126], [-0.270845, -0.923039]];
        foreach (var k in known)
            Assert.Contains(r.Roots, root => Math.Abs(root.Point[0] - k[0]) < 1e-5 && Math.Abs(root.Point[1] - k[1]) < 1e-5);
        foreach (var root in r.Roots)
            Assert.True(root.Enclosure.MaxWidth < 1e-8, root.Enclosure.ToString());
        Assert.Contains(r.Roots, root => root.Enclosure.Contains([3.0, 2.0]));
    }

    [Fact]
    public void SinTimesSinHasThirteenCriticalPointsOnTheSquareOfSideEight()
    {
        var r = KrawczykSolver.Solve(GradientSystem.SinSin(), Square(4));
        Assert.True(r.Complete, r.Status);
        Assert.Empty(r.Undecided);
        Assert.Equal(13, r.Roots.Count);
        // (0,0) lies on the first bisection lines: found through epsilon-inflation.
        Assert.Contains(r.Roots, root => root.Enclosure.Contains([0.0, 0.0]));
        Assert.Equal(4, r.Roots.Count(root => Math.Abs(Math.Abs(root.Point[0]) - Math.PI / 2) < 1e-9));
    }

    [Fact]
    public void SingularZeroIsReportedAsASmallUndecidedRegion()
    {
        // ∇(x⁴ + y⁴) = (4x³, 4y³): the zero at the origin has a singular Jacobian.
        var s = new GradientSystem(2,
            x => Interval.Pow(x[0], 4) + Interval.Pow(x[1], 4),
            x => [4 * Interval.Pow(x[0], 3), 4 * Interval.Pow(x[1], 3)],
            x => [12 * Interval.Square(x[0]), Interval.Zero, Interval.Zero, 12 * Interval.Square(x[1])]);
        var r = KrawczykSolver.Solve(s, Square(10), new SearchBudget { MinRelativeWidth = 1e-6 });
        Assert.True(r.Complete, r.Status);
        Assert.Empty(r.Roots);
        var region = Assert.Single(r.Undecided);
        Assert.True(region.Hull.Contains([0.0, 0.0]));
        Assert.True(region.Hull.MaxWidth < 1e-4);
    }

    [Fact]
    public void ContinuumExhaustsTheBudgetAndSaysSo()
    {
        // ∇(x²y²) = (2xy², 2x²y) vanishes on both axes.
        var s = new GradientSystem(2,
            x => Interval.Square(x[0]) * Interval.Square(x[1]),
            x => [2 * x[0] * Interval.Square(x[1]), 2 * Interval.Square(x[0]) * x[1]],
            x => [2 * Interval.Square(x[1]), 4 * x[0] * x[1], 4 * x[0] * x[1], 2 * Interval.Square(x[0])]);
        var r = KrawczykSolver.Solve(s, Square(1), new SearchBudget { MaxBoxes = 3000 });
        Assert.False(r.Complete);
        Assert.Contains("budget", r.Status);
        Assert.NotEmpty(r.Undecided);
    }

    [Fact]
    public void NoZeroMeansEmptyAndComplete()
    {
        var s = new GradientSystem(1, x => Interval.Exp(x[0]), x => [Interval.Exp(x[0])], x => [Interval.Exp(x[0])]);
        var r = KrawczykSolver.Solve(s, Box.FromBounds([-5.0], [5.0]));
        Assert.True(r.Complete);
        Assert.Empty(r.Roots);
        Assert.Empty(r.Undecided);
    }
}

public class GlobalOptimizerTests
{
    [Fact]
    public void HimmelblauGlobalMinimumIsZero()
    {
        var r = GlobalOptimizer.Minimize(GradientSystem.Himmelblau(), Box.FromBounds([-6.0, -6.0], [6.0, 6.0]));
        Assert.True(r.Complete, r.Status);
        Assert.True(r.Value.Contains(0) || r.Value.Lo >= -1e-9 && r.Value.Hi <= 1e-8, r.Value.ToString());
        Assert.True(r.Value.Width < 1e-8);
    }

    [Fact]
    public void HimmelblauGlobalMaximumOnTheBoxIsOnTheBoundary()
    {
        // The maximum over [-6,6]² is at the corner (6, 6): f = (36+6−11)² + (6+36−7)² = 961 + 1225 = 2186
        // (the other corners give 890, 1586 and 1186 or less).
        var r = GlobalOptimizer.Maximize(GradientSystem.Himmelblau(), Box.FromBounds([-6.0, -6.0], [6.0, 6.0]));
        Assert.True(r.Complete, r.Status);
        Assert.True(r.Value.Contains(2186), r.Value.ToString());
        Assert.Equal(6, r.Point[0]);
        Assert.Equal(6, r.Point[1]);
    }

    [Fact]
    public void BoundaryMinimumOfALinearFunctionIsFoundOnAFace()
    {
        // f = x + sin(y): min on [-1,2]x[-3,3] is −1 + sin(−π/2) = −2 at (−1, −π/2), on the face x = −1.
        var s = new GradientSystem(2,
            x => x[0] + Interval.Sin(x[1]),
            x => [Interval.One, Interval.Cos(x[1])],
            x => [Interval.Zero, Interval.Zero, Interval.Zero, -Interval.Sin(x[1])]);
        var r = GlobalOptimizer.Minimize(s, Box.FromBounds([-1.0, -3.0], [2.0, 3.0]));
        Assert.True(r.Complete, r.Status);
        Assert.True(Math.Abs(r.Value.Mid + 2) < 1e-8, r.Value.ToString());
        Assert.Equal(-1, r.Point[0]);
        Assert.True(Math.Abs(r.Point[1] + Math.PI / 2) < 1e-3);
    }
}
