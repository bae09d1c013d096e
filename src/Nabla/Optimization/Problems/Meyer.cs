namespace Nabla.Optimization.Problems;

/// <summary>MGH 10, Meyer: r_i = x1 exp(x2/(t_i + x3)) − y_i, t_i = 45 + 5i.</summary>
public readonly struct Meyer : ILeastSquaresFunction
{
    public int Dimension => 3;
    public int ResidualCount => 16;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        ReadOnlySpan<double> y = [34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744, 8261, 7030, 6005, 5147, 4427, 3820, 3307, 2872];
        double t = 45.0 + 5.0 * (i + 1);
        return x[0] * T.Exp(x[1] / (t + x[2])) - y[i];
    }
}
