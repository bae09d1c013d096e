using Nabla.MatrixCalculus;

namespace Nabla.Tests.MatrixCalculus;

/// <summary>A scalar operand of + and - broadcasts over a vector or matrix (s stands for s*ones(...)).</summary>
public class BroadcastTests
{
    public static TheoryData<string, string, string?, string> Cases => new()
    {
        { "1 - sigmoid(x)", "x", "x:n", "-diag(sigmoid(x) .* sigmoid(-x))" },
        { "sum(1 - sigmoid(x))", "x", "x:n", "-(sigmoid(x) .* sigmoid(-x))" },
        { "a'*(1 - x)", "x", "x:n, a:n", "-a" },
        { "sum(log(1 + exp(X)))", "X", "X:n*m", "sigmoid(X)" },
        { "norm2(c - x)^2", "c", "c:scalar, x:n", "2*sum(c - x)" },
        { "norm2(x - c)^2", "x", "c:scalar, x:n", "2*(x - c)" },
        { "tr(X - 2)", "X", "X:n*n", "eye(n)" },
        { "a'*(X + s)*b", "s", "X:n*m, a:n, b:m, s:scalar", "sum(a)*sum(b)" },
        { "sum((2 + c*x) .* x)", "x", "c:scalar, x:n", "2 + 2*c*x" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BroadcastDerivativesVerify(string f, string wrt, string? dims, string reference)
    {
        var d = MatrixDifferentiation.Differentiate(f, wrt, new MatrixDiffOptions { Dims = dims, Check = true });
        Assert.True(d.Check!.Passed(), $"{f}: {d.Text}: {d.Check}");
        TestSupport.AssertSameValue(d, reference);
    }

    [Theory]
    [InlineData("1 - sigmoid(x)", "1 - sigmoid(x)")]
    [InlineData("x + 2", "x + 2")]
    [InlineData("c - X", "c - X")]
    [InlineData("X - 2*c", "X - 2*c")]
    public void BroadcastPrintsAsTheScalarAndParsesBack(string text, string printed)
    {
        var e = MatrixExpression.Parse(text, "c:scalar");
        Assert.Equal(printed, e.Root.Key);
        Assert.Equal(printed, MatrixExpression.Parse(e.Root.Key, "c:scalar").Root.Key);
    }

    [Fact]
    public void ScalarPlusVectorHasTheVectorShape()
    {
        var e = MatrixExpression.Parse("1 - x", "x:n");
        Assert.Equal(new Shape(new Dim("n"), Dim.One), e.Root.Shape);
        // still an error: vector plus matrix
        Assert.Throws<MatrixShapeException>(() => MatrixExpression.Parse("x + A", (string?)null));
    }
}

/// <summary>Diagonal scalings print in their elementwise form (⊙), which parses back and verifies.</summary>
public class ElementwisePrintingTests
{
    [Theory]
    [InlineData("a'*exp(X)*b", "X", "X:n*m, a:n, b:m", "(a*b') ⊙ exp(X)")]
    [InlineData("a'*sin(X)*b", "X", "X:n*m, a:n, b:m", "(a*b') ⊙ cos(X)")]
    [InlineData("sigmoid(x) .* a", "x", "x:n, a:n", "diag((sigmoid(x) ⊙ sigmoid(-x)) ⊙ a)")]
    public void DiagonalScalingsPrintElementwise(string f, string wrt, string dims, string printed)
    {
        var d = MatrixDifferentiation.Differentiate(f, wrt, new MatrixDiffOptions { Dims = dims, Check = true });
        Assert.True(d.Check!.Passed(), $"{f}: {d.Text}: {d.Check}");
        Assert.Equal(printed, d.Text);
        Assert.DoesNotContain("diag(a)", d.Text);
        // the printed form parses back (⊙ or .*) and means the same
        TestSupport.AssertSameValue(d, printed.Replace("⊙", ".*", StringComparison.Ordinal));
    }

    [Fact]
    public void DiagTimesVectorIsHadamard()
    {
        var e = MatrixExpression.Parse("diag(a)*x + (x'*diag(b))'", "a:n, b:n, x:n");
        Assert.DoesNotContain("diag", e.Root.Key);
        var f = MatrixExpression.Parse("diag(a)*X*diag(b)", "a:n, b:m, X:n*m");
        Assert.Equal("(a*b') ⊙ X", f.Root.Key);
    }
}

/// <summary>.^ with a variable exponent (scalar or elementwise): d(X.^Y) = Y ⊙ X.^(Y-1) ⊙ dX + log(X) ⊙ X.^Y ⊙ dY, X > 0.</summary>
public class VariableExponentTests
{
    public static TheoryData<string, string, string?, string> Cases => new()
    {
        { "sum(X .^ Y)", "X", "X:n*m, Y:n*m", "Y .* X .^ (Y - 1)" },
        { "sum(X .^ Y)", "Y", "X:n*m, Y:n*m", "log(X) .* X .^ Y" },
        { "a'*(X .^ Y)*b", "Y", "X:n*m, Y:n*m, a:n, b:m", "(a*b') .* log(X) .* X .^ Y" },
        { "sum(x .^ c)", "c", "x:n, c:scalar", "sum(log(x) .* x .^ c)" },
        { "sum(x .^ x)", "x", "x:n", "x .^ x .* (1 + log(x))" },
        { "sum(2 .^ x)", "x", "x:n", "log(2) * 2 .^ x" },
        { "x .^ y", "y", "x:n, y:n", "diag(log(x) .* x .^ y)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void VariableExponentDerivativesVerify(string f, string wrt, string? dims, string reference)
    {
        var d = MatrixDifferentiation.Differentiate(f, wrt, new MatrixDiffOptions { Dims = dims, Check = true });
        Assert.True(d.Check!.Passed(), $"{f}: {d.Text}: {d.Check}");
        TestSupport.AssertSameValue(d, reference);
        Assert.Contains(d.Conditions, c => c.Contains("> 0", StringComparison.Ordinal));
    }

    [Fact]
    public void ExponentOfAnotherShapeIsAShapeError() =>
        Assert.Throws<MatrixShapeException>(() => MatrixExpression.Parse("X .^ Y", "X:n*m, Y:m*n"));
}

/// <summary>kron(A, B) has shape (rows A · rows B) × (cols A · cols B), unified with the rest of the expression.</summary>
public class KronShapeTests
{
    [Theory]
    [InlineData("kron(A, B) + C", null, "C", "C: n·p×m·q, A: n×m, B: p×q")]
    [InlineData("tr(kron(A, B)*C)", null, "C", "C: m·q×n·p, A: n×m, B: p×q")]
    [InlineData("x'*kron(A, B)*y", "A:2*3, B:2*2", "x", "x: 4")]
    public void KronShapesAreUnified(string text, string? dims, string wrt, string shapeOfWrt)
    {
        var e = MatrixExpression.Parse(text, dims, wrt);
        Assert.StartsWith(shapeOfWrt, e.ShapesText.Replace("×", "×", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("tr(kron(A, B)*C)", "C", null, "kron(A, B)'")]
    [InlineData("x'*kron(A, B)*y", "x", "A:2*3, B:2*2", "kron(A, B)*y")]
    public void DerivativesWithKronConstantsVerify(string f, string wrt, string? dims, string reference)
    {
        var d = MatrixDifferentiation.Differentiate(f, wrt, new MatrixDiffOptions { Dims = dims, Check = true });
        Assert.True(d.Check!.Passed(), $"{f}: {d.Text}: {d.Check}");
        TestSupport.AssertSameValue(d, reference);
    }
}
