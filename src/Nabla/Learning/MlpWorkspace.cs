using System.Numerics;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Nabla.Learning;

/// <summary>
/// The training loop's fast path for a <see cref="Sequential{T}"/> of Linear and activation layers
/// with softmax cross-entropy: backpropagation written layer by layer as the lecture states it
/// (Z = X Wᵀ + b, A = σ(Z); dZ = dA ⊙ σ'(Z); dW = dZᵀ X; db = Σ_rows dZ; dX = dZ W), on buffers
/// allocated once for a maximum batch, so a training step allocates nothing. Tests check it against
/// the general autograd path.
/// </summary>
internal sealed class MlpWorkspace<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Module<T>[] modules;
    private readonly int[] widths;       // widths[0] = input features, widths[i+1] = output of module i
    private readonly T[][] outputs;      // per module, [capacity, widths[i+1]]
    private readonly T[][] deltas;       // d loss / d output of module i
    private readonly int[] gradOffset;   // offset of module i's parameters in the flat gradient
    private readonly T[] input;
    private readonly T[] gradient;
    private readonly int[] labels;
    private readonly T[] logRow;
    private readonly Sequential<T> model;

    public MlpWorkspace(Sequential<T> model, int capacity)
    {
        if (capacity <= 0) throw new NablaInputException($"batch size {capacity} must be positive");
        this.model = model;
        modules = model.Modules.ToArray();
        widths = new int[modules.Length + 1];
        gradOffset = new int[modules.Length];
        int offset = 0;
        for (int i = 0; i < modules.Length; i++)
        {
            switch (modules[i])
            {
                case Linear<T> l:
                    if (i > 0 && widths[i] != l.InFeatures)
                        throw new NablaInputException($"module {i}: Linear expects {l.InFeatures} inputs, the previous layer gives {widths[i]}");
                    widths[i] = l.InFeatures;
                    widths[i + 1] = l.OutFeatures;
                    gradOffset[i] = offset;
                    offset += l.Weight.Size + l.Bias.Size;
                    break;
                case ActivationLayer<T>:
                    if (i == 0) throw new NablaInputException("the fast training path needs a Linear layer first");
                    widths[i + 1] = widths[i];
                    gradOffset[i] = offset;
                    break;
                default:
                    throw new NotSupportedException($"module {modules[i].GetType().Name} has no fast path");
            }
        }
        Capacity = capacity;
        outputs = new T[modules.Length][];
        deltas = new T[modules.Length][];
        for (int i = 0; i < modules.Length; i++)
        {
            outputs[i] = new T[capacity * widths[i + 1]];
            deltas[i] = new T[capacity * widths[i + 1]];
        }
        input = new T[capacity * widths[0]];
        gradient = new T[offset];
        labels = new int[capacity];
        logRow = new T[widths[^1]];
    }

    public static bool Supports(Sequential<T> model) =>
        model.Modules.Count > 0 && model.Modules[0] is Linear<T> && model.Modules.All(m => m is Linear<T> or ActivationLayer<T>);

    public int Capacity { get; }
    public int InputWidth => widths[0];
    public int Classes => widths[^1];

    /// <summary>Gradient of the last <see cref="ForwardBackward"/> in the layout of <see cref="Sequential{T}.ParameterData"/>.</summary>
    public Span<T> Gradient => gradient;

    /// <summary>Copies rows <paramref name="rows"/> of <paramref name="data"/> (standardized) into the input buffer.</summary>
    public void Load(DataSet data, ReadOnlySpan<int> rows, Standardizer? standardizer)
    {
        if (rows.Length > Capacity) throw new ArgumentException("more rows than the workspace holds");
        if (data.Features != widths[0]) throw new NablaInputException($"data set '{data.Name}' has {data.Features} features, the model expects {widths[0]}");
        int d = widths[0];
        for (int k = 0; k < rows.Length; k++)
        {
            var dst = input.AsSpan(k * d, d);
            var src = data.Row(rows[k]);
            if (standardizer is null) for (int j = 0; j < d; j++) dst[j] = T.CreateTruncating(src[j]);
            else standardizer.Apply(src, dst);
            int label = data.Labels[rows[k]];
            if ((uint)label >= (uint)Classes) throw new NablaInputException($"data set '{data.Name}': label {label} but the model has {Classes} outputs");
            labels[k] = label;
        }
    }

    /// <summary>Logits of the loaded batch of <paramref name="batch"/> rows.</summary>
    public ReadOnlySpan<T> Forward(int batch)
    {
        ReadOnlySpan<T> x = input.AsSpan(0, batch * widths[0]);
        for (int i = 0; i < modules.Length; i++)
        {
            var y = outputs[i].AsSpan(0, batch * widths[i + 1]);
            switch (modules[i])
            {
                case Linear<T> l:
                    Gemm.Multiply(false, true, batch, l.OutFeatures, l.InFeatures, T.One, x, l.InFeatures, l.Weight.Data, l.InFeatures, T.Zero, y, l.OutFeatures);
                    var bias = l.Bias.Data;
                    for (int r = 0; r < batch; r++)
                    {
                        var row = y.Slice(r * l.OutFeatures, l.OutFeatures);
                        TP.Add(row, bias, row);
                    }
                    break;
                case ActivationLayer<T> a:
                    Activations.Forward(a.Activation, x, y);
                    break;
            }
            x = y;
        }
        return x;
    }

    /// <summary>Sum of cross-entropy losses and number of correct predictions of the loaded batch (after <see cref="Forward"/>).</summary>
    public (double LossSum, int Correct) Score(int batch)
    {
        int c = Classes;
        var logits = outputs[^1];
        double loss = 0;
        int correct = 0;
        for (int r = 0; r < batch; r++)
        {
            var row = logits.AsSpan(r * c, c);
            Tensor.LogSoftmaxRow<T>(row, logRow);
            loss -= double.CreateTruncating(logRow[labels[r]]);
            if (TP.IndexOfMax<T>(row) == labels[r]) correct++;
        }
        return (loss, correct);
    }

    /// <summary>Mean cross-entropy of the loaded batch; fills <see cref="Gradient"/>.</summary>
    public double ForwardBackward(int batch)
    {
        Forward(batch);
        int c = Classes;
        var logits = outputs[^1];
        var dlogits = deltas[^1];
        double loss = 0;
        T inv = T.One / T.CreateTruncating(batch);
        for (int r = 0; r < batch; r++)
        {
            var row = logits.AsSpan(r * c, c);
            var d = dlogits.AsSpan(r * c, c);
            Tensor.LogSoftmaxRow<T>(row, d);
            loss -= double.CreateTruncating(d[labels[r]]);
            TP.Exp(d, d);                       // softmax
            d[labels[r]] -= T.One;              // softmax - onehot
            TP.Multiply(d, inv, d);             // mean over the batch
        }
        Backward(batch);
        return loss / batch;
    }

    private void Backward(int batch)
    {
        for (int i = modules.Length - 1; i >= 0; i--)
        {
            var dy = deltas[i].AsSpan(0, batch * widths[i + 1]);
            ReadOnlySpan<T> x = i == 0 ? input.AsSpan(0, batch * widths[0]) : outputs[i - 1].AsSpan(0, batch * widths[i]);
            switch (modules[i])
            {
                case Linear<T> l:
                    {
                        int nin = l.InFeatures, nout = l.OutFeatures;
                        var dW = gradient.AsSpan(gradOffset[i], nout * nin);
                        var db = gradient.AsSpan(gradOffset[i] + nout * nin, nout);
                        Gemm.Multiply(true, false, nout, nin, batch, T.One, dy, nout, x, nin, T.Zero, dW, nin);
                        db.Clear();
                        for (int r = 0; r < batch; r++) TP.Add(db, dy.Slice(r * nout, nout), db);
                        if (i > 0)
                            Gemm.Multiply(false, false, batch, nin, nout, T.One, dy, nout, l.Weight.Data, nin, T.Zero, deltas[i - 1].AsSpan(0, batch * nin), nin);
                        break;
                    }
                case ActivationLayer<T> a:
                    {
                        var dx = deltas[i - 1].AsSpan(0, batch * widths[i]);
                        dy.CopyTo(dx);
                        Activations.MultiplyByDerivative(a.Activation, x, outputs[i].AsSpan(0, dy.Length), dx);
                        break;
                    }
            }
        }
    }

    /// <summary>Mean loss and accuracy over <paramref name="rows"/> of <paramref name="data"/>, in chunks of the capacity.</summary>
    public (double Loss, double Accuracy) Evaluate(DataSet data, ReadOnlySpan<int> rows, Standardizer? standardizer)
    {
        if (rows.Length == 0) return (double.NaN, double.NaN);
        double loss = 0;
        long correct = 0;
        for (int start = 0; start < rows.Length; start += Capacity)
        {
            int b = Math.Min(Capacity, rows.Length - start);
            Load(data, rows.Slice(start, b), standardizer);
            Forward(b);
            var (l, c) = Score(b);
            loss += l;
            correct += c;
        }
        return (loss / rows.Length, (double)correct / rows.Length);
    }

    internal Sequential<T> Model => model;
}
