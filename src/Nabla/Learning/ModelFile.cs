using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Nabla.Tensors;

namespace Nabla.Learning;

/// <summary>
/// Saves and loads <see cref="Classifier{T}"/> as safetensors. Tensors are named as PyTorch's
/// <c>nn.Sequential</c> state_dict ("0.weight", "0.bias", "2.weight", ...), so
/// <c>model.load_state_dict</c> accepts them; <c>__metadata__</c> carries the architecture, the
/// activation, the input standardization (JSON arrays, round-trip precision) and the train/test split.
/// Loading checks all of it: a damaged or inconsistent file raises <see cref="SafeTensorsException"/>
/// or <see cref="ModelFileException"/>.
/// </summary>
public static class ModelFile
{
    public const string Format = "nabla-mlp/1";

    public static void Save<T>(string path, Classifier<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var net = model.Network;
        var names = net.ParameterNames;
        var parameters = net.Parameters;
        var tensors = new List<KeyValuePair<string, Tensor<T>>>();
        for (int i = 0; i < names.Count; i++) tensors.Add(new(names[i], parameters[i]));
        var info = model.Info;
        var meta = new Dictionary<string, string>
        {
            ["format"] = Format,
            ["architecture"] = "mlp",
            ["layers"] = string.Join(",", info.Layers),
            ["activation"] = Activations.Name(info.Activation),
            ["output"] = "logits",
            ["dtype"] = typeof(T) == typeof(double) ? "float64" : "float32",
            ["pytorch"] = PyTorchModule(info.Layers, info.Activation),
            ["standardization_mean"] = JsonArray(model.Standardizer.Mean),
            ["standardization_std"] = JsonArray(model.Standardizer.Std),
            ["data"] = info.Data,
            ["samples"] = info.Samples.ToString(CultureInfo.InvariantCulture),
            ["split"] = info.Split.Kind.ToString().ToLowerInvariant(),
            ["train_samples"] = info.Split.Train.Length.ToString(CultureInfo.InvariantCulture),
            ["test_samples"] = info.Split.Test.Length.ToString(CultureInfo.InvariantCulture),
        };
        if (info.Split.Kind == DataSplitKind.Random)
        {
            meta["split_seed"] = info.Split.Seed.ToString(CultureInfo.InvariantCulture);
            meta["test_fraction"] = info.Split.TestFraction.ToString("R", CultureInfo.InvariantCulture);
        }
        if (info.Split.Kind == DataSplitKind.Indices)
            meta["test_indices"] = string.Join(",", info.Split.Test);
        SafeTensors.Save(path, tensors, meta);
    }

    /// <summary>Loads a model in the precision it was saved in.</summary>
    public static IClassifier Load(string path)
    {
        var content = SafeTensors.Load(path);
        return content.Metadata.TryGetValue("dtype", out var d) && d == "float64" ? FromContent<double>(content, path) : FromContent<float>(content, path);
    }

    /// <summary>Loads a model as <typeparamref name="T"/> (float32 weights widen exactly to float64).</summary>
    public static Classifier<T> Load<T>(string path) where T : unmanaged, IFloatingPointIeee754<T> => FromContent<T>(SafeTensors.Load(path), path);

    private static Classifier<T> FromContent<T>(SafeTensorsContent content, string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var meta = content.Metadata;
        string Get(string key) => meta.TryGetValue(key, out var v) ? v : throw new ModelFileException($"'{path}': metadata '{key}' is missing (not a Nabla model file?)");
        if (Get("format") != Format) throw new ModelFileException($"'{path}': format '{Get("format")}' is not {Format}");
        int[] layers = ParseInts(Get("layers"), path, "layers");
        if (layers.Length < 2 || layers.Any(l => l <= 0 || l > 1_000_000)) throw new ModelFileException($"'{path}': layers '{Get("layers")}' are not valid sizes");
        Activation activation;
        try { activation = Activations.Parse(Get("activation")); }
        catch (NablaInputException) { throw new ModelFileException($"'{path}': unknown activation '{Get("activation")}'"); }
        var mean = ParseDoubles(Get("standardization_mean"), path, "standardization_mean");
        var std = ParseDoubles(Get("standardization_std"), path, "standardization_std");
        if (mean.Length != layers[0] || std.Length != layers[0] || std.Any(s => !(s > 0) || !double.IsFinite(s)) || mean.Any(m => !double.IsFinite(m)))
            throw new ModelFileException($"'{path}': standardization does not match {layers[0]} positive finite inputs");
        int samples = ParseInt(Get("samples"), path, "samples");
        if (samples > 100_000_000) throw new ModelFileException($"'{path}': {samples} samples is beyond the limit of 100000000");
        var split = ReadSplit(meta, samples, path, Get);

        // Check names and shapes against the file before allocating the network.
        var expected = Sequential<T>.MlpParameterShapes(layers, activation);
        if (content.Tensors.Count != expected.Count)
            throw new ModelFileException($"'{path}': {content.Tensors.Count} tensors, a {Get("layers")} MLP has {expected.Count}");
        foreach (var (name, shape) in expected)
        {
            var t = content.Tensors.FirstOrDefault(x => x.Name == name) ?? throw new ModelFileException($"'{path}': tensor '{name}' is missing");
            if (!t.Shape.AsSpan().SequenceEqual(shape))
                throw new ModelFileException($"'{path}': tensor '{name}' has shape [{string.Join(", ", t.Shape)}], expected [{string.Join(", ", shape)}]");
        }
        var network = Sequential<T>.Mlp(layers, activation, 0);
        var names = network.ParameterNames;
        var parameters = network.Parameters;
        for (int i = 0; i < names.Count; i++)
        {
            var t = content[names[i]];
            var dst = parameters[i].Data;
            for (int k = 0; k < dst.Length; k++)
            {
                if (!double.IsFinite(t.Values[k])) throw new ModelFileException($"'{path}': tensor '{names[i]}' contains {t.Values[k]}");
                dst[k] = T.CreateTruncating(t.Values[k]);
            }
        }
        var info = new ModelInfo(meta.TryGetValue("data", out var d) ? d : "unknown", layers, activation, samples, split);
        return new Classifier<T>(network, new Standardizer(mean, std), info);
    }

    private static DataSplit ReadSplit(IReadOnlyDictionary<string, string> meta, int samples, string path, Func<string, string> get)
    {
        string kind = get("split");
        int testCount = ParseInt(get("test_samples"), path, "test_samples");
        DataSplit split = kind switch
        {
            "random" => DataSplit.Random(samples, ParseDouble(get("test_fraction"), path, "test_fraction"), ParseULong(get("split_seed"), path, "split_seed")),
            "fixed" => DataSplit.Fixed(samples, ParseInt(get("train_samples"), path, "train_samples")),
            "indices" => DataSplit.FromTestRows(samples, ParseInts(get("test_indices"), path, "test_indices")),
            _ => throw new ModelFileException($"'{path}': unknown split kind '{kind}'"),
        };
        if (split.Test.Length != testCount)
            throw new ModelFileException($"'{path}': the recorded split gives {split.Test.Length} test rows, the file says {testCount}");
        return split;
    }

    private static string PyTorchModule(int[] layers, Activation a)
    {
        var parts = new List<string>();
        string act = a switch { Activation.Tanh => "Tanh()", Activation.Relu => "ReLU()", Activation.Sigmoid => "Sigmoid()", Activation.Softplus => "Softplus()", Activation.Gelu => "GELU()", _ => "" };
        for (int i = 0; i + 1 < layers.Length; i++)
        {
            parts.Add($"Linear({layers[i]}, {layers[i + 1]})");
            if (i + 2 < layers.Length && act != "") parts.Add(act);
        }
        return $"torch.nn.Sequential({string.Join(", ", parts)})";
    }

    private static string JsonArray(double[] values) => "[" + string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]";

    private static double[] ParseDoubles(string s, string path, string key)
    {
        try
        {
            var values = JsonSerializer.Deserialize<double[]>(s);
            return values ?? throw new ModelFileException($"'{path}': metadata '{key}' is empty");
        }
        catch (JsonException) { throw new ModelFileException($"'{path}': metadata '{key}' is not a JSON array of numbers"); }
    }

    private static int[] ParseInts(string s, string path, string key)
    {
        if (s.Length == 0) return [];
        var parts = s.Split(',');
        var r = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++) r[i] = ParseInt(parts[i], path, key);
        return r;
    }

    private static int ParseInt(string s, string path, string key) =>
        int.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : throw new ModelFileException($"'{path}': metadata '{key}' has a bad integer '{s}'");

    private static ulong ParseULong(string s, string path, string key) =>
        ulong.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw new ModelFileException($"'{path}': metadata '{key}' has a bad integer '{s}'");

    private static double ParseDouble(string s, string path, string key) =>
        double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : throw new ModelFileException($"'{path}': metadata '{key}' has a bad number '{s}'");
}
