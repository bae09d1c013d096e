using MathNet.Numerics.LinearAlgebra;

namespace Nabla.Tests.Curvature;

/// <summary>Dense symmetric matrices Q diag(λ) Qᵀ with a chosen spectrum and a random orthogonal Q.</summary>
internal static class TestMatrices
{
    public static double[] WithSpectrum(double[] eigenvalues, int seed)
    {
        int n = eigenvalues.Length;
        var rng = new Random(seed);
        var g = Matrix<double>.Build.Dense(n, n, (_, _) => Normal(rng));
        var q = g.QR().Q;
        var a = q * Matrix<double>.Build.DenseOfDiagonalArray(eigenvalues) * q.Transpose();
        var flat = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                flat[i * n + j] = 0.5 * (a[i, j] + a[j, i]);
        return flat;
    }

    /// <summary>Eigenvalues of a dense symmetric matrix by MathNet, ascending.</summary>
    public static double[] Eigenvalues(double[] a, int n)
    {
        var m = Matrix<double>.Build.Dense(n, n, (i, j) => a[i * n + j]);
        return m.Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).OrderBy(x => x).ToArray();
    }

    public static double Normal(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public static double[] RandomSpectrum(Random rng, int n, double lo, double hi)
    {
        var l = new double[n];
        for (int i = 0; i < n; i++)
            l[i] = lo + (hi - lo) * rng.NextDouble();
        return l;
    }
}
