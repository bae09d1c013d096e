namespace Nabla.Optimization.Problems;

/// <summary>MGH 3, Powell badly scaled: r1 = 10⁴x1x2 − 1, r2 = exp(−x1) + exp(−x2) − 1.0001.</summary>
public readonly struct PowellBadlyScaled : ILeastSquaresFunction
{
    public int Dimension => 2;
    public int ResidualCount => 2;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        return i == 0
            ? T.Constant(1e4) * x[0] * x[1] - 1.0
            : T.Exp(-x[0]) + T.Exp(-x[1]) - 1.0001;
    }
}
