using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Learning;

/// <summary>a = σ(z) elementwise (tanh, relu, sigmoid, softplus, gelu).</summary>
public sealed class ActivationLayer<T>(Activation activation) : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public Activation Activation { get; } = activation;

    public override Tensor<T> Forward(Tensor<T> input) => Tensor.Activate(input, Activation);
}
