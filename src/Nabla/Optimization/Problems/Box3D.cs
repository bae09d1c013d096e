namespace Nabla.Optimization.Problems;

/// <summary>MGH 12, Box three-dimensional (m = 10): r_i = exp(−t_i x1) − exp(−t_i x2) − x3(exp(−t_i) − exp(−10t_i)), t_i = 0.1i.</summary>
public readonly struct Box3D : ILeastSquaresFunction
{
    public int Dimension => 3;
    public int ResidualCount => 10;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        double t = 0.1 * (i + 1);
        return T.Exp(-t * x[0]) - T.Exp(-t * x[1]) - x[2] * (Math.Exp(-t) - Math.Exp(-10 * t));
    }
}
