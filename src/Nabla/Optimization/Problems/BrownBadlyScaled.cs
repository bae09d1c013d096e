namespace Nabla.Optimization.Problems;

/// <summary>MGH 4, Brown badly scaled: r1 = x1 − 10⁶, r2 = x2 − 2·10⁻⁶, r3 = x1x2 − 2.</summary>
public readonly struct BrownBadlyScaled : ILeastSquaresFunction
{
    public int Dimension => 2;
    public int ResidualCount => 3;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        return i switch
        {
            0 => x[0] - 1e6,
            1 => x[1] - 2e-6,
            _ => x[0] * x[1] - 2.0,
        };
    }
}
