using System.Numerics;

namespace Nabla.Learning;

/// <summary>Updates a flat parameter vector from its gradient; state (momentum, moments) is kept between steps.</summary>
public interface IOptimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    string Name { get; }
    double LearningRate { get; set; }
    void Step(Span<T> parameters, ReadOnlySpan<T> gradient);
    void Reset();
}

public static class Optimizers
{
    /// <summary>"sgd" (with <paramref name="momentum"/>) or "adam".</summary>
    public static IOptimizer<T> Create<T>(string name, double learningRate, double momentum = 0.0) where T : unmanaged, IFloatingPointIeee754<T> =>
        name.Trim().ToLowerInvariant() switch
        {
            "sgd" => new Sgd<T>(learningRate, momentum),
            "adam" => new Adam<T>(learningRate),
            _ => throw new NablaInputException($"unknown optimizer '{name}' (expected sgd or adam)"),
        };
}
