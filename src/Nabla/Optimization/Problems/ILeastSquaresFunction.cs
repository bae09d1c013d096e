namespace Nabla.Optimization.Problems;

/// <summary>
/// A sum of squares f(x) = Σ r_i(x)², written once over any <see cref="IScalar{T}"/> as its
/// residuals. It is both the scalar objective (<see cref="IScalarFunction"/>) and the residual
/// vector (<see cref="IVectorFunction"/>, for Levenberg-Marquardt and Gauss-Newton).
/// </summary>
public interface ILeastSquaresFunction : IScalarFunction, IVectorFunction
{
    /// <summary>Number of variables n.</summary>
    int Dimension { get; }

    /// <summary>Number of residuals m.</summary>
    int ResidualCount { get; }

    /// <summary>The residual r_i (0-based index i).</summary>
    T Residual<T>(ReadOnlySpan<T> x, int i) where T : IScalar<T>;
}

/// <summary>Shared bodies of the <see cref="ILeastSquaresFunction"/> members, so each problem only writes its residuals.</summary>
public static class LeastSquares
{
    /// <summary>Σ r_i(x)² with the residuals of <paramref name="function"/>.</summary>
    public static T SumOfSquares<TF, T>(in TF function, ReadOnlySpan<T> x)
        where TF : struct, ILeastSquaresFunction
        where T : IScalar<T>
    {
        CheckLength(function.Dimension, x.Length);
        var sum = T.Zero;
        int m = function.ResidualCount;
        for (int i = 0; i < m; i++)
        {
            var r = function.Residual(x, i);
            sum += r * r;
        }
        return sum;
    }

    /// <summary>Writes the residual vector r(x) into <paramref name="y"/> (length m).</summary>
    public static void Residuals<TF, T>(in TF function, ReadOnlySpan<T> x, Span<T> y)
        where TF : struct, ILeastSquaresFunction
        where T : IScalar<T>
    {
        CheckLength(function.Dimension, x.Length);
        int m = function.ResidualCount;
        if (y.Length != m)
            throw new NablaInputException($"residual vector has length {y.Length}, expected m = {m}");
        for (int i = 0; i < m; i++)
            y[i] = function.Residual(x, i);
    }

    private static void CheckLength(int n, int length)
    {
        if (length != n)
            throw new NablaInputException($"point has {length} coordinates, the problem has n = {n} variables");
    }
}
