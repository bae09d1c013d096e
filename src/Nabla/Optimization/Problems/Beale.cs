namespace Nabla.Optimization.Problems;

/// <summary>MGH 5, Beale: r_i = y_i − x1(1 − x2^i), y = (1.5, 2.25, 2.625).</summary>
public readonly struct Beale : ILeastSquaresFunction
{
    public int Dimension => 2;
    public int ResidualCount => 3;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        double y = i switch { 0 => 1.5, 1 => 2.25, _ => 2.625 };
        return y - x[0] * (T.One - T.Pow(x[1], i + 1));
    }
}
