namespace Nabla.Optimization.Problems;

/// <summary>MGH 21, extended Rosenbrock (n even): r_(2i−1) = 10(x_(2i) − x_(2i−1)²), r_(2i) = 1 − x_(2i−1).</summary>
public readonly struct ExtendedRosenbrock : ILeastSquaresFunction
{
    private readonly int _n;

    public ExtendedRosenbrock(int n)
    {
        if (n < 2 || n > int.MaxValue || n % 2 != 0)
            throw new NablaInputException($"ExtendedRosenbrock: n = {n} is not allowed (need 2 ≤ n, n even)");
        _n = n;
    }

    public int Dimension => _n;
    public int ResidualCount => _n;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        int k = i & ~1;
        return (i & 1) == 0 ? T.Constant(10) * (x[k + 1] - x[k] * x[k]) : T.One - x[k];
    }
}
