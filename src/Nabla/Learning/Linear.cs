using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Learning;

/// <summary>
/// Affine layer z = W x + b for each row x of the input, computed for a batch X as Z = X Wᵀ + b.
/// W is [out, in] and b is [out], the layout of PyTorch's <c>nn.Linear</c>, so saved weights load there as is.
/// </summary>
public sealed class Linear<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public Linear(int inFeatures, int outFeatures, Rng rng, Activation following = Activation.Tanh)
    {
        if (inFeatures <= 0 || outFeatures <= 0) throw new NablaInputException($"Linear: sizes must be positive, got {inFeatures} -> {outFeatures}");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = Tensor<T>.Zeros(outFeatures, inFeatures);
        Bias = Tensor<T>.Zeros(outFeatures);
        if (following is Activation.Relu or Activation.Gelu or Activation.Softplus) Init.HeNormal(Weight.Data, inFeatures, rng);
        else Init.XavierUniform(Weight.Data, inFeatures, outFeatures, rng);
        Weight.RequiresGrad = true;
        Bias.RequiresGrad = true;
    }

    public int InFeatures { get; }
    public int OutFeatures { get; }
    public Tensor<T> Weight { get; private set; }
    public Tensor<T> Bias { get; private set; }

    public override IReadOnlyList<Tensor<T>> Parameters => [Weight, Bias];
    public override IReadOnlyList<string> ParameterNames => ["weight", "bias"];

    public override Tensor<T> Forward(Tensor<T> input)
    {
        if (input.Rank != 2 || input.Dim(1) != InFeatures)
            throw new TensorShapeException($"Linear({InFeatures} -> {OutFeatures}): input of shape [{string.Join(", ", input.Shape.ToArray())}], expected [batch, {InFeatures}]");
        return Tensor.Add(Tensor.MatMul(input, Weight, transposeB: true), Bias);
    }

    internal override void Bind(T[] storage, ref int offset)
    {
        Weight = Rebind(Weight, storage, ref offset);
        Bias = Rebind(Bias, storage, ref offset);
    }

    private static Tensor<T> Rebind(Tensor<T> t, T[] storage, ref int offset)
    {
        var view = Tensor<T>.View(storage, offset, t.Shape.ToArray());
        t.Data.CopyTo(view.Data);
        view.RequiresGrad = true;
        offset += t.Size;
        return view;
    }
}
