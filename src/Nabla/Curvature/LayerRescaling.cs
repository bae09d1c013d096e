using Nabla.Tensors;

namespace Nabla.Curvature;

/// <summary>
/// Dinh et al. 2017 ("Sharp Minima Can Generalize For Deep Nets"): a ReLU network is positively
/// homogeneous layer by layer, so multiplying layer l's weight and bias by α &gt; 0 and the next
/// layer's weight by 1/α computes exactly the same function, yet changes the Hessian (the
/// curvature along layer l scales by 1/α², along layer l+1 by α²) and hence any sharpness
/// measure. Sharpness is a property of the parametrisation, not only of the function.
/// </summary>
public static class LayerRescaling
{
    /// <summary>θ' with hidden layer <paramref name="layer"/>'s weight and bias × α and layer + 1's weight ÷ α.</summary>
    public static double[] Rescale(MlpCrossEntropy network, ReadOnlySpan<double> theta, int layer, double alpha)
    {
        ArgumentNullException.ThrowIfNull(network);
        var sizes = network.LayerSizes;
        int layers = sizes.Count - 1;
        if (layer < 0 || layer >= layers - 1)
            throw new NablaInputException($"rescaling: layer must be a hidden layer in [0, {layers - 2}] (got {layer})");
        if (!(alpha > 0) || double.IsInfinity(alpha))
            throw new NablaInputException($"rescaling: α must be positive and finite (got {alpha})");
        if (network.Activation is not (Activation.Relu or Activation.Identity))
            throw new NablaInputException($"rescaling preserves the function only for positively homogeneous activations (relu, identity), not {Activations.Name(network.Activation)}");
        var r = theta.ToArray();
        int w = network.WeightOffset(layer), b = network.BiasOffset(layer);
        for (int i = w; i < w + sizes[layer + 1] * sizes[layer]; i++) r[i] *= alpha;
        for (int i = b; i < b + sizes[layer + 1]; i++) r[i] *= alpha;
        int w2 = network.WeightOffset(layer + 1);
        for (int i = w2; i < w2 + sizes[layer + 2] * sizes[layer + 1]; i++) r[i] /= alpha;
        return r;
    }
}
