namespace Nabla.Optimization.Problems;

/// <summary>MGH 25, variably dimensioned (m = n + 2): r_i = x_i − 1, r_(n+1) = Σ j(x_j − 1), r_(n+2) = (Σ j(x_j − 1))².</summary>
public readonly struct VariablyDimensioned : ILeastSquaresFunction
{
    private readonly int _n;

    public VariablyDimensioned(int n)
    {
        if (n < 1 || n > int.MaxValue)
            throw new NablaInputException($"VariablyDimensioned: n = {n} is not allowed (need 1 ≤ n)");
        _n = n;
    }

    public int Dimension => _n;
    public int ResidualCount => _n + 2;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        if (i < _n)
            return x[i] - 1.0;
        var sum = T.Zero;
        for (int j = 0; j < _n; j++)
            sum += (double)(j + 1) * (x[j] - 1.0);
        return i == _n ? sum : sum * sum;
    }
}
