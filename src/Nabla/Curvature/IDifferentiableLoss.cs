namespace Nabla.Curvature;

/// <summary>
/// A scalar loss f(θ) with its gradient: what Keskar's sharpness and the loss-landscape tools
/// need. A training loss of the Learning layer, a formula or any C# function can provide it.
/// </summary>
public interface IDifferentiableLoss
{
    /// <summary>Number of parameters n.</summary>
    int Dimension { get; }

    /// <summary>f(θ).</summary>
    double Value(ReadOnlySpan<double> theta);

    /// <summary>f(θ), writing ∇f(θ) into <paramref name="gradient"/>.</summary>
    double ValueAndGradient(ReadOnlySpan<double> theta, Span<double> gradient);
}

/// <summary>f(θ) as a delegate.</summary>
public delegate double LossValue(ReadOnlySpan<double> theta);

/// <summary>f(θ) and ∇f(θ) as a delegate.</summary>
public delegate double LossValueAndGradient(ReadOnlySpan<double> theta, Span<double> gradient);

/// <summary>Adapters to <see cref="IDifferentiableLoss"/>.</summary>
public static class DifferentiableLoss
{
    public static IDifferentiableLoss FromDelegates(int dimension, LossValueAndGradient valueAndGradient, LossValue? value = null)
    {
        if (dimension < 1)
            throw new NablaInputException($"loss dimension must be at least 1 (got {dimension})");
        ArgumentNullException.ThrowIfNull(valueAndGradient);
        return new DelegateLoss(dimension, valueAndGradient, value);
    }

    private sealed class DelegateLoss(int dimension, LossValueAndGradient valueAndGradient, LossValue? value) : IDifferentiableLoss
    {
        public int Dimension => dimension;

        public double Value(ReadOnlySpan<double> theta)
        {
            if (value is not null)
                return value(theta);
            var g = new double[dimension];
            return valueAndGradient(theta, g);
        }

        public double ValueAndGradient(ReadOnlySpan<double> theta, Span<double> gradient) => valueAndGradient(theta, gradient);
    }
}
