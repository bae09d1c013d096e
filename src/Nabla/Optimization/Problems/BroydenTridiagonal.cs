namespace Nabla.Optimization.Problems;

/// <summary>MGH 30, Broyden tridiagonal (m = n): r_i = (3 − 2x_i)x_i − x_(i−1) − 2x_(i+1) + 1, x_0 = x_(n+1) = 0.</summary>
public readonly struct BroydenTridiagonal : ILeastSquaresFunction
{
    private readonly int _n;

    public BroydenTridiagonal(int n)
    {
        if (n < 1 || n > int.MaxValue)
            throw new NablaInputException($"BroydenTridiagonal: n = {n} is not allowed (need 1 ≤ n)");
        _n = n;
    }

    public int Dimension => _n;
    public int ResidualCount => _n;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        var r = (3.0 - T.Constant(2) * x[i]) * x[i] + 1.0;
        if (i > 0)
            r -= x[i - 1];
        if (i < _n - 1)
            r -= T.Constant(2) * x[i + 1];
        return r;
    }
}
