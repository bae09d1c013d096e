using MathNet.Numerics.LinearAlgebra;

namespace Nabla.Analysis;

/// <summary>Definiteness of a symmetric matrix, in the lecture's words (see <see cref="HessianAtPoint.DefinitenessText"/>).</summary>
public enum Definiteness { PositiveDefinite, NegativeDefinite, Indefinite, PositiveSemidefinite, NegativeSemidefinite, Undefined }

/// <summary>
/// A numeric Hessian at a point and what its spectrum says: eigenvalues (ascending, from a
/// symmetric eigen-decomposition), definiteness, leading principal minors and the condition
/// number. An eigenvalue counts as zero when |λ| ≤ tolerance · max|λ| (default tolerance 1e-10):
/// rounding in the entries makes exact zero tests meaningless.
/// </summary>
public sealed record HessianAtPoint(
    int Dimension,
    double[] Matrix,
    double[] Eigenvalues,
    Definiteness Definiteness,
    double[] LeadingPrincipalMinors,
    double ConditionNumber,
    double Tolerance)
{
    public const double DefaultRelativeTolerance = 1e-10;

    /// <summary>"positive definite", "negative definite", "indefinite", "positive semidefinite", "negative semidefinite" (or "undefined" when an entry is not finite).</summary>
    public string DefinitenessText => Text(Definiteness);

    public static string Text(Definiteness d) => d switch
    {
        Definiteness.PositiveDefinite => "positive definite",
        Definiteness.NegativeDefinite => "negative definite",
        Definiteness.Indefinite => "indefinite",
        Definiteness.PositiveSemidefinite => "positive semidefinite",
        Definiteness.NegativeSemidefinite => "negative semidefinite",
        _ => "undefined",
    };

    /// <summary>Analyzes a symmetric n×n matrix given row-major (it is symmetrized as (H + Hᵀ)/2).</summary>
    public static HessianAtPoint Analyze(ReadOnlySpan<double> rowMajor, int n, double relativeTolerance = DefaultRelativeTolerance)
    {
        if (n < 0 || rowMajor.Length != n * n)
            throw new NablaInputException($"a {n}x{n} matrix needs {n * n} entries, got {rowMajor.Length}");
        var copy = rowMajor.ToArray();
        foreach (var v in copy)
            if (!double.IsFinite(v))
                return new HessianAtPoint(n, copy, Enumerable.Repeat(double.NaN, n).ToArray(), Definiteness.Undefined,
                    Enumerable.Repeat(double.NaN, n).ToArray(), double.NaN, relativeTolerance);
        var m = Matrix<double>.Build.Dense(n, n, (i, j) => 0.5 * (copy[i * n + j] + copy[j * n + i]));
        double[] eig = n == 0 ? [] : m.Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).Order().ToArray();
        double maxAbs = eig.Length == 0 ? 0 : eig.Max(Math.Abs);
        double minAbs = eig.Length == 0 ? 0 : eig.Min(Math.Abs);
        double tol = relativeTolerance * maxAbs;
        bool anyPos = eig.Any(l => l > tol), anyNeg = eig.Any(l => l < -tol), anyZero = eig.Any(l => Math.Abs(l) <= tol);
        var def = anyPos && anyNeg ? Definiteness.Indefinite
            : anyPos && !anyZero ? Definiteness.PositiveDefinite
            : anyNeg && !anyZero ? Definiteness.NegativeDefinite
            : anyNeg ? Definiteness.NegativeSemidefinite
            : Definiteness.PositiveSemidefinite;   // includes the zero matrix, which is both
        var minors = new double[n];
        for (int k = 1; k <= n; k++) minors[k - 1] = m.SubMatrix(0, k, 0, k).Determinant();
        double cond = minAbs == 0 ? double.PositiveInfinity : maxAbs / minAbs;
        return new HessianAtPoint(n, copy, eig, def, minors, cond, relativeTolerance);
    }
}
