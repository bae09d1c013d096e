using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Learning;

/// <summary>A differentiable building block of a network: a function of its input and its parameters.</summary>
public abstract class Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The output for a batch <paramref name="input"/> [batch, features]; recorded for autograd.</summary>
    public abstract Tensor<T> Forward(Tensor<T> input);

    /// <summary>Parameter tensors, in a fixed order (the order of the flat parameter vector).</summary>
    public virtual IReadOnlyList<Tensor<T>> Parameters => [];

    /// <summary>Parameter names as PyTorch's state_dict spells them, without the module prefix.</summary>
    public virtual IReadOnlyList<string> ParameterNames => [];

    /// <summary>Moves the parameters into <paramref name="storage"/> at <paramref name="offset"/> (keeping their values).</summary>
    internal virtual void Bind(T[] storage, ref int offset) { }
}
