using Nabla.Symbolic;

namespace Nabla.Tests.Symbolic;

public class ApiTests
{
    [Fact]
    public void ConstructionIsThreadSafeAndCanonical()
    {
        var results = new Expr[8];
        Parallel.For(0, 8, i =>
        {
            var x = Expr.Variable("x");
            Expr e = 0;
            for (int k = 0; k < 200; k++) e = (k % 2 == 0) ? e + Expr.Sin(x * k) : e * Expr.Pow(x + k, 2) - k;
            results[i] = e;
        });
        Assert.All(results, r => Assert.Same(results[0], r));
    }

    [Fact]
    public void JacobianAndSubstitute()
    {
        var fs = new[] { Expr.Parse("x*y"), Expr.Parse("sin(x) + y^2") };
        var j = Expr.Jacobian(fs, ["x", "y"]);
        Assert.Equal("y", j[0][0].ToString());
        Assert.Equal("x", j[0][1].ToString());
        Assert.Equal("cos(x)", j[1][0].ToString());
        Assert.Equal("2*y", j[1][1].ToString());
        var s = Expr.Parse("x^2 + y").Substitute(new Dictionary<string, Expr> { ["x"] = Expr.Parse("y + 1") });
        Assert.Same(Expr.Parse("(y + 1)^2 + y"), s);
    }

    [Fact]
    public void EvaluationAtUndefinedPointsIsNaNNeverAnException()
    {
        Assert.True(double.IsNaN(Expr.Parse("1/x").Evaluate([0.0], ["x"])));
        Assert.True(double.IsNaN(Expr.Parse("atan2(y, x)").Evaluate([0.0, 0.0], ["x", "y"])));
        Assert.True(double.IsNaN(Expr.Parse("if(log(x) > 0, 1, 2)").Evaluate([-1.0], ["x"])));
        Assert.True(double.IsNaN(Expr.Parse("0*log(x)").Evaluate([-1.0], ["x"])));
        Assert.Equal(0.0, Expr.Parse("0*log(x)").Evaluate([2.0], ["x"]));
        Assert.True(double.IsNaN(Expr.Parse("x/x").Compile("x").Evaluate([0.0])));
        Assert.Throws<NablaInputException>(() => Expr.Parse("x + y").Evaluate(new Dictionary<string, double> { ["x"] = 1 }));
        Assert.Throws<NablaInputException>(() => Expr.Parse("x + y").Compile("x"));
    }

    [Fact]
    public void GenericEvaluationMatchesDouble()
    {
        var e = Expr.Parse("if(x > 1, sigmoid(x)*softplus(y), relu(x - y) + cbrt(x)) + atan2(y, x) + min(x, y)*max(x, 2)");
        foreach (var p in new[] { new[] { 0.3, -0.7 }, new[] { 1.5, 2.5 } })
            Assert.Equal(e.Evaluate(p, ["x", "y"]), e.Evaluate<Real>(Real.View(p), ["x", "y"]).Value, 12);
    }

    [Fact]
    public void ExactRationalsAndInexactFloats()
    {
        Assert.Equal("1/3", (Expr.Number(1) / 3).ToString());
        Assert.Equal(new Rational(1, 10), Expr.Parse("0.1").Value);
        Assert.Equal("5/4", Expr.Parse("1.25").ToString());
        Assert.Equal(ExprKind.Float, (Expr.Inexact(0.1) + 1).Kind);
        Assert.Equal(0.1, Rational.FromDouble(0.1).ToDouble());
        Assert.Equal(1.0 / 3, new Rational(System.Numerics.BigInteger.Pow(3, 400), System.Numerics.BigInteger.Pow(3, 401)).ToDouble());
    }

    [Fact]
    public void CompiledGradientAndHessianOfTheLectureExample()
    {
        var f = Expr.Parse("x*y^3/(x^2+y^2)");
        var h = f.CompileHessian();
        var g = new double[2];
        var hh = new double[4];
        double v = h.Evaluate([1.0, 2.0], g, hh);
        Assert.Equal(1.6, v, 14);
        Assert.Equal(24.0 / 25, g[0], 14);
        Assert.Equal(28.0 / 25, g[1], 14);
        Assert.Equal(hh[1], hh[2]);
        var cg = f.CompileGradient();
        Assert.Equal(v, cg.Evaluate([1.0, 2.0], g));
        Assert.Equal(28.0 / 25, g[1], 14);
    }
}
