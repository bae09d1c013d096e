namespace Nabla.Optimization.Problems;

/// <summary>MGH 19, Osborne 2: r_i = y_i − (x1 e^(−t_i x5) + x2 e^(−(t_i − x9)² x6) + x3 e^(−(t_i − x10)² x7) + x4 e^(−(t_i − x11)² x8)), t_i = (i − 1)/10.</summary>
public readonly struct Osborne2 : ILeastSquaresFunction
{
    public int Dimension => 11;
    public int ResidualCount => 65;
    public int OutputLength(int inputLength) => ResidualCount;
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => LeastSquares.SumOfSquares(this, x);
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T> => LeastSquares.Residuals(this, x, y);

    public T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>
    {
        ReadOnlySpan<double> y = [1.366, 1.191, 1.112, 1.013, 0.991, 0.885, 0.831, 0.847, 0.786, 0.725, 0.746, 0.679, 0.608, 0.655, 0.616, 0.606,
            0.602, 0.626, 0.651, 0.724, 0.649, 0.649, 0.694, 0.644, 0.624, 0.661, 0.612, 0.558, 0.533, 0.495, 0.500, 0.423, 0.395, 0.375,
            0.372, 0.391, 0.396, 0.405, 0.428, 0.429, 0.523, 0.562, 0.607, 0.653, 0.672, 0.708, 0.633, 0.668, 0.645, 0.632, 0.591, 0.559,
            0.597, 0.625, 0.739, 0.710, 0.729, 0.720, 0.636, 0.581, 0.428, 0.292, 0.162, 0.098, 0.054];
        double t = i / 10.0;
        var d9 = t - x[8];
        var d10 = t - x[9];
        var d11 = t - x[10];
        return y[i] - (x[0] * T.Exp(-t * x[4]) + x[1] * T.Exp(-d9 * d9 * x[5]) + x[2] * T.Exp(-d10 * d10 * x[6]) + x[3] * T.Exp(-d11 * d11 * x[7]));
    }
}
