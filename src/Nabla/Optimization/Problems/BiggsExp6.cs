namespace Nabla.Optimization.Problems;

/// <summary>MGH 18, Biggs EXP6 (m = 13): r_i = x3 exp(−t_i x1) − x4 exp(−t_i x2) + x6 exp(−t_i x5) − y_i, t_i = 0.1i, y_i = exp(−t_i) − 5exp(−10t_i) + 3exp(−4t_i).</summary>
public readonly struct BiggsExp6 : ILeastSquaresFunction
{
    public int Dimension => 6;
    public int ResidualCount => 13;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        double t = 0.1 * (i + 1);
        double y = Math.Exp(-t) - 5 * Math.Exp(-10 * t) + 3 * Math.Exp(-4 * t);
        return x[2] * T.Exp(-t * x[0]) - x[3] * T.Exp(-t * x[1]) + x[5] * T.Exp(-t * x[4]) - y;
    }
}
