namespace Nabla.Optimization;

/// <summary>Box constraints lo_i ≤ x_i ≤ hi_i; infinite entries mean no bound.</summary>
public sealed class Bounds
{
    private readonly double[] _lower;
    private readonly double[] _upper;

    public Bounds(double[] lower, double[] upper)
    {
        if (lower.Length != upper.Length)
            throw new NablaInputException($"bounds: {lower.Length} lower and {upper.Length} upper values");
        for (int i = 0; i < lower.Length; i++)
        {
            if (double.IsNaN(lower[i]) || double.IsNaN(upper[i]))
                throw new NablaInputException($"bounds: entry {i + 1} is NaN");
            if (lower[i] > upper[i])
                throw new NablaInputException($"bounds: entry {i + 1} has lower bound {lower[i]} above upper bound {upper[i]}");
        }
        _lower = (double[])lower.Clone();
        _upper = (double[])upper.Clone();
    }

    /// <summary>No bounds on any of <paramref name="dimension"/> variables.</summary>
    public static Bounds Unbounded(int dimension)
    {
        var lo = new double[dimension];
        var hi = new double[dimension];
        Array.Fill(lo, double.NegativeInfinity);
        Array.Fill(hi, double.PositiveInfinity);
        return new Bounds(lo, hi);
    }

    public int Dimension => _lower.Length;
    public ReadOnlySpan<double> Lower => _lower;
    public ReadOnlySpan<double> Upper => _upper;

    /// <summary>Whether every bound is infinite.</summary>
    public bool IsUnbounded
    {
        get
        {
            for (int i = 0; i < _lower.Length; i++)
                if (!double.IsNegativeInfinity(_lower[i]) || !double.IsPositiveInfinity(_upper[i]))
                    return false;
            return true;
        }
    }

    /// <summary>Clips x into the box, in place.</summary>
    public void Project(Span<double> x)
    {
        for (int i = 0; i < x.Length; i++)
            x[i] = Math.Clamp(x[i], _lower[i], _upper[i]);
    }

    public bool Contains(ReadOnlySpan<double> x)
    {
        for (int i = 0; i < x.Length; i++)
            if (x[i] < _lower[i] || x[i] > _upper[i])
                return false;
        return true;
    }
}
