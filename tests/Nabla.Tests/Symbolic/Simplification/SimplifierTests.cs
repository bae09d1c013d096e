using CsCheck;
using Nabla.Symbolic;
using Nabla.Symbolic.Simplification;

namespace Nabla.Tests.Symbolic.Simplification;

public class SimplifierTests
{
    private static readonly string[] V = ["x", "y", "z"];

    private static string S(string formula) => Simplifier.Simplify(Expr.Parse(formula)).ToString();

    [Fact]
    public void LectureGradientPrintsAsTheTextbook()
    {
        var g = Expr.Parse("x*y^3/(x^2+y^2)").Gradient(["x", "y"]);
        var printed = "(" + string.Join(", ", g.Select(e => Simplifier.Simplify(e).ToString())) + ")";
        Assert.Equal("(y^3*(y^2 - x^2)/(x^2 + y^2)^2, x*y^2*(3*x^2 + y^2)/(x^2 + y^2)^2)", printed);
    }

    [Theory]
    [InlineData("x/x", "1")]
    [InlineData("(x+1)^2 - x^2", "2*x + 1")]
    [InlineData("(x^2-1)/(x-1)", "x + 1")]
    [InlineData("(x+1)^20/(x+1)^3", "(x + 1)^17")]
    [InlineData("sin(x)^2 + cos(x)^2", "1")]
    [InlineData("log(exp(x + y))", "x + y")]
    [InlineData("x/2 + y/3", "(3*x + 2*y)/6")]
    [InlineData("1/x + 1/y", "(x + y)/(x*y)")]
    [InlineData("(x*y^2 + x^2*y)/(x*y)", "x + y")]
    [InlineData("sin((x^2-1)/(x+1))", "sin(x - 1)")]
    [InlineData("exp(x)*exp(y)/exp(x)", "exp(y)")]
    [InlineData("sqrt(x^2 + 1)^2 - x^2", "1")]
    [InlineData("(sqrt(x^2+1) - x^2/sqrt(x^2+1))/(x^2+1)", "1/(sqrt(x^2 + 1)*(x^2 + 1))")]
    [InlineData("exp(x)*exp(2*y)", "exp(x + 2*y)")]
    public void TextbookForms(string input, string expected) => Assert.Equal(expected, S(input));

    /// <summary>
    /// Expanding a power's base ((pi - 2)*(y + z))^12 gives ~150 terms whose double evaluation
    /// cancels catastrophically (15.5184 instead of 15.5200): the simplifier keeps the smaller form.
    /// </summary>
    [Fact]
    public void ExpansionIsNotLargerThanTheInput()
    {
        var e = Expr.Parse("((pi - 2)^12*(y + z)^12)^cosh((pi - 2)*(y + z))");
        var s = Simplifier.Simplify(e);
        Assert.True(s.TreeSize <= e.TreeSize, $"{e} simplified to the larger {s}");
        double[] p = [-1.87, 1, -2];
        double a = e.Evaluate(p, V), b = s.Evaluate(p, V);
        Assert.True(Math.Abs(a - b) <= 1e-9 * Math.Abs(a), $"{a} vs {b}: {s}");
        var big = Expr.Parse("(x + y + 1)^10");
        Assert.True(Simplifier.Simplify(big).TreeSize <= big.TreeSize * 1.5);
    }

    /// <summary>Over a common denominator a constant beyond double range (3^701) would evaluate to inf/inf.</summary>
    [Fact]
    public void HugeConstantsAreNotMovedOutOfDoubleRange()
    {
        var e = Expr.Parse("2^700*z^(1/2)/(3^700*(z^(1/2))^729) + 3");
        var s = Simplifier.Simplify(e);
        double a = e.Evaluate([0.0, 0.0, 0.5], V), b = s.Evaluate([0.0, 0.0, 0.5], V);
        Assert.True(double.IsFinite(a) && Math.Abs(a - b) <= 1e-12 * Math.Abs(a), $"{a} vs {b}: {s}");
    }

    [Fact]
    public void EquivalentInputsReachTheSameForm()
    {
        Assert.Equal(S("(x+y)^3/(x+y)"), S("x^2 + 2*x*y + y^2"));
        Assert.Equal(S("1/(x-1) - 1/(x+1)"), S("2/(x^2-1)"));
    }

    [Fact]
    public void PowersOfTheDenominatorAreRecognized()
    {
        var d = Expr.Parse("x/(x^2+1)").Diff("x", 2);
        var s = Simplifier.Simplify(d).ToString();
        Assert.EndsWith("/(x^2 + 1)^3", s);
    }

    [Fact]
    public void DeepChainsDoNotOverflowTheStack()
    {
        var x = Expr.Variable("x");
        var e = x;
        for (int i = 0; i < 100_000; i++) e = Expr.Sin(e + 1);
        var r = Simplifier.TrySimplify(e, new SimplifyOptions { Budget = TimeSpan.FromSeconds(20) });
        Assert.NotEqual(SimplifyStatus.Failed, r.Status);

        var p = x;
        for (int i = 0; i < 100_000; i++) p = (p + 1) * x;
        var r2 = Simplifier.TrySimplify(p, new SimplifyOptions { Budget = TimeSpan.FromSeconds(1) });
        Assert.NotEqual(SimplifyStatus.Failed, r2.Status);
    }

    [Fact]
    public void BudgetIsHonouredAndReturnsAnEquivalentForm()
    {
        var e = Expr.Parse("((x+y+z+1)^9 - (x-y+2*z-1)^9)/((x+2*y+z)^7 + (x*y - z + 3)^6)").Diff("x", 2);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var r = Simplifier.TrySimplify(e, new SimplifyOptions { Budget = TimeSpan.FromMilliseconds(50) });
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        double[] p = [0.3, -0.7, 1.1];
        Assert.Equal(e.Evaluate(p, V), r.Expression.Evaluate(p, V), 1e-9 * Math.Abs(e.Evaluate(p, V)));
    }

    [Fact]
    public void OnBudgetThePartsDoneSoFarAreKept()
    {
        var hard = Expr.Parse("((x+y+z+1)^9 - (x-y+2*z-1)^9)/((x+2*y+z)^7 + (x*y - z + 3)^6)").Diff("x", 3);
        var e = Expr.Sin(Expr.Parse("(x^2-1)/(x+1)")) + hard;
        var r = Simplifier.TrySimplify(e, new SimplifyOptions { Budget = TimeSpan.FromMilliseconds(150) });
        Assert.Contains("sin(x - 1)", r.Expression.ToString());
        double[] p = [0.3, -0.7, 1.1];
        Assert.Equal(e.Evaluate(p, V), r.Expression.Evaluate(p, V), 1e-9 * Math.Abs(e.Evaluate(p, V)));
    }

    [Fact]
    public void SizeLimitKeepsThePartAsWritten()
    {
        var e = Expr.Parse("(x + y + z + 1)^40");
        var r = Simplifier.TrySimplify(e, new SimplifyOptions { MaxTerms = 100 });
        Assert.Equal(SimplifyStatus.SizeLimited, r.Status);
        Assert.Equal(e, r.Expression);
    }

    [Theory]
    [InlineData("x^1000000000*x + 1")]
    [InlineData("(x + 1)^100000 - 1")]
    [InlineData("(x^1000000)^1000000 + y")]
    [InlineData("1/(x - x) + 0^(-1)")]
    public void ExtremeInputsDoNotFail(string formula)
    {
        var r = Simplifier.TrySimplify(Expr.Parse(formula), new SimplifyOptions { Budget = TimeSpan.FromSeconds(5) });
        Assert.NotEqual(SimplifyStatus.Failed, r.Status);
    }

    [Fact]
    public void UndefinedPartsStayAsWritten()
    {
        var e = Expr.Parse("x + 1/(y - y)");
        var r = Simplifier.TrySimplify(e);
        Assert.NotEqual(SimplifyStatus.Failed, r.Status);
        Assert.True(double.IsNaN(r.Expression.Evaluate([1.0, 2.0], ["x", "y"])) || double.IsInfinity(r.Expression.Evaluate([1.0, 2.0], ["x", "y"])));
    }

    /// <summary>
    /// Largest magnitude of a subexpression at p (for the rounding bound), and true when some
    /// subexpression is infinite or NaN at p: then p is outside e's mathematical
    /// domain even if IEEE arithmetic gives e a finite value there (x/log(x) at x = 0 is 0/-inf = 0);
    /// or when a negative number is raised to a variable power (defined only at integer exponents),
    /// or atan2 sits on its branch cut, or p is at a jump of sign or of an if() condition.
    /// </summary>
    private static bool Inspect(Expr e, double[] p, out double largest)
    {
        largest = 0;
        var stack = new Stack<Expr>([e]);
        var seen = new HashSet<Expr>();
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (!seen.Add(n)) continue;
            // a jump discontinuity at p (sign's argument zero, an if() comparison's sides equal):
            // the input's value there rests on an exact cancellation in floating point that an
            // equivalent form does not reproduce (u - u is 0, 3*(e - 5/3) - 3*e + 5 is 4e-16)
            if (n.Kind == ExprKind.Compare)
            {
                double l = n.Arguments[0].Evaluate(p, V), r = n.Arguments[1].Evaluate(p, V);
                if (Math.Abs(l - r) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(l), Math.Abs(r)))) return true;
            }
            if (n.IsCondition) { foreach (var c in n.Arguments) stack.Push(c); continue; }
            if (n.Kind == ExprKind.Call && n.Function == Functions.Sign && Math.Abs(n.Arguments[0].Evaluate(p, V)) <= 1e-9) return true;
            double v = n.Evaluate(p, V);
            if (!double.IsFinite(v)) return true;
            largest = Math.Max(largest, Math.Abs(v));
            // a negative base to a variable real power is defined only where the exponent is
            // exactly an integer: a set rounding cannot hit reliably
            // and a base at zero is on that set's boundary: an exact cancellation to 0 in one form is
            // a rounding residual of either sign in the other ((z - x)*(x*z + z) at x = -1)
            if (n.Kind == ExprKind.Power && !n.Arguments[1].IsNumber && n.Arguments[0].Evaluate(p, V) is var bv && (bv < 0 || Math.Abs(bv) <= 1e-9)) return true;
            // atan2 on its branch cut (y = 0, x < 0) jumps between -pi and pi with the sign of a zero
            if (n.Kind == ExprKind.Call && n.Function == Functions.Atan2 && n.Arguments[0].Evaluate(p, V) == 0 && n.Arguments[1].Evaluate(p, V) < 0) return true;
            foreach (var c in n.Arguments) stack.Push(c);
        }
        return false;
    }

    /// <summary>
    /// Simplify(e) evaluates equal to e at random points where e is defined and well conditioned
    /// (its value changes little under a relative 1e-9 perturbation of the point, so rounding in
    /// the original cannot be mistaken for a wrong simplification).
    /// </summary>
    [Fact]
    public void SimplifyPreservesTheValue()
    {
        int compared = 0, total = 0;
        var options = new SimplifyOptions { Budget = TimeSpan.FromMilliseconds(500) };
        // coordinates of ordinary size (|c| in [1e-3, 2]): at 1e-80 a normalized fraction can
        // underflow where the input did not (documented in docs/symbolic.md)
        var coordinate = Gen.Select(Gen.Double[1e-3, 2], Gen.Bool, (d, negative) => negative ? -d : d);
        Gen.Select(ExprGenerators.Expression(8), coordinate.Array[3]).Sample((e, p) =>
        {
            Interlocked.Increment(ref total);
            var r = Simplifier.TrySimplify(e, options);
            Assert.True(r.Status != SimplifyStatus.Failed, $"{e}: {r.Message}");
            double a = e.Evaluate(p, V);
            if (!double.IsFinite(a) || Math.Abs(a) > 1e12) return;
            foreach (var shift in new[] { 1e-9, -1e-9 })
            {
                var q = p.Select(c => c * (1 + shift) + shift).ToArray();
                double aq = e.Evaluate(q, V);
                if (!double.IsFinite(aq) || Math.Abs(aq - a) > 1e-5 * Math.Max(1, Math.Abs(a))) return;
            }
            double b = r.Expression.Evaluate(p, V);
            if (!(Math.Abs(a - b) <= 1e-6 * Math.Max(1, Math.Abs(a))))
            {
                // outside the mathematical domain, or the original's own rounding: intermediates of
                // magnitude M leave an error of order M * 1e-16 per operation in the input's value
                if (Inspect(e, p, out double largest)) return;
                if (Math.Abs(a - b) <= 1e-10 * largest) return;
            }
            Assert.True(Math.Abs(a - b) <= 1e-6 * Math.Max(1, Math.Abs(a)),
                $"{e}\n  simplified {r.Expression}\n  at ({string.Join(", ", p)}): {a} vs {b}");
            Interlocked.Increment(ref compared);
        }, iter: 10_000, threads: 1);
        Assert.True(compared > 3_000, $"only {compared} of {total} cases were compared");
    }
}
