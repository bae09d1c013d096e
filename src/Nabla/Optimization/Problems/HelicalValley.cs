namespace Nabla.Optimization.Problems;

/// <summary>MGH 7, helical valley: r1 = 10(x3 − 10θ(x1, x2)), r2 = 10(√(x1² + x2²) − 1), r3 = x3, with θ = atan(x2/x1)/2π (+ ½ if x1 &lt; 0), as MINPACK.</summary>
public readonly struct HelicalValley : ILeastSquaresFunction
{
    public int Dimension => 3;
    public int ResidualCount => 3;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        switch (i)
        {
            case 0:
                T theta;
                if (x[0] > T.Zero)
                    theta = T.Atan(x[1] / x[0]) / (2 * Math.PI);
                else if (x[0] < T.Zero)
                    theta = T.Atan(x[1] / x[0]) / (2 * Math.PI) + 0.5;
                else
                    theta = T.Constant(x[1].Value >= 0 ? 0.25 : -0.25);
                return T.Constant(10) * (x[2] - T.Constant(10) * theta);
            case 1:
                return T.Constant(10) * (T.Sqrt(x[0] * x[0] + x[1] * x[1]) - 1.0);
            default:
                return x[2];
        }
    }
}
