namespace Nabla.Optimization.Problems;

/// <summary>MGH 35, Chebyquad (m = n here): r_i = (1/n) Σ_j T_i(x_j) − ∫₀¹ T_i, T_i the Chebyshev polynomial shifted to [0, 1]; the integral is 0 for odd i and −1/(i² − 1) for even i.</summary>
public readonly struct Chebyquad : ILeastSquaresFunction
{
    private readonly int _n;

    public Chebyquad(int n)
    {
        if (n < 1 || n > int.MaxValue)
            throw new NablaInputException($"Chebyquad: n = {n} is not allowed (need 1 ≤ n)");
        _n = n;
    }

    public int Dimension => _n;
    public int ResidualCount => _n;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        int k = i + 1;
        var sum = T.Zero;
        for (int j = 0; j < _n; j++)
        {
            // T_0 = 1, T_1 = y, T_(k+1) = 2y T_k − T_(k−1), with y = 2x − 1.
            var y = T.Constant(2) * x[j] - 1.0;
            var previous = T.One;
            var current = y;
            for (int p = 1; p < k; p++)
            {
                var next = T.Constant(2) * y * current - previous;
                previous = current;
                current = next;
            }
            sum += current;
        }
        double integral = k % 2 == 1 ? 0.0 : -1.0 / ((double)k * k - 1.0);
        return sum / (double)_n - integral;
    }
}
