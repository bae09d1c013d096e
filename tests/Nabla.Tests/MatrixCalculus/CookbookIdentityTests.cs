using Nabla.MatrixCalculus;

namespace Nabla.Tests.MatrixCalculus;

/// <summary>
/// Matrix Cookbook identities (sections 2.1-2.8: determinants, inverses, traces, quadratic forms,
/// norms, log det, tr(X^k), a'X⁻¹b, elementwise functions, chain rules). For each: Nabla's printed
/// derivative parses back and equals the reference formula on random instances, and it agrees with
/// central finite differences to better than 1e-6.
/// </summary>
public class CookbookIdentityTests
{
    public static TheoryData<string, string, string?, string> Identities => new()
    {
        // traces (Cookbook 2.5)
        { "tr(X)", "X", "X:n*n", "eye(n)" },
        { "tr(X*A)", "X", "X:n*m, A:m*n", "A'" },
        { "tr(A*X*B)", "X", "X:n*m, A:p*n, B:m*p", "A'*B'" },
        { "tr(A*X'*B)", "X", "X:n*m, A:p*m, B:n*p", "B*A" },
        { "tr(X')", "X", "X:n*n", "eye(n)" },
        { "tr(X'*A)", "X", "X:n*m, A:n*m", "A" },
        { "tr(A*X')", "X", "X:n*m, A:n*m", "A" },
        { "tr(X*X)", "X", "X:n*n", "2*X'" },
        { "tr(X*B*X)", "X", "X:n*n, B:n*n", "X'*B' + B'*X'" },
        { "tr(X'*B*X)", "X", "X:n*m, B:n*n", "B*X + B'*X" },
        { "tr(X*B*X')", "X", "X:n*m, B:m*m", "X*B' + X*B" },
        { "tr(X*X')", "X", "X:n*m", "2*X" },
        { "tr(X'*X)", "X", "X:n*m", "2*X" },
        { "tr(B*X*X')", "X", "X:n*m, B:n*n", "(B + B')*X" },
        { "tr(B'*X'*C*X*B)", "X", "X:n*m, B:m*p, C:n*n", "C'*X*B*B' + C*X*B*B'" },
        { "tr(X'*B*X*C)", "X", "X:n*m, B:n*n, C:m*m", "B*X*C + B'*X*C'" },
        { "tr(A*X*B*X'*C)", "X", "X:n*m, A:p*n, B:m*m, C:n*p", "A'*C'*X*B' + C*A*X*B" },
        { "tr(X^2)", "X", "X:n*n", "2*X'" },
        { "tr(X^3)", "X", "X:n*n", "3*(X^2)'" },
        { "tr(X^4)", "X", "X:n*n", "4*(X^3)'" },
        { "tr(A*X^3)", "X", "X:n*n, A:n*n", "(A*X^2 + X*A*X + X^2*A)'" },
        { "tr(inv(X))", "X", "X:n*n", "-(inv(X)^2)'" },
        { "tr(A*inv(X)*B)", "X", "X:n*n, A:p*n, B:n*p", "-(inv(X)*B*A*inv(X))'" },
        // determinants and log det (Cookbook 2.1)
        { "det(X)", "X", "X:n*n", "det(X)*inv(X)'" },
        { "logdet(X)", "X", "X:n*n", "inv(X)'" },
        { "det(A*X*B)", "X", "X:n*n, A:n*n, B:n*n", "det(A*X*B)*inv(X)'" },
        { "det(X'*A*X)", "X", "X:n*n, A:n*n", "2*det(X'*A*X)*inv(X)'" },
        { "logdet(X'*X)", "X", "X:n*n", "2*inv(X)'" },
        { "det(X^2)", "X", "X:n*n", "2*det(X)^2*inv(X)'" },
        { "logdet(X*X)", "X", "X:n*n", "2*inv(X')" },
        { "det(inv(X))", "X", "X:n*n", "-det(inv(X))*inv(X)'" },
        // inverses (Cookbook 2.2)
        { "a'*inv(X)*b", "X", "X:n*n, a:n, b:n", "-inv(X)'*a*b'*inv(X)'" },
        { "a'*X^-1*b", "X", "X:n*n, a:n, b:n", "-inv(X')*a*b'*inv(X')" },
        // quadratic forms (Cookbook 2.4, 2.8)
        { "x'*A*x", "x", "x:n, A:n*n", "(A + A')*x" },
        { "x'*B*x", "x", "x:n, B:n*n:sym", "2*B*x" },
        { "x'*x", "x", "x:n", "2*x" },
        { "b'*X'*X*c", "X", "X:n*m, b:m, c:m", "X*(b*c' + c*b')" },
        { "(B*x + b)'*C*(D*x + d)", "x", "x:n, B:m*n, b:m, C:m*m, D:m*n, d:m", "B'*C*(D*x + d) + D'*C'*(B*x + b)" },
        { "b'*X'*D*X*c", "X", "X:n*m, b:m, c:m, D:n*n", "D'*X*b*c' + D*X*c*b'" },
        { "(X*b + c)'*D*(X*b + c)", "X", "X:n*m, b:m, c:n, D:n*n", "(D + D')*(X*b + c)*b'" },
        { "a'*X*X'*b", "X", "X:n*m, a:n, b:n", "(a*b' + b*a')*X" },
        { "(x - s)'*W*(x - s)", "x", "x:n, s:n, W:n*n:sym", "2*W*(x - s)" },
        { "(x - A*s)'*W*(x - A*s)", "s", "x:n, s:m, A:n*m, W:n*n:sym", "-2*A'*W*(x - A*s)" },
        { "a'*X*b", "X", "X:n*m, a:n, b:m", "a*b'" },
        { "a'*X'*b", "X", "X:n*m, a:m, b:n", "b*a'" },
        // norms (Cookbook 2.6)
        { "norm2(x)", "x", "x:n", "x/norm2(x)" },
        { "norm2(x)^2", "x", "x:n", "2*x" },
        { "norm2(X)^2", "X", "X:n*m", "2*X" },
        { "norm2(x - a)", "x", "x:n, a:n", "(x - a)/norm2(x - a)" },
        { "norm1(x)", "x", "x:n", "sign(x)" },
        { "norm2(A*x - b)^2", "x", "x:n, A:m*n, b:m", "2*A'*(A*x - b)" },
        // elementwise functions and chain rules
        { "sum(exp(X))", "X", "X:n*m", "exp(X)" },
        { "sum(log(x))", "x", "x:n", "1 ./ x" },
        { "a'*tanh(x)", "x", "x:n, a:n", "a .* sech(x).^2" },
        { "sum(sigmoid(W*x))", "W", "W:n*m, x:m", "(sigmoid(W*x) .* sigmoid(-W*x))*x'" },
        { "sum(relu(x))", "x", "x:n", "step(x)" },
        { "exp(a'*x)", "x", "x:n, a:n", "exp(a'*x)*a" },
        { "log(x'*A*x)", "x", "x:n, A:n*n", "(A + A')*x/(x'*A*x)" },
        { "sqrt(x'*x)", "x", "x:n", "x/sqrt(x'*x)" },
        { "sum(x.^3)", "x", "x:n", "3*x.^2" },
        { "(a'*x)^3", "x", "x:n, a:n", "3*(a'*x)^2*a" },
        { "sin(tr(X))", "X", "X:n*n", "cos(tr(X))*eye(n)" },
        { "a'*exp(X)*b", "X", "X:n*m, a:n, b:m", "(a*b') .* exp(X)" },
        { "sum(sin(A*x))", "x", "x:n, A:m*n", "A'*cos(A*x)" },
        { "y'*log(sigmoid(W*x))", "x", "x:n, W:m*n, y:m", "W'*(y .* sigmoid(-W*x))" },
        // Jacobians of vector-valued functions (denominator layout: rows over x)
        { "A*x", "x", "x:n, A:m*n", "A'" },
        { "exp(x)", "x", "x:n", "diag(exp(x))" },
        { "x'*A", "x", "x:n, A:n*m", "A" },
    };

    [Theory]
    [MemberData(nameof(Identities))]
    public void DerivativeMatchesTheCookbook(string f, string wrt, string? dims, string reference)
    {
        var d = MatrixDifferentiation.Differentiate(f, wrt, new MatrixDiffOptions { Dims = dims, Check = true });
        Assert.NotNull(d.Matrix);
        Assert.True(d.Check!.Passed(), $"{f}: {d.Text}: {d.Check}");
        TestSupport.AssertSameValue(d, reference);
    }

    [Fact]
    public void ThereAreAtLeastFortyIdentities() => Assert.True(Identities.Count >= 40);
}
