namespace Nabla.Optimization.Problems;

/// <summary>MGH 13, Powell singular: r = (x1 + 10x2, √5(x3 − x4), (x2 − 2x3)², √10(x1 − x4)²); the Hessian is singular at the minimizer 0.</summary>
public readonly struct PowellSingular : ILeastSquaresFunction
{
    public int Dimension => 4;
    public int ResidualCount => 4;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        switch (i)
        {
            case 0: return x[0] + T.Constant(10) * x[1];
            case 1: return T.Constant(Math.Sqrt(5)) * (x[2] - x[3]);
            case 2: { var d = x[1] - T.Constant(2) * x[2]; return d * d; }
            default: { var d = x[0] - x[3]; return T.Constant(Math.Sqrt(10)) * d * d; }
        }
    }
}
