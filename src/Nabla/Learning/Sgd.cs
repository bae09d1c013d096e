using System.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Nabla.Learning;

/// <summary>Stochastic gradient descent with (heavy-ball) momentum as PyTorch defines it: v ← μv + g, θ ← θ - ηv.</summary>
public sealed class Sgd<T> : IOptimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] velocity = [];

    public Sgd(double learningRate, double momentum = 0.0)
    {
        if (!(learningRate > 0) || !double.IsFinite(learningRate)) throw new NablaInputException($"learning rate {learningRate} must be positive");
        if (!(momentum >= 0 && momentum < 1)) throw new NablaInputException($"momentum {momentum} is outside [0, 1)");
        LearningRate = learningRate;
        Momentum = momentum;
    }

    public string Name => "sgd";
    public double LearningRate { get; set; }
    public double Momentum { get; }

    public void Step(Span<T> parameters, ReadOnlySpan<T> gradient)
    {
        T lr = T.CreateTruncating(-LearningRate);
        if (Momentum == 0)
        {
            TP.MultiplyAdd(gradient, lr, parameters, parameters);
            return;
        }
        if (velocity.Length != parameters.Length) velocity = new T[parameters.Length];
        TP.MultiplyAdd(velocity, T.CreateTruncating(Momentum), gradient, velocity);
        TP.MultiplyAdd(velocity, lr, parameters, parameters);
    }

    public void Reset() => velocity = [];
}
