using MathNet.Numerics.LinearAlgebra;

namespace Nabla.Curvature;

/// <summary>Eigenvalues (ascending) and eigenvectors of a small symmetric tridiagonal matrix.</summary>
internal sealed class TridiagonalEigen
{
    private TridiagonalEigen(double[] values, Matrix<double> vectors)
    {
        Values = values;
        Vectors = vectors;
    }

    public double[] Values { get; }
    /// <summary>Column i is the unit eigenvector of Values[i].</summary>
    public Matrix<double> Vectors { get; }

    public static TridiagonalEigen Compute(IReadOnlyList<double> alpha, IReadOnlyList<double> beta, int m)
    {
        var t = Matrix<double>.Build.Dense(m, m);
        for (int i = 0; i < m; i++)
        {
            t[i, i] = alpha[i];
            if (i + 1 < m)
            {
                t[i, i + 1] = beta[i];
                t[i + 1, i] = beta[i];
            }
        }
        var evd = t.Evd(Symmetricity.Symmetric);
        var values = new double[m];
        for (int i = 0; i < m; i++)
            values[i] = evd.EigenValues[i].Real;
        // MathNet returns ascending order for symmetric input; sort defensively with the vectors.
        var order = Enumerable.Range(0, m).OrderBy(i => values[i]).ToArray();
        var sortedValues = order.Select(i => values[i]).ToArray();
        var sortedVectors = Matrix<double>.Build.Dense(m, m, (r, c) => evd.EigenVectors[r, order[c]]);
        return new TridiagonalEigen(sortedValues, sortedVectors);
    }
}
