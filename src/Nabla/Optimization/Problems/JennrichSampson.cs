namespace Nabla.Optimization.Problems;

/// <summary>MGH 6, Jennrich and Sampson (m = 10): r_i = 2 + 2i − (exp(i·x1) + exp(i·x2)).</summary>
public readonly struct JennrichSampson : ILeastSquaresFunction
{
    public int Dimension => 2;
    public int ResidualCount => 10;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        double k = i + 1;
        return 2.0 + 2.0 * k - (T.Exp(k * x[0]) + T.Exp(k * x[1]));
    }
}
