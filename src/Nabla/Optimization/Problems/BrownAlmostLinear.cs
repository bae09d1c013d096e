namespace Nabla.Optimization.Problems;

/// <summary>MGH 27, Brown almost-linear (m = n): r_i = x_i + Σ x_j − (n + 1) (i &lt; n), r_n = Π x_j − 1.</summary>
public readonly struct BrownAlmostLinear : ILeastSquaresFunction
{
    private readonly int _n;

    public BrownAlmostLinear(int n)
    {
        if (n < 1 || n > int.MaxValue)
            throw new NablaInputException($"BrownAlmostLinear: n = {n} is not allowed (need 1 ≤ n)");
        _n = n;
    }

    public int Dimension => _n;
    public int ResidualCount => _n;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        if (i < _n - 1)
        {
            var sum = T.Zero;
            for (int j = 0; j < _n; j++)
                sum += x[j];
            return x[i] + sum - (double)(_n + 1);
        }
        var product = T.One;
        for (int j = 0; j < _n; j++)
            product *= x[j];
        return product - 1.0;
    }
}
