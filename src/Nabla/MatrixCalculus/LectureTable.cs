using MathNet.Numerics.LinearAlgebra;

namespace Nabla.MatrixCalculus;

/// <summary>One row of the lecture's lookup table: the function, the variable, and the formula as the lecture prints it.</summary>
/// <param name="Function">f in Nabla's language.</param>
/// <param name="Wrt">The variable.</param>
/// <param name="Dims">Shape declarations (null: inferred).</param>
/// <param name="Note">What is wrong or conditional about the lecture's entry.</param>
/// <param name="Lecture">The lecture's formula as printed (in the lecture's notation).</param>
/// <param name="LectureExpression">The same formula in Nabla's language, or null for an entrywise statement.</param>
/// <param name="LectureEntrywise">For an entrywise statement: its value ∂f_ij/∂x_uv from the instance values (i, j, u, v).</param>
public sealed record LectureRow(
    string Function, string Wrt, string? Dims, string Lecture, string? LectureExpression,
    Func<IReadOnlyDictionary<string, Matrix<double>>, int, int, int, int, double>? LectureEntrywise = null,
    string? Note = null);

/// <summary>The verdict on one row: Nabla's derivative, whether the lecture's formula matches it and in which layout, conditions and the measured error.</summary>
public sealed record LectureRowResult(
    LectureRow Row, string Nabla, string? NablaEntrywise, bool LectureMatches, string HoldsIn,
    IReadOnlyList<string> Conditions, double MaxRelativeError, string? Note);

/// <summary>
/// The lookup table of the lecture (section 3, "Matrix-vector calculus: Lookup table"), checked:
/// each row is differentiated by Nabla and verified by finite differences, and the lecture's
/// printed formula is evaluated on the same random instances and compared with Nabla's result in
/// denominator and numerator layout. Rows where the lecture is wrong are flagged, not repeated.
/// </summary>
public static class LectureTable
{
    public static readonly IReadOnlyList<LectureRow> Rows =
    [
        new("a'*x", "x", null, "a", "a"),
        new("x'*A*x", "x", null, "(A + Aᵀ)x", "(A + A')*x"),
        new("a'*X*b", "X", null, "abᵀ", "a*b'"),
        new("a'*X'*C*X*b", "X", "X:n*m, a:m, b:m, C:n*n", "CᵀXab + CXbaᵀ", "C'*X*a*b + C*X*b*a'",
            Note: "misprinted: CᵀXab multiplies the vector Xa by the vector b, which has no meaning; the correct entry is CᵀXabᵀ + CXbaᵀ"),
        new("tr(X)", "X", null, "I", "eye(n)"),
        new("tr(A*X)", "X", null, "A", "A",
            Note: "holds only in numerator layout; in the denominator layout of the rest of the table ∂tr(AX)/∂X = Aᵀ"),
        new("tr(X'*A*X)", "X", null, "(A + Aᵀ)X", "(A + A')*X"),
        new("det(X)", "X", null, "det(X)·(Xᵀ)⁻¹", "det(X)*inv(X')", Note: "the lecture omits the condition X invertible (the form with adj(X)ᵀ holds always)"),
        new("det(X)", "X", null, "∂det/∂x_sr = det(X)·(X⁻¹)_rs", null,
            (v, _, _, s, r) => v["X"].Determinant() * v["X"].Inverse()[r, s], Note: "entry form; needs X invertible"),
        new("inv(A)", "A", null, "∂f_ij/∂a_uv = -(a_iu)⁻¹ (a_vj)⁻¹", null,
            (v, i, j, u, w) => -1 / (v["A"][i, u] * v["A"][w, j]),
            Note: "wrong: the entries of A are inverted instead of taking entries of A⁻¹; the correct entry is ∂(A⁻¹)_ij/∂a_uv = -(A⁻¹)_iu (A⁻¹)_vj; also the domain is ℝⁿˣⁿ (square, invertible), not ℝⁿˣᵐ"),
        new("norm2(y - A*w)^2", "w", null, "-2Aᵀ(y - Aω)", "-2*A'*(y - A*w)"),
    ];

    public static IReadOnlyList<LectureRowResult> Evaluate(int instances = 3, int seed = 2024)
    {
        var results = new List<LectureRowResult>();
        foreach (var row in Rows)
        {
            var d = MatrixDifferentiation.Differentiate(row.Function, row.Wrt,
                new MatrixDiffOptions { Dims = row.Dims, Check = true, Instances = instances, Seed = seed });
            bool den = true, num = true;
            string? parseError = null;
            for (int s = 0; s < instances; s++)
            {
                var (values, dims) = MatrixNumericCheck.Instance(d.Expression, new Random(seed + 31 * s));
                if (row.LectureExpression is not null)
                {
                    Matrix<double> lecture;
                    try
                    {
                        lecture = new MatrixEvaluator(values, dims).Evaluate(MatrixNumericCheck.ParseBack(row.LectureExpression, d.Expression));
                    }
                    catch (MatrixInputException e) { parseError = e.Message; den = num = false; break; }
                    var nabla = new MatrixEvaluator(values, dims).Evaluate(d.Matrix!);
                    den &= Close(lecture, nabla);
                    num &= Close(lecture, nabla.Transpose());
                }
                else
                {
                    var fd = MatrixNumericCheck.FiniteDifferences(d.Expression.Root, row.Wrt, values, dims);
                    bool ok = true;
                    for (int i = 0; i < fd.GetLength(0); i++)
                        for (int j = 0; j < fd.GetLength(1); j++)
                            for (int u = 0; u < fd.GetLength(2); u++)
                                for (int v = 0; v < fd.GetLength(3); v++)
                                {
                                    double l = row.LectureEntrywise!(values, i, j, u, v), r = fd[i, j, u, v];
                                    ok &= Math.Abs(l - r) <= 1e-6 * Math.Max(1, Math.Abs(r));
                                }
                    den &= ok; num &= ok;
                }
            }
            string holds = row.LectureExpression is null
                ? (den ? "entrywise (any layout)" : "none (wrong in every layout)")
                : den && num ? "both layouts" : den ? "denominator" : num ? "numerator" : "none (wrong in every layout)";
            var note = row.Note;
            if (parseError is not null) note = $"{note} [as printed it does not even type-check: {parseError}]";
            results.Add(new LectureRowResult(row, d.Matrix?.Key ?? d.IndexForm,
                row.LectureExpression is null ? d.IndexForm : null, den, holds, d.Conditions,
                d.Check?.MaxRelativeError ?? double.NaN, note));
        }
        return results;
    }

    private static bool Close(Matrix<double> a, Matrix<double> b) =>
        a.RowCount == b.RowCount && a.ColumnCount == b.ColumnCount && MatrixNumericCheck.Relative(a, b) < 1e-9;
}
