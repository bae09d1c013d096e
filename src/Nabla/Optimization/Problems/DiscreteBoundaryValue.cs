namespace Nabla.Optimization.Problems;

/// <summary>MGH 28, discrete boundary value (m = n): r_i = 2x_i − x_(i−1) − x_(i+1) + h²(x_i + t_i + 1)³/2, h = 1/(n + 1), t_i = ih, x_0 = x_(n+1) = 0.</summary>
public readonly struct DiscreteBoundaryValue : ILeastSquaresFunction
{
    private readonly int _n;

    public DiscreteBoundaryValue(int n)
    {
        if (n < 1 || n > int.MaxValue)
            throw new NablaInputException($"DiscreteBoundaryValue: n = {n} is not allowed (need 1 ≤ n)");
        _n = n;
    }

    public int Dimension => _n;
    public int ResidualCount => _n;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        double h = 1.0 / (_n + 1);
        double t = (i + 1) * h;
        var c = x[i] + t + 1.0;
        var r = T.Constant(2) * x[i] + h * h * c * c * c / 2.0;
        if (i > 0)
            r -= x[i - 1];
        if (i < _n - 1)
            r -= x[i + 1];
        return r;
    }
}
