namespace Nabla.Optimization.Problems;

/// <summary>MGH 9, Gaussian: r_i = x1 exp(−x2(t_i − x3)²/2) − y_i, t_i = (8 − i)/2.</summary>
public readonly struct Gaussian : ILeastSquaresFunction
{
    public int Dimension => 3;
    public int ResidualCount => 15;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        ReadOnlySpan<double> y = [0.0009, 0.0044, 0.0175, 0.0540, 0.1295, 0.2420, 0.3521, 0.3989, 0.3521, 0.2420, 0.1295, 0.0540, 0.0175, 0.0044, 0.0009];
        double t = (8.0 - (i + 1)) / 2.0;
        var d = t - x[2];
        return x[0] * T.Exp(-x[1] * d * d / 2.0) - y[i];
    }
}
