using System.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Nabla.Learning;

/// <summary>
/// Adam (Kingma and Ba 2015) as in PyTorch: m ← β₁m + (1-β₁)g, v ← β₂v + (1-β₂)g²,
/// θ ← θ - η (m/(1-β₁ᵗ)) / (√(v/(1-β₂ᵗ)) + ε). Vectorized on the flat vector, no allocation per step.
/// </summary>
public sealed class Adam<T> : IOptimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] m = [], v = [], scratch = [];
    private int t;

    public Adam(double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        if (!(learningRate > 0) || !double.IsFinite(learningRate)) throw new NablaInputException($"learning rate {learningRate} must be positive");
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) throw new NablaInputException($"Adam betas ({beta1}, {beta2}) must be in [0, 1)");
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    public string Name => "adam";
    public double LearningRate { get; set; }
    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Epsilon { get; }

    public void Step(Span<T> parameters, ReadOnlySpan<T> gradient)
    {
        int n = parameters.Length;
        if (m.Length != n) { m = new T[n]; v = new T[n]; scratch = new T[n]; t = 0; }
        t++;
        TP.Lerp(m, gradient, T.CreateTruncating(1 - Beta1), m);
        TP.Multiply(gradient, gradient, scratch);
        TP.Lerp(v, scratch, T.CreateTruncating(1 - Beta2), v);
        double bc1 = 1 - Math.Pow(Beta1, t), bc2 = 1 - Math.Pow(Beta2, t);
        TP.Sqrt(v, scratch);
        TP.Multiply(scratch, T.CreateTruncating(1 / Math.Sqrt(bc2)), scratch);
        TP.Add(scratch, T.CreateTruncating(Epsilon), scratch);
        TP.Divide(m, scratch, scratch);
        TP.MultiplyAdd(scratch, T.CreateTruncating(-LearningRate / bc1), parameters, parameters);
    }

    public void Reset() { m = []; v = []; scratch = []; t = 0; }
}
