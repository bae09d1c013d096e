namespace Nabla.Optimization.Problems;

/// <summary>MGH 1, Rosenbrock: r1 = 10(x2 − x1²), r2 = 1 − x1.</summary>
public readonly struct Rosenbrock : ILeastSquaresFunction
{
    public int Dimension => 2;
    public int ResidualCount => 2;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        return i == 0 ? T.Constant(10) * (x[1] - x[0] * x[0]) : T.One - x[0];
    }
}
