namespace Nabla.Optimization.Problems;

/// <summary>MGH 23, penalty I (m = n + 1): r_i = √(10⁻⁵)(x_i − 1), r_(n+1) = Σ x_j² − 1/4.</summary>
public readonly struct PenaltyI : ILeastSquaresFunction
{
    private readonly int _n;

    public PenaltyI(int n)
    {
        if (n < 1 || n > int.MaxValue)
            throw new NablaInputException($"PenaltyI: n = {n} is not allowed (need 1 ≤ n)");
        _n = n;
    }

    public int Dimension => _n;
    public int ResidualCount => _n + 1;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        if (i < _n)
            return Math.Sqrt(1e-5) * (x[i] - 1.0);
        var sum = T.Zero;
        for (int j = 0; j < _n; j++)
            sum += x[j] * x[j];
        return sum - 0.25;
    }
}
