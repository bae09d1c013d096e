namespace Nabla.Optimization.Problems;

/// <summary>MGH 24, penalty II (m = 2n): r1 = x1 − 0.2, r_i = √a(e^(x_i/10) + e^(x_(i−1)/10) − y_i) (2 ≤ i ≤ n), r_i = √a(e^(x_(i−n+1)/10) − e^(−1/10)) (n &lt; i &lt; 2n), r_2n = Σ (n − j + 1)x_j² − 1, a = 10⁻⁵, y_i = e^(i/10) + e^((i−1)/10).</summary>
public readonly struct PenaltyII : ILeastSquaresFunction
{
    private readonly int _n;

    public PenaltyII(int n)
    {
        if (n < 1 || n > int.MaxValue)
            throw new NablaInputException($"PenaltyII: n = {n} is not allowed (need 1 ≤ n)");
        _n = n;
    }

    public int Dimension => _n;
    public int ResidualCount => 2 * _n;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        double sqrtA = Math.Sqrt(1e-5);
        int k = i + 1; // 1-based as in the paper
        if (k == 1)
            return x[0] - 0.2;
        if (k <= _n)
        {
            double y = Math.Exp(k / 10.0) + Math.Exp((k - 1) / 10.0);
            return sqrtA * (T.Exp(x[k - 1] / 10.0) + T.Exp(x[k - 2] / 10.0) - y);
        }
        if (k < 2 * _n)
            return sqrtA * (T.Exp(x[k - _n] / 10.0) - Math.Exp(-0.1));
        var sum = T.Zero;
        for (int j = 0; j < _n; j++)
            sum += (double)(_n - j) * x[j] * x[j];
        return sum - 1.0;
    }
}
