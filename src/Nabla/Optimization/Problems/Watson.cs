namespace Nabla.Optimization.Problems;

/// <summary>MGH 20, Watson (2 ≤ n ≤ 31, m = 31): r_i = Σ_{j≥2} (j − 1)x_j t_i^(j−2) − (Σ_j x_j t_i^(j−1))² − 1, t_i = i/29 (i ≤ 29), r30 = x1, r31 = x2 − x1² − 1.</summary>
public readonly struct Watson : ILeastSquaresFunction
{
    private readonly int _n;

    public Watson(int n)
    {
        if (n < 2 || n > 31)
            throw new NablaInputException($"Watson: n = {n} is not allowed (need 2 ≤ n ≤ 31)");
        _n = n;
    }

    public int Dimension => _n;
    public int ResidualCount => 31;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        if (i == 29)
            return x[0];
        if (i == 30)
            return x[1] - x[0] * x[0] - 1.0;
        double t = (i + 1) / 29.0;
        var sum1 = T.Zero;
        var sum2 = T.Zero;
        double power = 1; // t^(j-1) for 0-based j
        for (int j = 0; j < _n; j++)
        {
            if (j > 0)
                sum1 += j * power / t * x[j];
            sum2 += power * x[j];
            power *= t;
        }
        return sum1 - sum2 * sum2 - 1.0;
    }
}
