using Nabla.Tensors;

namespace Nabla.Learning;

/// <summary>
/// The training loss of a float64 network on a fixed set of rows, as a function of the flat parameter
/// vector θ: L(θ) = mean over rows of the softmax cross-entropy. This is the objective the curvature
/// and optimization layers analyse: value, gradient (fast backpropagation) and Hessian-vector products
/// (double backward through the recorded gradient: Pearlmutter's R-operator). Calls set the network's
/// parameters to θ; the object is not thread-safe.
/// </summary>
public sealed class TrainingLoss
{
    private const int Chunk = 2048;
    private readonly Sequential<double> model;
    private readonly MlpWorkspace<double> workspace;
    private readonly DataSet data;
    private readonly int[] rows;
    private readonly Standardizer? standardizer;
    private readonly double[] chunkGradient;
    private List<(Tensor<double> X, int[] Labels)>? chunks;

    public TrainingLoss(Sequential<double> model, DataSet data, ReadOnlySpan<int> rows, Standardizer? standardizer = null)
    {
        if (rows.Length == 0) throw new NablaInputException("TrainingLoss: no rows");
        if (!MlpWorkspace<double>.Supports(model)) throw new NablaInputException("TrainingLoss: the network must be Linear and activation layers");
        this.model = model;
        this.data = data;
        this.rows = rows.ToArray();
        this.standardizer = standardizer;
        workspace = new MlpWorkspace<double>(model, Math.Min(Chunk, rows.Length));
        if (data.Features != workspace.InputWidth) throw new NablaInputException($"TrainingLoss: data has {data.Features} features, the network {workspace.InputWidth} inputs");
        chunkGradient = new double[model.ParameterCount];
    }

    /// <summary>The loss of <paramref name="classifier"/> on its "train" / "test" / "all" rows of <paramref name="data"/>, optionally only the first <paramref name="maxRows"/> of them.</summary>
    public static TrainingLoss ForClassifier(Classifier<double> classifier, DataSet data, string split = "train", int maxRows = int.MaxValue)
    {
        var r = classifier.Rows(data, split);
        if (r.Length > maxRows) r = r[..maxRows];
        return new TrainingLoss(classifier.Network, data, r, classifier.Standardizer);
    }

    public Sequential<double> Model => model;
    public int ParameterCount => model.ParameterCount;
    public int SampleCount => rows.Length;

    /// <summary>Current parameters of the network (a copy).</summary>
    public double[] GetParameters() => model.ParameterData.ToArray();

    public double Loss(ReadOnlySpan<double> theta)
    {
        model.SetParameters(theta);
        return workspace.Evaluate(data, rows, standardizer).Loss;
    }

    /// <summary>L(θ), and ∇L(θ) written to <paramref name="gradient"/>.</summary>
    public double LossAndGradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        if (gradient.Length != ParameterCount) throw new NablaInputException($"gradient span of {gradient.Length} for {ParameterCount} parameters");
        model.SetParameters(theta);
        gradient.Clear();
        double loss = 0;
        for (int start = 0; start < rows.Length; start += workspace.Capacity)
        {
            int b = Math.Min(workspace.Capacity, rows.Length - start);
            workspace.Load(data, rows.AsSpan(start, b), standardizer);
            double w = (double)b / rows.Length;
            loss += w * workspace.ForwardBackward(b);
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(workspace.Gradient, w, gradient, gradient);
        }
        return loss;
    }

    /// <summary>H(θ) v written to <paramref name="hv"/>, exact to rounding (no finite differences).</summary>
    public void HessianVectorProduct(ReadOnlySpan<double> theta, ReadOnlySpan<double> v, Span<double> hv)
    {
        if (v.Length != ParameterCount || hv.Length != ParameterCount)
            throw new NablaInputException($"HessianVectorProduct: spans of {v.Length} and {hv.Length} for {ParameterCount} parameters");
        model.SetParameters(theta);
        var parameters = model.Parameters;
        var vCopy = v.ToArray();
        var direction = new Tensor<double>[parameters.Count];
        for (int i = 0, off = 0; i < parameters.Count; off += parameters[i].Size, i++)
            direction[i] = Tensor<double>.View(vCopy, off, parameters[i].Shape.ToArray());
        hv.Clear();
        foreach (var (x, labels) in Chunks())
        {
            var loss = Tensor.CrossEntropy(model.Forward(x), labels);
            var h = Autograd.HessianVectorProduct(loss, parameters, direction);
            double w = (double)labels.Length / rows.Length;
            for (int i = 0, off = 0; i < h.Length; off += h[i].Size, i++)
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(h[i].Data, w, hv.Slice(off, h[i].Size), hv.Slice(off, h[i].Size));
        }
    }

    /// <summary>Loss as a recorded tensor of the network's parameter tensors (for custom second-order work).</summary>
    public Tensor<double> LossTensor()
    {
        Tensor<double>? total = null;
        foreach (var (x, labels) in Chunks())
        {
            var l = Tensor.Scale(Tensor.CrossEntropy(model.Forward(x), labels), (double)labels.Length / rows.Length);
            total = total is null ? l : Tensor.Add(total, l);
        }
        return total!;
    }

    private List<(Tensor<double>, int[])> Chunks()
    {
        if (chunks is not null) return chunks;
        chunks = [];
        int d = data.Features;
        for (int start = 0; start < rows.Length; start += Chunk)
        {
            int b = Math.Min(Chunk, rows.Length - start);
            var x = Tensor<double>.Zeros(b, d);
            var labels = new int[b];
            for (int k = 0; k < b; k++)
            {
                int r = rows[start + k];
                if (standardizer is null) data.Row(r).CopyTo(x.Data.Slice(k * d, d));
                else standardizer.Apply(data.Row(r), x.Data.Slice(k * d, d));
                labels[k] = data.Labels[r];
            }
            chunks.Add((x, labels));
        }
        return chunks;
    }
}
