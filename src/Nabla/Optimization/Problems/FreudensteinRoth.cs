namespace Nabla.Optimization.Problems;

/// <summary>MGH 2, Freudenstein and Roth: r1 = −13 + x1 + ((5 − x2)x2 − 2)x2, r2 = −29 + x1 + ((x2 + 1)x2 − 14)x2.</summary>
public readonly struct FreudensteinRoth : ILeastSquaresFunction
{
    public int Dimension => 2;
    public int ResidualCount => 2;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        var x2 = x[1];
        return i == 0
            ? x[0] - 13.0 + ((5.0 - x2) * x2 - 2.0) * x2
            : x[0] - 29.0 + ((x2 + 1.0) * x2 - 14.0) * x2;
    }
}
