using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Learning;

/// <summary>
/// Modules applied in order. All parameters live in one flat vector (<see cref="ParameterData"/>),
/// each parameter tensor being a view into it, so the whole model can be read and written as one
/// θ ∈ ℝⁿ (optimizers, curvature analysis) without copying.
/// </summary>
public sealed class Sequential<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Module<T>[] modules;
    private T[] storage = [];
    private int start, count;

    public Sequential(params Module<T>[] modules)
    {
        if (modules.Length == 0) throw new NablaInputException("Sequential: needs at least one module");
        this.modules = modules;
        int offset = 0;
        Bind(new T[modules.Sum(m => m.Parameters.Sum(p => p.Size))], ref offset);
    }

    /// <summary>
    /// A multilayer perceptron: Linear(sizes[0] -> sizes[1]), σ, ..., Linear(sizes[^2] -> sizes[^1]) with
    /// no activation after the last layer (it outputs logits). Weights: Xavier (tanh, sigmoid) or He (relu family), seeded.
    /// </summary>
    public static Sequential<T> Mlp(IReadOnlyList<int> sizes, Activation activation, ulong seed)
    {
        if (sizes.Count < 2) throw new NablaInputException($"an MLP needs at least two layer sizes (input and output), got {sizes.Count}");
        foreach (var s in sizes)
            if (s <= 0 || s > 1_000_000) throw new NablaInputException($"layer size {s} is outside 1..1000000");
        long total = 0;
        for (int i = 0; i + 1 < sizes.Count; i++) total += (long)sizes[i] * sizes[i + 1] + sizes[i + 1];
        if (total > MaxParameters) throw new NablaInputException($"an MLP of sizes {string.Join(",", sizes)} has {total} parameters, beyond the limit of {MaxParameters}");
        var rng = new Rng(seed);
        var list = new List<Module<T>>();
        for (int i = 0; i + 1 < sizes.Count; i++)
        {
            list.Add(new Linear<T>(sizes[i], sizes[i + 1], rng, activation));
            if (i + 2 < sizes.Count && activation != Activation.Identity) list.Add(new ActivationLayer<T>(activation));
        }
        return new Sequential<T>([.. list]);
    }

    /// <summary>Largest number of parameters of a model built by <see cref="Mlp"/>.</summary>
    public const long MaxParameters = 200_000_000;

    /// <summary>PyTorch names and shapes of the parameters <see cref="Mlp"/> creates, without allocating them.</summary>
    public static IReadOnlyList<(string Name, int[] Shape)> MlpParameterShapes(IReadOnlyList<int> sizes, Activation activation)
    {
        var result = new List<(string, int[])>();
        int step = activation == Activation.Identity ? 1 : 2;
        for (int i = 0; i + 1 < sizes.Count; i++)
        {
            result.Add(($"{i * step}.weight", [sizes[i + 1], sizes[i]]));
            result.Add(($"{i * step}.bias", [sizes[i + 1]]));
        }
        return result;
    }

    public IReadOnlyList<Module<T>> Modules => modules;

    public int ParameterCount => count;

    /// <summary>The flat parameter vector θ (the storage every parameter tensor views).</summary>
    public Span<T> ParameterData => storage.AsSpan(start, count);

    public void GetParameters(Span<T> destination)
    {
        if (destination.Length != count) throw new NablaInputException($"GetParameters: span of {destination.Length} for {count} parameters");
        ParameterData.CopyTo(destination);
    }

    public void SetParameters(ReadOnlySpan<T> values)
    {
        if (values.Length != count) throw new NablaInputException($"SetParameters: {values.Length} values for {count} parameters");
        values.CopyTo(ParameterData);
    }

    public override IReadOnlyList<Tensor<T>> Parameters => modules.SelectMany(m => m.Parameters).ToArray();

    /// <summary>Names as in PyTorch's <c>nn.Sequential</c> state_dict ("0.weight", "0.bias", "2.weight", ...).</summary>
    public override IReadOnlyList<string> ParameterNames =>
        modules.SelectMany((m, i) => m.ParameterNames.Select(n => $"{i}.{n}")).ToArray();

    public override Tensor<T> Forward(Tensor<T> input)
    {
        var x = input;
        foreach (var m in modules) x = m.Forward(x);
        return x;
    }

    /// <summary>Layer widths [in, hidden..., out] and the hidden activation, when this is a plain MLP.</summary>
    public (int[] Sizes, Activation Activation)? Architecture()
    {
        var sizes = new List<int>();
        Activation? act = null;
        for (int i = 0; i < modules.Length; i++)
        {
            switch (modules[i])
            {
                case Linear<T> l:
                    if (sizes.Count == 0) sizes.Add(l.InFeatures);
                    else if (sizes[^1] != l.InFeatures) return null;
                    sizes.Add(l.OutFeatures);
                    break;
                case ActivationLayer<T> a:
                    if (act is not null && act != a.Activation) return null;
                    act = a.Activation;
                    break;
                default: return null;
            }
        }
        return sizes.Count >= 2 ? (sizes.ToArray(), act ?? Activation.Identity) : null;
    }

    internal override void Bind(T[] newStorage, ref int offset)
    {
        start = offset;
        foreach (var m in modules) m.Bind(newStorage, ref offset);
        storage = newStorage;
        count = offset - start;
    }
}
