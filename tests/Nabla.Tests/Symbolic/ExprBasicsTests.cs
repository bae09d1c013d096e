using Nabla.Symbolic;

namespace Nabla.Tests.Symbolic;

public class ExprBasicsTests
{
    private static Expr P(string s) => Expr.Parse(s);

    [Theory]
    [InlineData("x + y", "x + y")]
    [InlineData("y + x", "x + y")]
    [InlineData("2*x + 3*x", "5*x")]
    [InlineData("x*x^2", "x^3")]
    [InlineData("x/x", "x/x")]
    [InlineData("0*x", "0")]
    [InlineData("0*log(x)", "0*log(x)")]
    [InlineData("-x^2", "-x^2")]
    [InlineData("2^-1", "1/2")]
    [InlineData("0.5", "1/2")]
    [InlineData("1e-3", "1/1000")]
    [InlineData("2x", "2*x")]
    [InlineData("3(x+1)", "3*(x + 1)")]
    [InlineData("x^2^3", "x^8")]
    [InlineData("2^3^2", "512")]
    [InlineData("y^3*(y^2 - x^2)/(x^2 + y^2)^2", "y^3*(y^2 - x^2)/(x^2 + y^2)^2")]
    [InlineData("x*y^3/(x^2+y^2)", "x*y^3/(x^2 + y^2)")]
    [InlineData("1 - x", "1 - x")]
    [InlineData("x - 1", "x - 1")]
    [InlineData("a - (b + c)", "a - (b + c)")]
    [InlineData("a - 2*(b + c)", "a - 2*(b + c)")]
    [InlineData("e^x", "exp(x)")]
    [InlineData("pow(x, 3)", "x^3")]
    [InlineData("α + β", "alpha + beta")]
    [InlineData("if(x > 0 && !(y < 1), x, -x)", "if(x > 0 && !(y < 1), x, -x)")]
    [InlineData("sqrt(4)", "2")]
    [InlineData("(2*x*y)^2", "4*x^2*y^2")]
    [InlineData("x^(1/2)*x^(1/2)", "(x^(1/2))^2")]
    public void ParsesToCanonicalText(string input, string expected)
    {
        var e = P(input);
        Assert.Equal(expected, e.ToString());
        Assert.Same(e, P(e.ToString()));
    }

    [Fact]
    public void HashConsingMakesEqualStructuresIdentical()
    {
        Assert.Same(P("sin(x)*y + 1"), P("1 + y*sin(x)"));
        Assert.Same(Expr.Variable("x") + 1, P("x+1"));
    }

    [Fact]
    public void VariablesInNaturalOrder()
    {
        Assert.Equal(["x1", "x2", "x10", "y"], P("x10 + y + x2 + x1").Variables);
    }

    [Fact]
    public void LectureGradient()
    {
        var f = P("x*y^3/(x^2+y^2)");
        var g = f.Gradient();
        Assert.Equal(2.0, g[0].Evaluate([0.0, 2.0], ["x", "y"]), 1e-14);
        // ∂f/∂x(0, y) = y and ∂f/∂y(x, 0) = 0 away from the origin.
        Assert.Equal(-0.5, g[0].Evaluate([1.0, 1.0], ["x", "y"]) - 0.5, 1e-14);
        Assert.True(double.IsNaN(f.Evaluate([0.0, 0.0], ["x", "y"])));
    }

    [Theory]
    [InlineData("sin(x", "expected ')' to close '(' at column 4", 4)]
    [InlineData("(x + 1", "expected ')' to close '(' at column 1", 1)]
    [InlineData("x +", "ends too early", 4)]
    [InlineData("x y", "expected an operator", 3)]
    [InlineData("foo(x)", "unknown function 'foo'", 1)]
    [InlineData("x # 2", "unexpected character '#'", 3)]
    [InlineData("sin(x, y)", "sin takes 1 argument", 1)]
    [InlineData("", "empty", 1)]
    [InlineData("x)", "unmatched ')'", 2)]
    [InlineData("if(x, 1, 2)", "condition", 1)]
    public void ParseErrorsAreTypedWithColumn(string input, string fragment, int column)
    {
        var ex = Assert.Throws<ParseException>(() => P(input));
        Assert.Contains(fragment, ex.Message);
        Assert.Equal(column, ex.Column);
        Assert.IsAssignableFrom<NablaInputException>(ex);
    }

    [Fact]
    public void LatexForms()
    {
        Assert.Equal(@"\frac{x y^{3}}{x^{2} + y^{2}}", P("x*y^3/(x^2+y^2)").ToLatex());
        Assert.Equal(@"\sin\left(x\right)", P("sin(x)").ToLatex());
        Assert.Equal(@"\frac{\partial^{2} f}{\partial y \partial x}", LatexPrinter.PartialDerivative(["x", "y"]));
        Assert.Equal(@"\frac{\partial^{3} f}{\partial x^{3}}", LatexPrinter.PartialDerivative(["x", "x", "x"]));
    }

    [Fact]
    public void DerivativesOfElementaryFunctions()
    {
        Assert.Equal("cos(x)", P("sin(x)").Diff("x").ToString());
        Assert.Equal("2*x", P("x^2").Diff("x").ToString());
        Assert.Equal("-1/x^2", P("1/x").Diff("x").ToString());
        Assert.Equal("if(x > 0, 1, -1)", P("if(x > 0, x, -x)").Diff("x").ToString());
        Assert.Equal("6", P("x^3").Diff("x", 3).ToString());
        Assert.Equal("1", P("x*y").Diff("x", "y").ToString());
    }
}
