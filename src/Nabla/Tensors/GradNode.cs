namespace Nabla.Tensors;

/// <summary>
/// How a tensor was computed: its inputs and the backward rule. The rule maps the gradient with
/// respect to the output to gradients with respect to each input, written with tensor operations,
/// so that when it runs while recording (create-graph mode) the gradient is itself differentiable.
/// </summary>
internal sealed class GradNode<T>(string name, Tensor<T>[] inputs, Func<Tensor<T>, Tensor<T>?[]> backward)
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    public string Name { get; } = name;
    public Tensor<T>[] Inputs { get; } = inputs;
    public Func<Tensor<T>, Tensor<T>?[]> Backward { get; } = backward;
}
