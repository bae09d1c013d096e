namespace Nabla.Optimization.Problems;

/// <summary>MGH 8, Bard: r_i = y_i − (x1 + u_i/(v_i x2 + w_i x3)), u_i = i, v_i = 16 − i, w_i = min(u_i, v_i).</summary>
public readonly struct Bard : ILeastSquaresFunction
{
    public int Dimension => 3;
    public int ResidualCount => 15;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        ReadOnlySpan<double> y = [0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39, 0.37, 0.58, 0.73, 0.96, 1.34, 2.10, 4.39];
        double u = i + 1, v = 16 - u, w = Math.Min(u, v);
        return y[i] - (x[0] + u / (v * x[1] + w * x[2]));
    }
}
