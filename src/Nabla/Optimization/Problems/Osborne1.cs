namespace Nabla.Optimization.Problems;

/// <summary>MGH 17, Osborne 1: r_i = y_i − (x1 + x2 exp(−t_i x4) + x3 exp(−t_i x5)), t_i = 10(i − 1).</summary>
public readonly struct Osborne1 : ILeastSquaresFunction
{
    public int Dimension => 5;
    public int ResidualCount => 33;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        ReadOnlySpan<double> y = [0.844, 0.908, 0.932, 0.936, 0.925, 0.908, 0.881, 0.850, 0.818, 0.784, 0.751, 0.718, 0.685, 0.658, 0.628, 0.603, 0.580,
            0.558, 0.538, 0.522, 0.506, 0.490, 0.478, 0.467, 0.457, 0.448, 0.438, 0.431, 0.424, 0.420, 0.414, 0.411, 0.406];
        double t = 10.0 * i;
        return y[i] - (x[0] + x[1] * T.Exp(-t * x[3]) + x[2] * T.Exp(-t * x[4]));
    }
}
