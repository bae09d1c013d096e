using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Learning;

/// <summary>What a model file records besides the weights: architecture and the data split it was trained on.</summary>
public sealed record ModelInfo(string Data, int[] Layers, Activation Activation, int Samples, DataSplit Split);

/// <summary>A trained classifier whatever its precision (what <see cref="ModelFile.Load(string)"/> returns).</summary>
public interface IClassifier
{
    ModelInfo Info { get; }
    Standardizer Standardizer { get; }
    /// <summary>"float32" or "float64".</summary>
    string Precision { get; }
    int ParameterCount { get; }
    int[] Rows(DataSet data, string split);
    (double Loss, double Accuracy) Evaluate(DataSet data, ReadOnlySpan<int> rows);
    int[] Predict(DataSet data, ReadOnlySpan<int> rows);
    void Save(string path);
}

/// <summary>
/// A trained MLP classifier: the network, the input standardization learned from its training rows
/// and the split, so evaluation (and a PyTorch user) reproduce exactly what training reported.
/// </summary>
public sealed class Classifier<T>(Sequential<T> network, Standardizer standardizer, ModelInfo info) : IClassifier where T : unmanaged, IFloatingPointIeee754<T>
{
    public string Precision => typeof(T) == typeof(double) ? "float64" : "float32";
    public int ParameterCount => Network.ParameterCount;

    public Sequential<T> Network { get; } = network;
    public Standardizer Standardizer { get; } = standardizer;
    public ModelInfo Info { get; } = info;

    /// <summary>The rows of <paramref name="data"/> in "train", "test" or "all", checking it is the data set the model was trained on.</summary>
    public int[] Rows(DataSet data, string split)
    {
        if (data.Count != Info.Samples)
            throw new NablaInputException($"the model was trained on '{Info.Data}' with {Info.Samples} rows; this data set has {data.Count}, so its {split} split cannot be reproduced");
        return split switch
        {
            "train" => Info.Split.Train,
            "test" => Info.Split.Test,
            "all" => Enumerable.Range(0, data.Count).ToArray(),
            _ => throw new NablaInputException($"unknown split '{split}' (expected test, train or all)"),
        };
    }

    /// <summary>Mean cross-entropy and accuracy on the given rows.</summary>
    public (double Loss, double Accuracy) Evaluate(DataSet data, ReadOnlySpan<int> rows)
    {
        CheckFeatures(data);
        var ws = new MlpWorkspace<T>(Network, Math.Max(1, Math.Min(rows.Length, 1024)));
        return ws.Evaluate(data, rows, Standardizer);
    }

    /// <summary>Predicted class of each row.</summary>
    public int[] Predict(DataSet data, ReadOnlySpan<int> rows)
    {
        CheckFeatures(data);
        var ws = new MlpWorkspace<T>(Network, Math.Max(1, Math.Min(rows.Length, 1024)));
        var result = new int[rows.Length];
        for (int start = 0; start < rows.Length; start += ws.Capacity)
        {
            int b = Math.Min(ws.Capacity, rows.Length - start);
            ws.Load(data, rows.Slice(start, b), Standardizer);
            var logits = ws.Forward(b);
            for (int r = 0; r < b; r++)
                result[start + r] = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(logits.Slice(r * ws.Classes, ws.Classes));
        }
        return result;
    }

    public void Save(string path) => ModelFile.Save(path, this);

    private void CheckFeatures(DataSet data)
    {
        if (data.Features != Info.Layers[0])
            throw new NablaInputException($"the model expects {Info.Layers[0]} features, data set '{data.Name}' has {data.Features}");
    }
}
