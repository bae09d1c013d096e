namespace Nabla.Curvature;

/// <summary>
/// A symmetric linear operator known only through its action: typically v ↦ H v for the Hessian H
/// of a loss (a Hessian-vector product). Every solver in this layer needs nothing more, so it
/// serves networks, formulas and C# functions alike.
/// </summary>
public interface ISymmetricOperator
{
    /// <summary>The dimension n (H is n×n).</summary>
    int Dimension { get; }

    /// <summary>Writes H v into <paramref name="hv"/>; both have length <see cref="Dimension"/>.</summary>
    void Apply(ReadOnlySpan<double> v, Span<double> hv);
}

/// <summary>A Hessian-vector product as a delegate: writes H v into <paramref name="hv"/>.</summary>
public delegate void HessianVectorProduct(ReadOnlySpan<double> v, Span<double> hv);

/// <summary>Adapters that turn delegates and dense matrices into <see cref="ISymmetricOperator"/>.</summary>
public static class SymmetricOperator
{
    /// <summary>An operator of dimension <paramref name="dimension"/> given by a Hessian-vector product.</summary>
    public static ISymmetricOperator FromDelegate(int dimension, HessianVectorProduct apply)
    {
        if (dimension < 1)
            throw new NablaInputException($"operator dimension must be at least 1 (got {dimension})");
        ArgumentNullException.ThrowIfNull(apply);
        return new DelegateOperator(dimension, apply);
    }

    /// <summary>A dense symmetric n×n matrix, row-major (only its symmetry is assumed, not checked beyond the shape).</summary>
    public static ISymmetricOperator FromDense(double[] matrix, int n) => new DenseSymmetricOperator(matrix, n);

    private sealed class DelegateOperator(int dimension, HessianVectorProduct apply) : ISymmetricOperator
    {
        public int Dimension => dimension;
        public void Apply(ReadOnlySpan<double> v, Span<double> hv) => apply(v, hv);
    }
}

/// <summary>A dense symmetric matrix (row-major) as an operator; for tests, verification and small problems.</summary>
public sealed class DenseSymmetricOperator : ISymmetricOperator
{
    private readonly double[] _a;

    public DenseSymmetricOperator(double[] matrix, int n)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (n < 1 || matrix.Length != (long)n * n)
            throw new NablaInputException($"dense operator: expected an {n}×{n} matrix ({(long)n * n} entries), got {matrix.Length} entries");
        _a = matrix;
        Dimension = n;
    }

    public int Dimension { get; }

    public void Apply(ReadOnlySpan<double> v, Span<double> hv)
    {
        int n = Dimension;
        for (int i = 0; i < n; i++)
            hv[i] = System.Numerics.Tensors.TensorPrimitives.Dot(new ReadOnlySpan<double>(_a, i * n, n), v);
    }
}
