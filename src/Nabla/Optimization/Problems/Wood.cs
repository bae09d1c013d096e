namespace Nabla.Optimization.Problems;

/// <summary>MGH 14, Wood: r = (10(x2 − x1²), 1 − x1, √90(x4 − x3²), 1 − x3, √10(x2 + x4 − 2), (x2 − x4)/√10).</summary>
public readonly struct Wood : ILeastSquaresFunction
{
    public int Dimension => 4;
    public int ResidualCount => 6;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        return i switch
        {
            0 => T.Constant(10) * (x[1] - x[0] * x[0]),
            1 => T.One - x[0],
            2 => T.Constant(Math.Sqrt(90)) * (x[3] - x[2] * x[2]),
            3 => T.One - x[2],
            4 => T.Constant(Math.Sqrt(10)) * (x[1] + x[3] - 2.0),
            _ => (x[1] - x[3]) / Math.Sqrt(10),
        };
    }
}
