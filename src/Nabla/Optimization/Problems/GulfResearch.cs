namespace Nabla.Optimization.Problems;

/// <summary>MGH 11, Gulf research and development (m = 99): r_i = exp(−|y_i − x2|^x3 / x1) − t_i, t_i = i/100, y_i = 25 + (−50 ln t_i)^(2/3); |y_i − x2| as MINPACK (the paper prints a misprint).</summary>
public readonly struct GulfResearch : ILeastSquaresFunction
{
    // y_i = 25 + (−50 ln t_i)^(2/3), computed once.
    private static readonly double[] Y = Enumerable.Range(1, 99).Select(i => 25.0 + Math.Pow(-50.0 * Math.Log(i / 100.0), 2.0 / 3.0)).ToArray();

    public int Dimension => 3;
    public int ResidualCount => 99;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        double t = (i + 1) / 100.0;
        return T.Exp(-T.Pow(T.Abs(Y[i] - x[1]), x[2]) / x[0]) - t;
    }
}
