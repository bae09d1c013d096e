using Nabla.MatrixCalculus;

namespace Nabla.Tests.MatrixCalculus;

public class LanguageTests
{
    [Theory]
    [InlineData("a'*X'*C*X*b", null, "X: n×m, a: m, b: m, C: n×n", "X")]
    [InlineData("norm2(y - A*w)^2", null, "w: n, A: m×n, y: m", "w")]
    [InlineData("c*x'*x + alpha", "c:scalar", "x: n, alpha: scalar, c: scalar", "x")]
    [InlineData("X*eye(k)", "X:n*k", "X: n×k", "X")]
    [InlineData("tr(X)", null, "X: n×n", "X")]
    public void ShapesAreInferredOrDeclared(string text, string? dims, string shapes, string wrt)
    {
        Assert.Equal(shapes, MatrixExpression.Parse(text, dims, wrt).ShapesText);
    }

    [Theory]
    [InlineData("A*x + y", "A:n*m, x:n", "A*x", "n×m", "vector of length n")]
    [InlineData("x + A", null, "x + A", "vector of length", "×")]
    [InlineData("tr(a)", null, "tr(a)", "vector of length", "")]
    [InlineData("X*Y + Y*X", "X:n*m, Y:m*n", "X*Y + Y*X", "n×n", "m×m")]
    public void InconsistentShapesNameTheSubexpressionAndBothShapes(string text, string? dims, string sub, string left, string right)
    {
        var e = Assert.Throws<MatrixShapeException>(() => MatrixExpression.Parse(text, dims));
        Assert.Equal(sub, e.Subexpression);
        Assert.Contains(left, e.LeftShape);
        Assert.Contains(right, e.RightShape);
        Assert.Contains(sub, e.Message);
        Assert.True(e.Column >= 1);
        Assert.IsAssignableFrom<NablaInputException>(e);
    }

    [Theory]
    [InlineData("((x", 4)]
    [InlineData("x +", 4)]
    [InlineData("x $ y", 3)]
    [InlineData("foo(x)", 1)]
    [InlineData("a'*x)", 5)]
    [InlineData("", 1)]
    [InlineData("tr", 1)]
    public void SyntaxErrorsAreTypedWithColumn(string text, int column)
    {
        var e = Assert.Throws<MatrixSyntaxException>(() => MatrixExpression.Parse(text));
        Assert.Equal(column, e.Column);
    }

    [Fact]
    public void DeepNestingIsATypedErrorNotAStackOverflow()
    {
        var deep = new string('(', 100_000 / 2) + "x" + new string(')', 100_000 / 2 - 1);
        Assert.ThrowsAny<MatrixInputException>(() => MatrixExpression.Parse(deep));
        var chain = string.Join("*", Enumerable.Repeat("A", 5000));
        Assert.Throws<MatrixLimitException>(() => MatrixExpression.Parse(chain));
        var negs = new string('-', 5000) + "x";
        Assert.Throws<MatrixLimitException>(() => MatrixExpression.Parse(negs));
        Assert.Throws<MatrixLimitException>(() => MatrixExpression.Parse(new string('x', 200_000)));
        // within the limits a long sum is fine
        Assert.NotNull(MatrixExpression.Parse(string.Join(" + ", Enumerable.Repeat("x", 150))));
    }

    [Theory]
    [InlineData("X:n*m, a")]
    [InlineData("X:n**m")]
    [InlineData("X:n*m:weird")]
    [InlineData("X:n*m:sym")]
    [InlineData("X:n*m, X:n*n")]
    public void BadDeclarationsAreTyped(string dims) =>
        Assert.ThrowsAny<MatrixInputException>(() => Declarations.Parse(dims));

    [Theory]
    [InlineData("a'*X'*C*X*b")]
    [InlineData("-2*A'*(y - A*w)")]
    [InlineData("(a*b') ⊗ C + (b*a') ⊗ C'")]
    [InlineData("diag(a)*exp(X)*diag(b)")]
    [InlineData("x/norm2(x)")]
    [InlineData("eye(n)/norm2(x) - x*x'/norm2(x)^3")]
    [InlineData("(sigmoid(W*x) ⊙ sigmoid(-W*x))*x'")]
    [InlineData("3*X'^2")]
    [InlineData("sum(x.^3) + tr(inv(X)) - logdet(X)")]
    [InlineData("matrix(1, 2; 3, 4)*vector(1, 2)")]
    public void PrintingRoundTrips(string text)
    {
        var e = MatrixExpression.Parse(text, text.Contains("eye(n)") ? "x:n" : text.Contains('⊗') ? "a:m, b:m, C:n*n" : null);
        var again = MatrixExpression.Parse(e.Root.Key, e.DimsText);
        Assert.Equal(e.Root.Key, again.Root.Key);
    }

    [Fact]
    public void ElementwiseOperatorsAndSynonyms()
    {
        var a = MatrixExpression.Parse("A .* B").Root.Key;
        var b = MatrixExpression.Parse("A ⊙ B").Root.Key;
        Assert.Equal(a, b);
        Assert.Equal("A ⊗ B", MatrixExpression.Parse("kron(A, B)").Root.Key);
        Assert.Equal("A'", MatrixExpression.Parse("Aᵀ").Root.Key);
    }

    [Fact]
    public void MatevalEvaluatesOnJsonValues()
    {
        var v = MatrixValues.Evaluate("A*x + c*x", """{"A": [[1, 2], [3, 4]], "x": [1, 1], "c": 2.0}""");
        Assert.Equal(5, v[0, 0]);
        Assert.Equal(9, v[1, 0]);
        var t = MatrixValues.Evaluate("eye(n)*x", """{"x": [1, 2, 3]}""", "x:n");
        Assert.Equal(3, t.RowCount);
        Assert.Throws<MatrixShapeException>(() => MatrixValues.Evaluate("A*x", """{"A": [[1, 2]], "x": [1, 2, 3]}"""));
        Assert.ThrowsAny<NablaInputException>(() => MatrixValues.Evaluate("A*x", """{"A": [[1, 2], [3]], "x": [1, 2]}"""));
        Assert.ThrowsAny<NablaInputException>(() => MatrixValues.Evaluate("A*x", "not json"));
    }
}

public class DifferentialParseBackTests
{
    [Theory]
    [InlineData("a'*X'*C*X*b", "X")]
    [InlineData("inv(A)", "A")]
    [InlineData("det(X)", "X")]
    [InlineData("norm2(y - A*w)^2", "w")]
    public void PrintedDifferentialsParseBackAndEqualTheDirectionalDerivative(string f, string wrt)
    {
        var d = MatrixDifferentiation.Differentiate(f, wrt);
        var rhs = d.DifferentialText[(d.DifferentialText.IndexOf(" = ", StringComparison.Ordinal) + 3)..];
        var e = MatrixExpression.Parse(rhs, d.Expression.DimsText);
        var (values, dims) = MatrixNumericCheck.Instance(d.Expression, new Random(5));
        var x = values[wrt];
        var dir = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Random(x.RowCount, x.ColumnCount, 9);
        values["d" + wrt] = dir;
        var df = new MatrixEvaluator(values, dims).Evaluate(e.Root);
        // (f(X + h D) - f(X - h D)) / 2h
        double h = 1e-5;
        var plus = new Dictionary<string, MathNet.Numerics.LinearAlgebra.Matrix<double>>(values) { [wrt] = x + h * dir };
        var minus = new Dictionary<string, MathNet.Numerics.LinearAlgebra.Matrix<double>>(values) { [wrt] = x - h * dir };
        var fd = (new MatrixEvaluator(plus, dims).Evaluate(d.Expression.Root) - new MatrixEvaluator(minus, dims).Evaluate(d.Expression.Root)) / (2 * h);
        Assert.True(MatrixNumericCheck.Relative(df, fd) < 1e-6);
    }
}
