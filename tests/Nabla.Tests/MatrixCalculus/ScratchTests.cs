using Nabla.MatrixCalculus;
using Xunit.Abstractions;

namespace Nabla.Tests.MatrixCalculus;

public class ScratchTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("a'*X'*C*X*b", "X", null, false)]
    [InlineData("norm2(y - A*w)^2", "w", null, true)]
    [InlineData("inv(A)", "A", null, false)]
    [InlineData("x'*A*x", "x", null, true)]
    [InlineData("tr(A*X)", "X", null, false)]
    [InlineData("det(X)", "X", null, false)]
    [InlineData("a'*X'*C*X*b", "X", null, true)]
    [InlineData("tr(X'*A*X)", "X", null, false)]
    [InlineData("logdet(X)", "X", null, false)]
    [InlineData("sum(exp(X))", "X", null, false)]
    [InlineData("a'*exp(X)*b", "X", null, false)]
    [InlineData("norm2(x)", "x", null, true)]
    [InlineData("A*x", "x", null, false)]
    [InlineData("exp(x)", "x", null, false)]
    [InlineData("tr(X^3)", "X", null, false)]
    [InlineData("a'*X^-1*b", "X", null, false)]
    [InlineData("X*X", "X", null, false)]
    [InlineData("tr(X*X)", "X", null, true)]
    [InlineData("sum(sigmoid(W*x))", "W", null, false)]
    [InlineData("c*x'*x", "x", "c:scalar", false)]
    [InlineData("x'*S*x", "x", "S:n*n:sym", true)]
    [InlineData("sum(diag(X))", "X", null, false)]
    [InlineData("tr(X)", "X", null, false)]
    [InlineData("a'*x", "x", null, false)]
    [InlineData("a'*X*b", "X", null, false)]
    [InlineData("log(x)", "x", null, false)]
    [InlineData("A*X*B", "X", null, false)]
    public void Show(string e, string wrt, string? dims, bool hess)
    {
        var d = MatrixDifferentiation.Differentiate(e, wrt, new MatrixDiffOptions { Dims = dims, Hessian = hess, Check = true });
        output.WriteLine($"{e} wrt {wrt}: shapes {d.Expression.ShapesText}");
        output.WriteLine($"  derivative: {d.Text}");
        output.WriteLine($"  index: {d.IndexForm}");
        output.WriteLine($"  differential: {d.DifferentialText}");
        output.WriteLine($"  hessian: {d.HessianText} [{d.HessianForm}]");
        output.WriteLine($"  conditions: {string.Join("; ", d.Conditions)}");
        output.WriteLine($"  latex: {d.Latex}");
        output.WriteLine($"  check: {d.Check}");
        Assert.True(d.Check!.Passed(), d.Check.ToString());
    }
}
