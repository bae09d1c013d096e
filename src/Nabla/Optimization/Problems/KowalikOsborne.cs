namespace Nabla.Optimization.Problems;

/// <summary>MGH 15, Kowalik and Osborne: r_i = y_i − x1(u_i² + u_i x2)/(u_i² + u_i x3 + x4).</summary>
public readonly struct KowalikOsborne : ILeastSquaresFunction
{
    public int Dimension => 4;
    public int ResidualCount => 11;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        ReadOnlySpan<double> y = [0.1957, 0.1947, 0.1735, 0.1600, 0.0844, 0.0627, 0.0456, 0.0342, 0.0323, 0.0235, 0.0246];
        ReadOnlySpan<double> u = [4, 2, 1, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625];
        double ui = u[i];
        return y[i] - x[0] * (ui * ui + ui * x[1]) / (ui * ui + ui * x[2] + x[3]);
    }
}
