using CsCheck;

using Nabla.Analysis;
using Nabla.Intervals;
using Nabla.Symbolic;
using Nabla.Tests.Symbolic;

namespace Nabla.Tests.Analysis;

public class IntervalEvaluatorTests
{
    /// <summary>
    /// Containment for random expression DAGs (every function, powers, if() with comparisons and
    /// logic): the double value at a random point of a random box lies in the interval value over
    /// the box. The double evaluation itself rounds, so a relative slack of 1e-9 is allowed; points
    /// where the double evaluation passed through an infinity are skipped (no real value).
    /// </summary>
    [Fact]
    public void RandomExpressionsAreEnclosed()
    {
        string[] vars = ["x", "y", "z"];
        Gen.Select(ExprGenerators.Expression(6, vars), Gen.Double[-2, 2].Array[3], Gen.Double[0, 1].Array[3], Gen.Double[0, 1].Array[3])
            .Sample((e, centre, widths, t) =>
            {
                var box = new Interval[3];
                var p = new double[3];
                for (int i = 0; i < 3; i++)
                {
                    double w = widths[i] < 0.2 ? 0 : widths[i] * widths[i];
                    box[i] = new Interval(centre[i] - w, centre[i] + w);
                    p[i] = Math.Clamp(centre[i] - w + 2 * w * t[i], box[i].Lo, box[i].Hi);
                }
                double v = e.Evaluate(p, vars);
                if (!double.IsFinite(v) || Math.Abs(v) > 1e12) return;
                var r = new Interval[1];
                new IntervalEvaluator([e], vars).Evaluate(box, r);
                // Doubles pass through ±∞ (log(0) = -∞, then exp(-∞) = 0) where the real function is
                // undefined; the enclosure is then empty and flagged.
                if (r[0].IsEmpty && r[0].PossiblyDiscontinuous) return;
                double slack = 1e-9 * (1 + Math.Abs(v));
                Assert.True(!r[0].IsEmpty && r[0].Lo - slack <= v && v <= r[0].Hi + slack,
                    $"{e} at ({string.Join(", ", p)}) = {v} not in {r[0]} over {string.Join(" x ", box)}");
            }, iter: 3000);
    }

    [Fact]
    public void UndecidedConditionsGiveTheHullOfBothBranchesAndAFlag()
    {
        var e = Expr.Parse("if(x < 0, -1, 1)");
        var r = new Interval[1];
        var ev = new IntervalEvaluator([e], ["x"]);
        ev.Evaluate([new Interval(-1, 1)], r);
        Assert.Equal(new Interval(-1, 1), r[0]);
        Assert.True(r[0].PossiblyDiscontinuous);
        ev.Evaluate([new Interval(0.5, 1)], r);
        Assert.Equal(Interval.One, r[0]);
        Assert.False(r[0].PossiblyDiscontinuous);
    }

    [Fact]
    public void RationalConstantsAreEnclosedNotRounded()
    {
        var third = IntervalEvaluator.Enclose(new Rational(1, 3));
        Assert.True(third.Lo < 1.0 / 3 || third.Hi > 1.0 / 3);
        Assert.True(third.Width < 1e-15);
        Assert.True(IntervalEvaluator.Enclose(new Rational(3, 4)).IsPoint);
    }
}
