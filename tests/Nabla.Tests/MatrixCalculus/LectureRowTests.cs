using Nabla.MatrixCalculus;

namespace Nabla.Tests.MatrixCalculus;

/// <summary>Every row of the lecture's lookup table, against the correct formula (the lecture's wrong rows corrected).</summary>
public class LectureRowTests
{
    public static TheoryData<string, string, string?, string, string?> Rows => new()
    {
        { "a'*x", "x", null, "a", "a" },
        { "x'*A*x", "x", null, "(A + A')*x", null },
        { "a'*X*b", "X", null, "a*b'", "a*b'" },
        { "a'*X'*C*X*b", "X", "X:n*m, a:m, b:m, C:n*n", "C'*X*a*b' + C*X*b*a'", "C'*X*a*b' + C*X*b*a'" },
        { "tr(X)", "X", null, "eye(n)", "eye(n)" },
        { "tr(A*X)", "X", null, "A'", "A'" },
        { "tr(X'*A*X)", "X", null, "(A + A')*X", null },
        { "det(X)", "X", null, "det(X)*inv(X')", "det(X)*inv(X')" },
        { "norm2(y - A*w)^2", "w", null, "-2*A'*(y - A*w)", "-2*A'*(y - A*w)" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void RowEqualsTheCorrectFormula(string f, string wrt, string? dims, string reference, string? exact)
    {
        var d = MatrixDifferentiation.Differentiate(f, wrt, new MatrixDiffOptions { Dims = dims, Check = true });
        Assert.True(d.Check!.Passed(), d.Check.ToString());
        if (exact is not null) Assert.Equal(exact, d.Text);
        TestSupport.AssertSameValue(d, reference);
    }

    [Fact]
    public void DeterminantEntryFormAndInverseEntryForm()
    {
        var det = MatrixDifferentiation.Differentiate("det(X)", "X", new MatrixDiffOptions { Check = true });
        // ∂det/∂x_sr = det(X)(X⁻¹)_rs: with u = s, v = r
        Assert.Equal("∂(det(X))/∂x_uv = det(X) (X⁻¹)_vu", det.IndexForm);
        Assert.Contains("X invertible", det.Conditions);
        var inv = MatrixDifferentiation.Differentiate("inv(A)", "A", new MatrixDiffOptions { Check = true });
        Assert.Equal("∂(A⁻¹)_ij/∂a_uv = -(A⁻¹)_iu (A⁻¹)_vj", inv.IndexForm);
        Assert.True(inv.Check!.Passed());
    }
}
