using Nabla.MatrixCalculus;

namespace Nabla.Tests.MatrixCalculus;

/// <summary>The exact printed results the issue specifies, and the lecture's table verdicts.</summary>
public class IssueExampleTests
{
    [Fact]
    public void QuadraticFormInXPrintsTheIssueString()
    {
        var d = MatrixDifferentiation.Differentiate("a'*X'*C*X*b", "X", new MatrixDiffOptions { Hessian = true, Check = true });
        Assert.Equal("C'*X*a*b' + C*X*b*a'", d.Text);
        Assert.Equal("X: n×m, a: m, b: m, C: n×n", d.Expression.ShapesText);
        Assert.Equal("(a*b') ⊗ C + (b*a') ⊗ C'", d.HessianText);
        Assert.Contains("vec", d.HessianForm);
        Assert.True(d.Check!.Passed(), d.Check.ToString());
        Assert.Contains(@"C^\top X a b^\top", d.Latex);
    }

    [Fact]
    public void LeastSquaresGradientAndHessian()
    {
        var d = MatrixDifferentiation.Differentiate("norm2(y - A*w)^2", "w", new MatrixDiffOptions { Hessian = true, Check = true });
        Assert.Equal("-2*A'*(y - A*w)", d.Text);
        Assert.Equal("2*A'*A", d.HessianText);
        Assert.True(d.Check!.Passed(), d.Check.ToString());
    }

    [Fact]
    public void InverseHasDifferentialAndEntrywiseForm()
    {
        var d = MatrixDifferentiation.Differentiate("inv(A)", "A", new MatrixDiffOptions { Check = true });
        Assert.Equal("d(inv(A)) = -inv(A)*dA*inv(A)", d.DifferentialText);
        Assert.Equal("∂(A⁻¹)_ij/∂a_uv = -(A⁻¹)_iu (A⁻¹)_vj", d.IndexForm);
        Assert.Equal("-(inv(A') ⊗ inv(A))", d.VecForm!.Key);
        Assert.Contains("A invertible", d.Conditions);
        Assert.True(d.Check!.Passed(), d.Check.ToString());
    }

    [Theory]
    [InlineData("tr(A*X)", "X", "denominator", "A'")]
    [InlineData("tr(A*X)", "X", "numerator", "A")]
    [InlineData("a'*X*b", "X", "numerator", "b*a'")]
    [InlineData("a'*x", "x", "numerator", "a'")]
    [InlineData("A*x", "x", "numerator", "A")]
    public void LayoutsAreTransposesOfEachOther(string f, string wrt, string layout, string expected)
    {
        var d = MatrixDifferentiation.Differentiate(f, wrt, new MatrixDiffOptions
        {
            Layout = layout == "numerator" ? MatrixLayout.Numerator : MatrixLayout.Denominator,
            Check = true,
        });
        Assert.Equal(expected, d.Text);
        Assert.True(d.Check!.Passed(), d.Check.ToString());
    }

    [Fact]
    public void DifferentialsAreInTheCookbookForm()
    {
        Assert.Equal("d(det(X)) = det(X)*tr(inv(X)*dX)", MatrixDifferentiation.Differentiate("det(X)", "X").DifferentialText);
        Assert.Equal("d(tr(A*X)) = tr(A*dX)", MatrixDifferentiation.Differentiate("tr(A*X)", "X").DifferentialText);
        Assert.Equal("d(A*X*B) = A*dX*B", MatrixDifferentiation.Differentiate("A*X*B", "X").DifferentialText);
    }

    [Fact]
    public void LogdetMeansLogAbsDetAndSaysSo()
    {
        var d = MatrixDifferentiation.Differentiate("logdet(X)", "X", new MatrixDiffOptions { Check = true });
        Assert.Equal("inv(X')", d.Text);
        Assert.Contains(d.Conditions, c => c.Contains("log|det(X)|"));
        // defined for negative determinants too: log|det| of diag(-1, 2) is log 2
        var v = MatrixValues.Evaluate("logdet(X)", """{"X": [[-1, 0], [0, 2]]}""");
        Assert.Equal(Math.Log(2), v[0, 0], 12);
    }

    [Fact]
    public void SymmetricVariableStatesWhichGradientIsReturned()
    {
        var d = MatrixDifferentiation.Differentiate("a'*S*b", "S", new MatrixDiffOptions { Dims = "S:n*n:sym, a:n, b:n", Check = true });
        Assert.Equal("a*b'", d.Text);
        Assert.Contains(d.Conditions, c => c.Contains("(G + G')/2"));
        Assert.True(d.Check!.Passed());
    }

    [Theory]
    [InlineData("tr(X*X)", "2*commutation(n, n)")]
    [InlineData("logdet(X)", "-(inv(X) ⊗ inv(X'))*commutation(n, n)")]
    [InlineData("tr(X'*A*X)", "eye(m) ⊗ (A' + A)")]
    public void MatrixHessiansUseKroneckerAndCommutationMatrices(string f, string expected)
    {
        var d = MatrixDifferentiation.Differentiate(f, "X", new MatrixDiffOptions { Hessian = true, Check = true });
        Assert.Equal(expected, d.HessianText);
        Assert.True(d.Check!.Passed(), d.Check.ToString());
    }

    [Fact]
    public void TransposeIsTheCommutationMatrix()
    {
        var d = MatrixDifferentiation.Differentiate("A*X'*B", "X", new MatrixDiffOptions { Check = true });
        Assert.Equal("(B' ⊗ A)*commutation(n, m)", d.VecForm!.Key);
        Assert.True(d.Check!.Passed(), d.Check.ToString());
    }

    [Fact]
    public void HessianOfAVectorQuadraticForm()
    {
        var d = MatrixDifferentiation.Differentiate("x'*A*x", "x", new MatrixDiffOptions { Hessian = true, Check = true });
        Assert.Equal("A + A'", d.HessianText);
        Assert.True(d.Check!.Passed());
    }

    [Fact]
    public void LectureTableFlagsTheWrongRowsAndVerifiesAll()
    {
        var rows = LectureTable.Evaluate();
        Assert.Equal(LectureTable.Rows.Count, rows.Count);
        foreach (var r in rows) Assert.True(r.MaxRelativeError < 1e-6, $"{r.Row.Function}: {r.MaxRelativeError}");
        var wrong = rows.Where(r => !r.LectureMatches).Select(r => (r.Row.Function, r.HoldsIn)).ToList();
        Assert.Equal(
            [("a'*X'*C*X*b", "none (wrong in every layout)"), ("tr(A*X)", "numerator"), ("inv(A)", "none (wrong in every layout)")],
            wrong);
        var trAX = rows.Single(r => r.Row.Function == "tr(A*X)");
        Assert.Equal("A'", trAX.Nabla);
        var quad = rows.Single(r => r.Row.Function == "a'*X'*C*X*b");
        Assert.Equal("C'*X*a*b' + C*X*b*a'", quad.Nabla);
        var inv = rows.Single(r => r.Row.Function == "inv(A)");
        Assert.Equal("∂(A⁻¹)_ij/∂a_uv = -(A⁻¹)_iu (A⁻¹)_vj", inv.Nabla);
        foreach (var r in rows.Where(r => r.LectureMatches)) Assert.NotEqual("none (wrong in every layout)", r.HoldsIn);
        Assert.Contains(rows, r => r.Row.Function == "det(X)" && r.Conditions.Contains("X invertible"));
    }
}
