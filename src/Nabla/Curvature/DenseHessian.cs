using MathNet.Numerics.LinearAlgebra;

namespace Nabla.Curvature;

/// <summary>
/// The dense Hessian assembled column by column from n Hessian-vector products (H e_i), and its
/// eigen-decomposition: the reference the iterative solvers are verified against on small models.
/// </summary>
public static class DenseHessian
{
    /// <summary>Largest n accepted (n² doubles = 200 MB).</summary>
    public const int MaxDimension = 5000;

    /// <summary>Row-major n×n matrix, symmetrised as (H + Hᵀ)/2 to remove rounding asymmetry.</summary>
    public static double[] Build(ISymmetricOperator op, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(op);
        int n = op.Dimension;
        if (n > MaxDimension)
            throw new NablaInputException($"dense Hessian: dimension {n} exceeds the limit {MaxDimension} (use Lanczos, Hutchinson or the spectral density instead)");
        var h = new double[(long)n * n];
        var e = new double[n];
        var col = new double[n];
        for (int j = 0; j < n; j++)
        {
            e[j] = 1;
            op.Apply(e, col);
            e[j] = 0;
            for (int i = 0; i < n; i++)
                h[(long)i * n + j] = col[i];
            progress?.Report(j + 1);
        }
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                double s = 0.5 * (h[(long)i * n + j] + h[(long)j * n + i]);
                h[(long)i * n + j] = s;
                h[(long)j * n + i] = s;
            }
        return h;
    }

    /// <summary>All eigenvalues of a dense symmetric matrix (row-major), ascending.</summary>
    public static double[] Eigenvalues(double[] matrix, int n)
    {
        if (matrix.Length != (long)n * n)
            throw new NablaInputException($"dense Hessian: expected {(long)n * n} entries for n = {n}, got {matrix.Length}");
        var m = Matrix<double>.Build.Dense(n, n, matrix); // column-major read of a symmetric matrix: same matrix
        var values = m.Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).ToArray();
        Array.Sort(values);
        return values;
    }
}
