using System.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Nabla.Tensors;

/// <summary>Elementwise activation functions of neural-network layers.</summary>
public enum Activation
{
    Identity,
    Tanh,
    Relu,
    Sigmoid,
    /// <summary>log(1 + e^x).</summary>
    Softplus,
    /// <summary>Exact GELU x Φ(x) (PyTorch's default, not the tanh approximation).</summary>
    Gelu,
}

/// <summary>
/// Span kernels of the activations: value and first derivative, allocation-free (the training
/// loop's fast path). The differentiable tensor operations in <see cref="Tensor"/> use the same
/// value kernels and express the derivative with tensor operations so it can be differentiated again;
/// tests check that both derivative forms agree.
/// </summary>
public static class Activations
{
    public static Activation Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "identity" or "linear" or "none" => Activation.Identity,
        "tanh" => Activation.Tanh,
        "relu" => Activation.Relu,
        "sigmoid" or "logistic" => Activation.Sigmoid,
        "softplus" => Activation.Softplus,
        "gelu" => Activation.Gelu,
        _ => throw new NablaInputException($"unknown activation '{name}' (expected tanh, relu, sigmoid, softplus, gelu or identity)"),
    };

    public static string Name(Activation a) => a.ToString().ToLowerInvariant();

    /// <summary>y = σ(x); <paramref name="y"/> may be the same span as <paramref name="x"/>.</summary>
    public static void Forward<T>(Activation a, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (a)
        {
            case Activation.Identity: x.CopyTo(y); break;
            case Activation.Tanh: TP.Tanh(x, y); break;
            case Activation.Relu: TP.Max(x, T.Zero, y); break;
            case Activation.Sigmoid: TP.Sigmoid(x, y); break;
            case Activation.Softplus:
                for (int i = 0; i < x.Length; i++) y[i] = Softplus(x[i]);
                break;
            case Activation.Gelu:
                for (int i = 0; i < x.Length; i++) y[i] = x[i] * Phi(x[i]);
                break;
            default: throw new ArgumentOutOfRangeException(nameof(a));
        }
    }

    /// <summary>g ← g ⊙ σ'(x), given x and y = σ(x) (whichever the derivative is cheaper from).</summary>
    public static void MultiplyByDerivative<T>(Activation a, ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (a)
        {
            case Activation.Identity: break;
            case Activation.Tanh:
                for (int i = 0; i < g.Length; i++) g[i] *= T.One - y[i] * y[i];
                break;
            case Activation.Relu:
                for (int i = 0; i < g.Length; i++) if (!(x[i] > T.Zero)) g[i] = T.Zero;
                break;
            case Activation.Sigmoid:
                for (int i = 0; i < g.Length; i++) g[i] *= y[i] * (T.One - y[i]);
                break;
            case Activation.Softplus:
                for (int i = 0; i < g.Length; i++) g[i] *= Sigmoid(x[i]);
                break;
            case Activation.Gelu:
                for (int i = 0; i < g.Length; i++) g[i] *= GeluDerivative(x[i]);
                break;
            default: throw new ArgumentOutOfRangeException(nameof(a));
        }
    }

    internal static T Sigmoid<T>(T x) where T : IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-x));

    internal static T Softplus<T>(T x) where T : IFloatingPointIeee754<T> => T.Max(x, T.Zero) + T.Log(T.One + T.Exp(-T.Abs(x)));

    /// <summary>Standard normal CDF Φ(x) = (1 + erf(x/√2))/2.</summary>
    internal static T Phi<T>(T x) where T : IFloatingPointIeee754<T> =>
        T.CreateTruncating(0.5 * (1 + MathNet.Numerics.SpecialFunctions.Erf(double.CreateTruncating(x) / Math.Sqrt(2))));

    /// <summary>Standard normal density φ(x).</summary>
    internal static T Density<T>(T x) where T : IFloatingPointIeee754<T> =>
        T.CreateTruncating(Math.Exp(-0.5 * double.CreateTruncating(x) * double.CreateTruncating(x)) / Math.Sqrt(2 * Math.PI));

    internal static T GeluDerivative<T>(T x) where T : IFloatingPointIeee754<T> => Phi(x) + x * Density(x);
}
