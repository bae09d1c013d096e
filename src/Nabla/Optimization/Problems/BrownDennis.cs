namespace Nabla.Optimization.Problems;

/// <summary>MGH 16, Brown and Dennis (m = 20): r_i = (x1 + t_i x2 − exp t_i)² + (x3 + x4 sin t_i − cos t_i)², t_i = i/5.</summary>
public readonly struct BrownDennis : ILeastSquaresFunction
{
    public int Dimension => 4;
    public int ResidualCount => 20;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        double t = (i + 1) / 5.0;
        var a = x[0] + t * x[1] - Math.Exp(t);
        var b = x[2] + Math.Sin(t) * x[3] - Math.Cos(t);
        return a * a + b * b;
    }
}
