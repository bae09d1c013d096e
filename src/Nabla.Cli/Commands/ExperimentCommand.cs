using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Nabla.Curvature;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla experiment batch-size</c>: Keskar et al.'s small- versus large-batch experiment, with a Markdown + PNG report.</summary>
internal static class ExperimentCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static Command Create(TextWriter output)
    {
        var data = new Option<string>("--data") { Description = "digits, fashion-mnist, or a CSV file", Required = true };
        var dataDir = new Option<string?>("--data-dir") { Description = "directory holding the data files" };
        var seeds = new Option<int>("--seeds") { Description = "number of seeds (initialisations)", DefaultValueFactory = _ => 3 };
        var epochs = new Option<int>("--epochs") { Description = "epochs for both batch sizes", DefaultValueFactory = _ => 30 };
        var layers = new Option<string>("--layers") { Description = "layer sizes, e.g. 64,32,10", DefaultValueFactory = _ => "64,32,10" };
        var smallBatch = new Option<int>("--small-batch") { Description = "the small batch size", DefaultValueFactory = _ => 32 };
        var largeFraction = new Option<double>("--large-fraction") { Description = "the large batch as a fraction of the training set", DefaultValueFactory = _ => 0.1 };
        var outDir = new Option<string>("--out") { Description = "directory for report.md, the PNG figures and seed-N.json", DefaultValueFactory = _ => "batch-size-report" };
        var batchSize = new Command("batch-size", "Train small- and large-batch models from the same initialisations and compare accuracy, generalization gap, Hessian eigenvalues, trace and Keskar sharpness.")
        {
            data, dataDir, seeds, epochs, layers, smallBatch, largeFraction, outDir,
        };
        batchSize.SetAction(parse =>
        {
            var set = LearningCli.LoadData(parse.GetValue(data)!, parse.GetValue(dataDir));
            int[] sizes;
            try { sizes = parse.GetValue(layers)!.Split(',').Select(s => int.Parse(s.Trim(), C)).ToArray(); }
            catch (FormatException) { throw new NablaInputException($"--layers '{parse.GetValue(layers)}' is not a comma-separated list of integers"); }
            if (sizes.Length < 2 || sizes[0] != set.Features)
                throw new NablaInputException($"--layers must start with the {set.Features} features of '{set.Name}' and have at least two sizes");
            var options = new BatchSizeExperimentOptions
            {
                Seeds = parse.GetValue(seeds), Epochs = parse.GetValue(epochs), Layers = sizes,
                SmallBatch = parse.GetValue(smallBatch), LargeBatchFraction = parse.GetValue(largeFraction),
            };
            string dir = parse.GetValue(outDir)!;
            Directory.CreateDirectory(dir);
            output.WriteLine($"batch-size experiment on {set.Name}: {options.Seeds} seeds, {options.Epochs} epochs, Adam lr {options.LearningRate}, report in {dir}");
            var result = BatchSizeExperiment.Run(set, options,
                onSeed: s =>
                {
                    WriteAtomically(Path.Combine(dir, $"seed-{s.Seed}.json"), SeedJson(s));
                    output.WriteLine($"  seed {s.Seed}: top eigenvalue SB {F(s.Small.TopEigenvalue)} LB {F(s.Large.TopEigenvalue)}; sharpness SB {F(s.Small.SharpnessFull)} LB {F(s.Large.SharpnessFull)}; test acc SB {LearningCli.Percent(s.Small.TestAccuracy)} LB {LearningCli.Percent(s.Large.TestAccuracy)} ({s.Seconds:F1} s)");
                },
                progress: new Progress<string>(m => { if (!Console.IsErrorRedirected) Console.Error.WriteLine($"  ... {m}"); }));
            CurvaturePlots.ParametricLine(result.Seeds[0], Path.Combine(dir, "parametric.png"));
            CurvaturePlots.Comparison(result, Path.Combine(dir, "minimizers.png"));
            WriteAtomically(Path.Combine(dir, "report.md"), Report(result));
            output.WriteLine($"done in {result.Seconds:F1} s: {Path.Combine(dir, "report.md")}");
            return CliApp.Ok;
        });
        var command = new Command("experiment", "Reproducible experiments (batch-size: Keskar et al. 2017).");
        command.Subcommands.Add(batchSize);
        return command;
    }

    private static string F(double x) => x.ToString("G4", C);

    private static void WriteAtomically(string path, string text)
    {
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, text);
        File.Move(tmp, path, overwrite: true);
    }

    private static string SeedJson(SeedResult s)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("seed", s.Seed);
            Metrics(w, "small_batch", s.Small);
            Metrics(w, "large_batch", s.Large);
            Metrics(w, "large_batch_same_steps", s.LargeSameSteps);
            w.WriteNumber("large_batch_same_steps_epochs", s.LargeSameStepsEpochs);
            w.WriteStartObject("line");
            Array(w, "alpha", s.Alphas);
            Array(w, "train_loss", s.LineTrainLoss);
            Array(w, "test_loss", s.LineTestLoss);
            Array(w, "train_accuracy", s.LineTrainAccuracy);
            Array(w, "test_accuracy", s.LineTestAccuracy);
            w.WriteEndObject();
            w.WriteNumber("seconds", s.Seconds);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Metrics(Utf8JsonWriter w, string name, MinimizerMetrics m)
    {
        w.WriteStartObject(name);
        w.WriteNumber("batch", m.BatchSize);
        Num(w, "train_loss", m.TrainLoss); Num(w, "train_accuracy", m.TrainAccuracy);
        Num(w, "test_loss", m.TestLoss); Num(w, "test_accuracy", m.TestAccuracy);
        Num(w, "generalization_gap", m.GeneralizationGap);
        Num(w, "top_eigenvalue", m.TopEigenvalue); Num(w, "top_eigenvalue_residual", m.TopEigenvalueResidual);
        Num(w, "trace", m.Trace); Num(w, "trace_stderr", m.TraceStandardError);
        Num(w, "sharpness_full", m.SharpnessFull); Num(w, "sharpness_subspace", m.SharpnessSubspace);
        Num(w, "train_seconds", m.TrainSeconds);
        w.WriteEndObject();
    }

    private static void Num(Utf8JsonWriter w, string name, double v) { if (double.IsFinite(v)) w.WriteNumber(name, v); else w.WriteNull(name); }

    private static void Array(Utf8JsonWriter w, string name, double[] values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) { if (double.IsFinite(v)) w.WriteNumberValue(v); else w.WriteNullValue(); }
        w.WriteEndArray();
    }

    private static string MeanSd(IEnumerable<double> values, string format = "G4")
    {
        var v = values.ToArray();
        double mean = v.Average();
        double sd = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0;
        return $"{mean.ToString(format, C)} ± {sd.ToString(format, C)}";
    }

    internal static string Report(BatchSizeExperimentResult e)
    {
        var o = e.Options;
        var sb = new StringBuilder();
        sb.AppendLine("# Small batch versus large batch: sharpness and generalization");
        sb.AppendLine();
        sb.AppendLine($"Reproduces the shape of Keskar et al. 2017 (arXiv 1609.04836) on `{e.Data}`; written by `nabla experiment batch-size`.");
        sb.AppendLine();
        sb.AppendLine("## Settings");
        sb.AppendLine();
        sb.AppendLine($"- network {string.Join("-", o.Layers)} {o.Activation.ToString().ToLowerInvariant()}, {e.Parameters} parameters, mean cross-entropy, float64");
        sb.AppendLine($"- data: {e.TrainSamples} training / {e.TestSamples} test rows (seeded split, test fraction {o.TestFraction}), standardised from the training rows");
        sb.AppendLine($"- Adam, learning rate {o.LearningRate}, {o.Epochs} epochs for both; small batch {o.SmallBatch}, large batch {e.LargeBatch} ({o.LargeBatchFraction:P0} of the training set)");
        sb.AppendLine($"- seeds {o.FirstSeed}..{o.FirstSeed + (ulong)o.Seeds - 1}: the seed fixes the split, the initial weights (identical for both batch sizes) and the shuffling");
        sb.AppendLine($"- curvature of the full training loss at each minimiser: top Hessian eigenvalue (Lanczos, relative residual 1e-6), trace (Hutchinson, {o.TraceSamples} Rademacher probes), Keskar ε-sharpness with ε = {o.Epsilon} in the full space and in a random 100-dimensional subspace (L-BFGS-B, {o.KeskarIterations} iterations)");
        sb.AppendLine($"- total time {e.Seconds:F1} s");
        sb.AppendLine();
        sb.AppendLine("## Results (mean ± sd over seeds)");
        sb.AppendLine();
        int controlEpochs = e.Seeds[0].LargeSameStepsEpochs;
        sb.AppendLine($"| | small batch, {o.Epochs} epochs | large batch, {o.Epochs} epochs (Keskar's setting) | control: large batch, {controlEpochs} epochs (same number of updates) |");
        sb.AppendLine("|---|---|---|---|");
        void Row(string name, Func<MinimizerMetrics, double> f, string fmt = "G4") =>
            sb.AppendLine($"| {name} | {MeanSd(e.Seeds.Select(s => f(s.Small)), fmt)} | {MeanSd(e.Seeds.Select(s => f(s.Large)), fmt)} | {MeanSd(e.Seeds.Select(s => f(s.LargeSameSteps)), fmt)} |");
        Row("train accuracy", m => m.TrainAccuracy, "P2");
        Row("test accuracy", m => m.TestAccuracy, "P2");
        Row("generalization gap (train − test accuracy)", m => m.GeneralizationGap, "P2");
        Row("train loss", m => m.TrainLoss);
        Row("test loss", m => m.TestLoss);
        Row("top Hessian eigenvalue", m => m.TopEigenvalue);
        Row("Hessian trace", m => m.Trace);
        Row($"sharpness ε = {o.Epsilon}, full space", m => m.SharpnessFull);
        Row($"sharpness ε = {o.Epsilon}, 100-dim subspace", m => m.SharpnessSubspace);
        sb.AppendLine();
        sb.AppendLine("### Per seed");
        sb.AppendLine();
        sb.AppendLine("| seed | test acc SB | test acc LB | λ_max SB | λ_max LB | trace SB | trace LB | φ full SB | φ full LB | φ sub SB | φ sub LB | LB sharper (λ_max and φ full)? |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var s in e.Seeds)
        {
            bool sharper = s.Large.TopEigenvalue > s.Small.TopEigenvalue && s.Large.SharpnessFull > s.Small.SharpnessFull;
            sb.AppendLine($"| {s.Seed} | {s.Small.TestAccuracy:P2} | {s.Large.TestAccuracy:P2} | {F(s.Small.TopEigenvalue)} | {F(s.Large.TopEigenvalue)} | {F(s.Small.Trace)} | {F(s.Large.Trace)} | {F(s.Small.SharpnessFull)} | {F(s.Large.SharpnessFull)} | {F(s.Small.SharpnessSubspace)} | {F(s.Large.SharpnessSubspace)} | {(sharper ? "yes" : "no")} |");
        }
        int yes = e.Seeds.Count(s => s.Large.TopEigenvalue > s.Small.TopEigenvalue && s.Large.SharpnessFull > s.Small.SharpnessFull);
        sb.AppendLine();
        int yesControl = e.Seeds.Count(s => s.LargeSameSteps.TopEigenvalue > s.Small.TopEigenvalue && s.LargeSameSteps.SharpnessFull > s.Small.SharpnessFull);
        double lossRatio = e.Seeds.Average(s => s.Large.TrainLoss / s.Small.TrainLoss);
        sb.AppendLine($"The large-batch minimiser has both the larger top eigenvalue and the larger full-space sharpness on {yes} of {e.Seeds.Count} seeds.");
        sb.AppendLine();
        sb.AppendLine($"**Read this with care.** With the same number of epochs the large batch makes {o.SmallBatch}/{e.LargeBatch} ≈ {(double)o.SmallBatch / e.LargeBatch:F2} times as many updates, and its training loss is on average {lossRatio:F1} times the small batch's: it has not reached a minimum (the parametric plot below keeps descending past the small-batch end). Its larger curvature may be that of an earlier point of training rather than of a different kind of minimum. The control column tests this: it trains the large batch for {controlEpochs} epochs, as many updates as the small batch: there the large batch is sharper (larger λ_max and full-space φ) on {yesControl} of {e.Seeds.Count} seeds. Keskar et al. trained both to (near) 100% training accuracy before comparing.");
        sb.AppendLine();
        sb.AppendLine("![minimisers](minimizers.png)");
        sb.AppendLine();
        sb.AppendLine("## Keskar's parametric plot");
        sb.AppendLine();
        sb.AppendLine("Loss on the line θ(α) = (1 − α) θ_SB + α θ_LB (α = 0 small-batch, α = 1 large-batch minimiser), first seed:");
        sb.AppendLine();
        sb.AppendLine("![parametric plot](parametric.png)");
        sb.AppendLine();
        var s0 = e.Seeds[0];
        sb.AppendLine("| α | " + string.Join(" | ", s0.Alphas.Where((_, i) => i % 5 == 0).Select(a => a.ToString("F1", C))) + " |");
        sb.AppendLine("|---|" + string.Concat(s0.Alphas.Where((_, i) => i % 5 == 0).Select(_ => "---|")));
        sb.AppendLine("| train loss | " + string.Join(" | ", s0.LineTrainLoss.Where((_, i) => i % 5 == 0).Select(F)) + " |");
        sb.AppendLine("| test loss | " + string.Join(" | ", s0.LineTestLoss.Where((_, i) => i % 5 == 0).Select(F)) + " |");
        sb.AppendLine();
        sb.AppendLine("## Dinh et al. 2017: sharpness depends on the parametrisation");
        sb.AppendLine();
        sb.AppendLine("A ReLU network (same layers, small batch, first seed) is rescaled: the first layer's weights and biases × α, the second layer's weights ÷ α. ReLU is positively homogeneous, so the function is unchanged (the largest change of any centred logit is shown), but the curvature is not:");
        sb.AppendLine();
        sb.AppendLine("| α | train loss | max logit change | top eigenvalue | sharpness (full, ε = " + o.Epsilon.ToString(C) + ") |");
        sb.AppendLine("|---|---|---|---|---|");
        foreach (var r in e.Rescaling)
            sb.AppendLine($"| {r.Alpha.ToString("G3", C)} | {r.TrainLoss.ToString("F6", C)} | {r.MaxLogitChange.ToString("E1", C)} | {F(r.TopEigenvalue)} | {F(r.SharpnessFull)} |");
        sb.AppendLine();
        sb.AppendLine("The same minimiser can be made as sharp or as flat as one likes by a reparametrisation that does not change a single prediction. Sharpness therefore cannot explain generalization by itself; comparisons like the table above are meaningful only within one parametrisation (same architecture, similar weight scales). Keskar's box, relative to |x_i| + 1, absorbs part of the rescaling but not all of it.");
        return sb.ToString();
    }
}
