using Nabla.Intervals;

namespace Nabla.Tests.Intervals;

public class IntervalTests
{
    private static Interval I(double lo, double hi) => new(lo, hi);

    [Fact]
    public void ExactOperationsStayExact()
    {
        Assert.Equal(I(8, 15), I(2, 3) * I(4, 5));
        Assert.Equal(I(-15, 10), I(-3, 2) * I(4, 5));
        Assert.Equal(I(6, 8), I(2, 3) + I(4, 5));
        Assert.Equal(I(0, 9), Interval.Pow(I(-3, 2), 2));
        Assert.Equal(I(0, 9), Interval.Square(I(-3, 2)));
        Assert.Equal(I(-27, 8), Interval.Pow(I(-3, 2), 3));
        Assert.Equal(I(2, 3), Interval.Sqrt(I(4, 9)));
        Assert.Equal(I(0.5, 2), I(1, 2) / I(1, 2));
    }

    [Fact]
    public void InexactOperationsAreRoundedOutward()
    {
        var third = Interval.One / Interval.Constant(3);
        Assert.True(third.Lo < third.Hi);
        Assert.True(third.Lo <= 1.0 / 3 && 1.0 / 3 <= third.Hi);
        var tenth = Interval.Constant(0.1) + Interval.Constant(0.2);
        Assert.True(tenth.Contains(0.1 + 0.2));
        Assert.True(tenth.Width <= 2 * Math.BitIncrement(0.3) - 2 * 0.3 + 1e-16);
    }

    [Fact]
    public void DependencyProblemIsVisibleButEvenPowersAvoidIt()
    {
        var x = I(-1, 1);
        Assert.Equal(I(-1, 1), x * x);
        Assert.Equal(I(0, 1), Interval.Pow(x, 2));
        Assert.Equal(I(0, 1), Interval.Pow(x, 4));
    }

    [Fact]
    public void DivisionByIntervalsContainingZero()
    {
        Assert.Equal(I(1, double.PositiveInfinity), I(1, 2) / I(0, 1));
        Assert.Equal(I(double.NegativeInfinity, -1), I(1, 2) / I(-1, 0));
        Assert.True((I(1, 2) / I(-1, 1)).IsEntire);
        Assert.True((I(-1, 2) / I(0, 1)).IsEntire);
        Assert.True((I(1, 2) / I(0, 0)).IsEmpty);
        Assert.True((I(1, 2) / I(0, 1)).PossiblyDiscontinuous);
        Assert.False((I(1, 2) / I(1, 3)).PossiblyDiscontinuous);

        var first = Interval.DivideExtended(I(1, 2), I(-1, 4), out var second);
        Assert.Equal(I(double.NegativeInfinity, -1), first);
        Assert.Equal(I(0.25, double.PositiveInfinity), second);
    }

    [Fact]
    public void SineAndCosineFindInteriorExtrema()
    {
        var s = Interval.Sin(I(1, 2)); // contains π/2
        Assert.Equal(1, s.Hi);
        Assert.True(s.Lo <= Math.Sin(1) && s.Lo > Math.Sin(1) - 1e-15);
        var c = Interval.Cos(I(3, 4)); // contains π
        Assert.Equal(-1, c.Lo);
        var m = Interval.Sin(I(0.1, 0.2)); // monotone: tight
        Assert.True(m.Width < 0.1 + 1e-14);
        Assert.Equal(I(-1, 1), Interval.Sin(I(0, 100)));
    }

    [Fact]
    public void TangentAcrossAPoleIsEntireAndFlagged()
    {
        var t = Interval.Tan(I(1, 2));
        Assert.True(t.IsEntire);
        Assert.True(t.PossiblyDiscontinuous);
        var u = Interval.Tan(I(-1, 1));
        Assert.False(u.PossiblyDiscontinuous);
        Assert.True(u.Contains(Math.Tan(1)) && u.Hi < 1.6);
    }

    [Fact]
    public void DomainsAreClippedAndFlagged()
    {
        var l = Interval.Log(I(-1, Math.E));
        Assert.True(double.IsNegativeInfinity(l.Lo));
        Assert.True(l.Hi >= 1 && l.Hi < 1 + 1e-14);
        Assert.True(l.PossiblyDiscontinuous);
        Assert.True(Interval.Log(I(-2, -1)).IsEmpty);
        Assert.True(Interval.Sqrt(I(-4, 4)).PossiblyDiscontinuous);
        Assert.Equal(I(0, 2), Interval.Sqrt(I(-4, 4)));
        Assert.False(Interval.Sqrt(I(1, 4)).PossiblyDiscontinuous);
        Assert.True(Interval.Asin(I(0.5, 2)).PossiblyDiscontinuous);
        Assert.True(Interval.Sign(I(-1, 1)).PossiblyDiscontinuous);
        Assert.Equal(I(-1, 1), Interval.Sign(I(-1, 1)));
        // The flag propagates.
        Assert.True((Interval.Sqrt(I(-1, 1)) + I(1, 2)).PossiblyDiscontinuous);
    }

    [Fact]
    public void Atan2HandlesTheBranchCut()
    {
        var a = Interval.Atan2(I(-1, 1), I(-2, -1));
        Assert.True(a.Lo <= -Math.PI && a.Hi >= Math.PI);
        Assert.True(a.PossiblyDiscontinuous);
        var b = Interval.Atan2(I(1, 2), I(1, 2));
        Assert.True(b.Contains(Math.Atan2(1, 2)) && b.Contains(Math.Atan2(2, 1)) && b.Lo > 0.4);
        Assert.False(b.PossiblyDiscontinuous);
    }

    [Fact]
    public void EmptyAndEntirePropagate()
    {
        Assert.True((Interval.Empty + I(1, 2)).IsEmpty);
        Assert.True(Interval.Sin(Interval.Empty).IsEmpty);
        Assert.True((Interval.Entire * I(0, 0)).Equals(I(0, 0)));
        Assert.True((Interval.Entire + I(1, 2)).IsEntire);
        Assert.Equal(I(-1, 1), Interval.Sin(Interval.Entire));
        Assert.Equal(I(0, double.PositiveInfinity), Interval.Exp(Interval.Entire));
    }

    [Fact]
    public void ComparisonsUseMidpointsAndCertaintyHelpersUseSets()
    {
        var a = I(0, 10);
        var b = I(4, 7);
        Assert.True(a < b); // midpoints 5 < 5.5
        Assert.False(Interval.CertainlyLess(a, b));
        Assert.True(Interval.PossiblyLess(b, a));
        Assert.True(Interval.CertainlyLess(I(0, 1), I(2, 3)));
        Assert.Equal(5, a.Value);
        Assert.Equal(0, Interval.Entire.Value);
    }

    [Fact]
    public void InvalidBoundsAreRejected()
    {
        Assert.Throws<NablaInputException>(() => new Interval(2, 1));
        Assert.Throws<NablaInputException>(() => new Interval(double.NaN, 1));
        Assert.Throws<NablaInputException>(() => Interval.Point(double.PositiveInfinity));
    }

    [Fact]
    public void RealPowersAtNegativeBasesUseIntegerExponents()
    {
        // (-2)^y for y in [1.5, 2.5] is defined only at y = 2 (value 4).
        var r = Interval.Pow(I(-2, -2), I(1.5, 2.5));
        Assert.True(r.Contains(4));
        Assert.True(r.PossiblyDiscontinuous);
        Assert.True(Interval.Pow(I(-2, -1), I(0.2, 0.8)).IsEmpty);
        var p = Interval.Pow(I(2, 3), I(1, 2));
        Assert.True(p.Contains(2) && p.Contains(9) && p.Lo > 1.99 && p.Hi < 9.01);
    }
}
