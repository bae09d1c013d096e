using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Nabla.Learning;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla train</c>: trains an MLP classifier and saves it as safetensors.</summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter output)
    {
        var data = new Option<string>("--data") { Description = "digits, fashion-mnist, or a CSV file whose last column is the class label", Required = true };
        var layers = new Option<string?>("--layers") { Description = "layer sizes, inputs first and classes last, e.g. 64,32,10 (default: inputs,32,classes)" };
        var activation = new Option<string>("--activation") { Description = "tanh, relu, sigmoid, softplus or gelu", DefaultValueFactory = _ => "tanh" };
        var optimizer = new Option<string>("--optimizer") { Description = "adam or sgd", DefaultValueFactory = _ => "adam" };
        var lr = new Option<double>("--lr") { Description = "learning rate", DefaultValueFactory = _ => 1e-3 };
        var momentum = new Option<double>("--momentum") { Description = "SGD momentum", DefaultValueFactory = _ => 0.0 };
        var batch = new Option<int>("--batch") { Description = "mini-batch size", DefaultValueFactory = _ => 32 };
        var epochs = new Option<int>("--epochs") { Description = "passes over the training rows", DefaultValueFactory = _ => 30 };
        var seed = new Option<ulong>("--seed") { Description = "seeds the weights, the split and the batch order", DefaultValueFactory = _ => 1UL };
        var testFraction = new Option<double>("--test-fraction") { Description = "share of rows held out for testing (not for fashion-mnist, which has its own test set)", DefaultValueFactory = _ => 0.2 };
        var precision = new Option<string>("--precision") { Description = "float32 or float64", DefaultValueFactory = _ => "float32" };
        var outPath = new Option<string?>("--out") { Description = "model file to write (safetensors)" };
        var dataDir = new Option<string?>("--data-dir") { Description = "directory holding the data files (fashion-mnist IDX files, digits.csv.gz)" };
        var gemm = new Option<string>("--gemm") { Description = "matrix-product kernel: auto, openblas or managed", DefaultValueFactory = _ => "auto" };
        var json = new Option<bool>("--json") { Description = "print one JSON object" };
        var command = new Command("train", "Train a multilayer perceptron classifier (softmax cross-entropy) and save it as safetensors.")
        {
            data, layers, activation, optimizer, lr, momentum, batch, epochs, seed, testFraction, precision, outPath, dataDir, gemm, json,
        };
        command.SetAction(parse =>
        {
            Gemm.DefaultBackend = ParseGemm(parse.GetValue(gemm)!);
            var set = LearningCli.LoadData(parse.GetValue(data)!, parse.GetValue(dataDir));
            var sizes = ParseLayers(parse.GetValue(layers), set);
            var options = new TrainingOptions
            {
                Layers = sizes,
                Activation = Activations.Parse(parse.GetValue(activation)!),
                Optimizer = parse.GetValue(optimizer)!,
                LearningRate = parse.GetValue(lr),
                Momentum = parse.GetValue(momentum),
                BatchSize = parse.GetValue(batch),
                Epochs = parse.GetValue(epochs),
                Seed = parse.GetValue(seed),
                TestFraction = parse.GetValue(testFraction),
            };
            Optimizers.Create<double>(options.Optimizer, options.LearningRate, options.Momentum); // validate before loading work
            string prec = parse.GetValue(precision)!.ToLowerInvariant();
            if (prec is not ("float32" or "float64")) throw new NablaInputException($"--precision '{prec}': expected float32 or float64");
            bool asJson = parse.GetValue(json);
            var split = LearningCli.OfficialSplit(set);
            var bar = new LearningCli.ProgressBar();
            if (!asJson)
            {
                int nTest = split?.Test.Length ?? (int)Math.Round(set.Count * options.TestFraction);
                output.WriteLine($"data      {set.Name}: {set.Count} rows, {set.Features} features, {set.Classes} classes; {set.Count - nTest} train / {nTest} test ({(split is null ? $"random split, seed {options.Seed}" : "official split")})");
                output.WriteLine($"model     {string.Join("-", sizes)} {Activations.Name(options.Activation)}, {Parameters(sizes)} parameters, {prec}");
                output.WriteLine($"training  {options.Optimizer} lr {options.LearningRate.ToString(CultureInfo.InvariantCulture)}, batch {options.BatchSize}, {options.Epochs} epochs, matrix products: {Gemm.Resolve(GemmBackend.Auto)}");
                output.WriteLine();
                output.WriteLine("epoch  train loss  train acc  test loss  test acc  seconds");
            }
            void OnEpoch(EpochMetrics m)
            {
                bar.Clear();
                if (!asJson)
                    output.WriteLine($"{m.Epoch,5}  {LearningCli.Fixed(m.TrainLoss),10}  {LearningCli.Percent(m.TrainAccuracy),9}  {LearningCli.Fixed(m.TestLoss),9}  {LearningCli.Percent(m.TestAccuracy),8}  {m.Seconds,7:F2}");
            }
            IReadOnlyList<EpochMetrics> history;
            IClassifier model;
            if (prec == "float64")
            {
                var r = Training.TrainClassifier<double>(set, options, split, OnEpoch, bar.Report);
                (history, model) = (r.Epochs, r.Model);
            }
            else
            {
                var r = Training.TrainClassifier<float>(set, options, split, OnEpoch, bar.Report);
                (history, model) = (r.Epochs, r.Model);
            }
            bar.Clear();
            string? path = parse.GetValue(outPath);
            if (path is not null) model.Save(path);
            if (asJson) WriteJson(output, set.Name, options, model.ParameterCount, history, path);
            else if (path is not null) output.WriteLine($"\nsaved     {path}");
            return CliApp.Ok;
        });
        return command;
    }

    internal static GemmBackend ParseGemm(string s) => s.ToLowerInvariant() switch
    {
        "auto" => GemmBackend.Auto,
        "openblas" or "blas" => GemmBackend.OpenBlas,
        "managed" => GemmBackend.Managed,
        _ => throw new NablaInputException($"--gemm '{s}': expected auto, openblas or managed"),
    };

    private static int Parameters(int[] sizes)
    {
        long n = 0;
        for (int i = 0; i + 1 < sizes.Length; i++) n += (long)sizes[i] * sizes[i + 1] + sizes[i + 1];
        return (int)Math.Min(n, int.MaxValue);
    }

    private static int[] ParseLayers(string? text, DataSet set)
    {
        if (string.IsNullOrWhiteSpace(text)) return [set.Features, 32, set.Classes];
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var sizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] <= 0)
                throw new NablaInputException($"--layers '{text}': '{parts[i]}' is not a positive integer");
        long total = Parameters(sizes);
        if (total > 200_000_000) throw new NablaInputException($"--layers '{text}': {total} parameters is beyond the limit of 200000000");
        return sizes;
    }

    private static void WriteJson(TextWriter output, string data, TrainingOptions o, int parameters, IReadOnlyList<EpochMetrics> history, string? path)
    {
        var errors = new List<string>();
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("data", data);
            w.WriteStartArray("layers");
            foreach (var l in o.Layers) w.WriteNumberValue(l);
            w.WriteEndArray();
            w.WriteString("activation", Activations.Name(o.Activation));
            w.WriteString("optimizer", o.Optimizer.ToLowerInvariant());
            w.WriteNumber("batch", o.BatchSize);
            w.WriteNumber("seed", o.Seed);
            w.WriteNumber("parameters", parameters);
            w.WriteStartArray("epochs");
            foreach (var m in history)
            {
                w.WriteStartObject();
                w.WriteNumber("epoch", m.Epoch);
                LearningCli.Number(w, "train_loss", m.TrainLoss, errors);
                LearningCli.Number(w, "train_accuracy", m.TrainAccuracy, errors);
                LearningCli.Number(w, "test_loss", m.TestLoss, errors);
                LearningCli.Number(w, "test_accuracy", m.TestAccuracy, errors);
                w.WriteNumber("seconds", m.Seconds);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (path is null) w.WriteNull("model"); else w.WriteString("model", path);
            if (errors.Count > 0) w.WriteString("error", string.Join("; ", errors.Distinct()));
            w.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
