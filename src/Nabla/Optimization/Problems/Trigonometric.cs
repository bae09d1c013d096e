namespace Nabla.Optimization.Problems;

/// <summary>MGH 26, trigonometric (m = n): r_i = n − Σ cos x_j + i(1 − cos x_i) − sin x_i.</summary>
public readonly struct Trigonometric : ILeastSquaresFunction
{
    private readonly int _n;

    public Trigonometric(int n)
    {
        if (n < 1 || n > int.MaxValue)
            throw new NablaInputException($"Trigonometric: n = {n} is not allowed (need 1 ≤ n)");
        _n = n;
    }

    public int Dimension => _n;
    public int ResidualCount => _n;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        var sum = T.Zero;
        for (int j = 0; j < _n; j++)
            sum += T.Cos(x[j]);
        return (double)_n - sum + (double)(i + 1) * (T.One - T.Cos(x[i])) - T.Sin(x[i]);
    }
}
