using BenchmarkDotNet.Attributes;

using Nabla.MatrixCalculus;

namespace Nabla.Bench.MatrixCalculus;

/// <summary>
/// Derivation time per identity: parse, infer shapes, differentiate in index notation, print in
/// matrix notation, index form, differential and conditions (no numerical check). The same cases,
/// by name, as bench/peers/matrix.py (SymPy MatrixSymbol).
/// </summary>
[MemoryDiagnoser]
public class MatrixDerivationBench
{
    public static readonly IReadOnlyDictionary<string, (string F, string Wrt, string? Dims)> Cases = new Dictionary<string, (string, string, string?)>
    {
        ["a'*x"] = ("a'*x", "x", null),
        ["x'*A*x"] = ("x'*A*x", "x", null),
        ["a'*X*b"] = ("a'*X*b", "X", null),
        ["a'*X'*C*X*b"] = ("a'*X'*C*X*b", "X", null),
        ["tr(X)"] = ("tr(X)", "X", null),
        ["tr(A*X)"] = ("tr(A*X)", "X", null),
        ["tr(X'*A*X)"] = ("tr(X'*A*X)", "X", null),
        ["det(X)"] = ("det(X)", "X", null),
        ["logdet(X)"] = ("logdet(X)", "X", null),
        ["inv(A)"] = ("inv(A)", "A", null),
        ["norm2(y - A*w)^2"] = ("norm2(y - A*w)^2", "w", null),
        ["tr(X^3)"] = ("tr(X^3)", "X", null),
        ["a'*inv(X)*b"] = ("a'*inv(X)*b", "X", null),
        ["tr(inv(X))"] = ("tr(inv(X))", "X", null),
        ["det(X'*A*X)"] = ("det(X'*A*X)", "X", "X:n*n, A:n*n"),
        ["x'*x"] = ("x'*x", "x", null),
    };

    public static IEnumerable<string> Names => Cases.Keys;

    [ParamsSource(nameof(Names))]
    public string Case { get; set; } = "a'*x";

    [Benchmark]
    public string Derive()
    {
        var (f, wrt, dims) = Cases[Case];
        var d = MatrixDifferentiation.Differentiate(f, wrt, new MatrixDiffOptions { Dims = dims });
        return d.Text;
    }

    [Benchmark]
    public string DeriveWithHessian()
    {
        var (f, wrt, dims) = Cases[Case];
        if (f is "inv(A)") return "";
        var d = MatrixDifferentiation.Differentiate(f, wrt, new MatrixDiffOptions { Dims = dims, Hessian = true });
        return d.HessianText ?? "";
    }
}
