using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Nabla.Curvature;
using Nabla.Learning;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla sharpness</c>: curvature of a trained model's training loss.</summary>
internal static class SharpnessCommand
{
    public static Command Create(TextWriter output)
    {
        var model = new Option<string>("--model") { Description = "model file written by nabla train", Required = true };
        var data = new Option<string>("--data") { Description = "digits, fashion-mnist, or a CSV file (the data set the model was trained on)", Required = true };
        var dataDir = new Option<string?>("--data-dir") { Description = "directory holding the data files" };
        var topK = new Option<int>("--top-k") { Description = "number of top Hessian eigenvalues (Lanczos)", DefaultValueFactory = _ => 5 };
        var samples = new Option<int>("--trace-samples") { Description = "Hutchinson probes", DefaultValueFactory = _ => 100 };
        var maxRows = new Option<int>("--max-rows") { Description = "use only the first N training rows (the full training split by default)", DefaultValueFactory = _ => int.MaxValue };
        var density = new Option<string?>("--density-plot") { Description = "write the eigenvalue density (SLQ) as a PNG to this file" };
        var seed = new Option<int>("--seed") { Description = "seed of the probes, start vectors and random subspaces", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "print one JSON object" };
        var command = new Command("sharpness", "Curvature of a trained model's training loss: top Hessian eigenvalues (Lanczos, with residual bounds), trace (Hutchinson), Keskar's ε-sharpness, eigenvalue density.")
        {
            model, data, dataDir, topK, samples, maxRows, density, seed, json,
        };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(model)!;
            var classifier = ModelFile.Load<double>(path);
            var set = LearningCli.LoadData(parse.GetValue(data)!, parse.GetValue(dataDir));
            int rowsCap = parse.GetValue(maxRows);
            if (rowsCap < 1) throw new NablaInputException($"--max-rows must be at least 1 (got {rowsCap})");
            var loss = NetworkCurvature.Loss(classifier, set, "train", rowsCap);
            var theta = classifier.Network.ParameterData.ToArray();
            var hessian = NetworkCurvature.Hessian(loss, theta);
            string? plotPath = parse.GetValue(density);
            var options = new SharpnessOptions { TopK = parse.GetValue(topK), TraceSamples = parse.GetValue(samples), Seed = parse.GetValue(seed), DensityProbes = plotPath is null ? 0 : 5 };
            if (options.TraceSamples < 2) throw new NablaInputException($"--trace-samples must be at least 2 (got {options.TraceSamples})");
            bool asJson = parse.GetValue(json);
            var progress = new Progress(asJson);
            var report = SharpnessAnalysis.Analyze(loss, hessian, theta, options, progress);
            progress.Done();
            if (plotPath is not null && report.Density is not null)
                CurvaturePlots.Density(report.Density, $"Hessian eigenvalue density: {Path.GetFileName(path)} on {set.Name}", plotPath);
            if (asJson) WriteJson(output, path, set.Name, report, plotPath);
            else WriteText(output, path, set.Name, report, plotPath);
            return CliApp.Ok;
        });
        return command;
    }

    private sealed class Progress(bool quiet) : IProgress<string>
    {
        private readonly bool enabled = !quiet && !Console.IsErrorRedirected;
        public void Report(string value) { if (enabled) Console.Error.Write($"\r  {value,-40}"); }
        public void Done() { if (enabled) Console.Error.Write($"\r{new string(' ', 44)}\r"); }
    }

    private static void WriteJson(TextWriter output, string model, string data, SharpnessReport r, string? plot)
    {
        var errors = new List<string>();
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("model", model);
            w.WriteString("data", data);
            w.WriteNumber("parameters", r.Parameters);
            LearningCli.Number(w, "loss", r.Loss, errors);
            w.WriteStartArray("top_eigenvalues");
            foreach (var p in r.Eigen.Largest) Value(w, p.Value, "top_eigenvalues", errors);
            w.WriteEndArray();
            w.WriteStartArray("ritz_residuals");
            foreach (var p in r.Eigen.Largest) Value(w, p.Residual, "ritz_residuals", errors);
            w.WriteEndArray();
            w.WriteStartObject("trace");
            LearningCli.Number(w, "estimate", r.Trace.Estimate, errors);
            LearningCli.Number(w, "stderr", r.Trace.StandardError, errors);
            w.WriteNumber("samples", r.Trace.Samples);
            w.WriteEndObject();
            w.WriteStartArray("keskar");
            foreach (var k in r.Keskar)
            {
                w.WriteStartObject();
                w.WriteNumber("epsilon", k.Epsilon);
                w.WriteString("space", k.Space);
                w.WriteNumber("dimension", k.Dimension);
                LearningCli.Number(w, "sharpness", k.Sharpness, errors);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (plot is null) w.WriteNull("density_plot");
            else w.WriteString("density_plot", plot);
            if (errors.Count > 0) w.WriteString("error", string.Join("; ", errors));
            w.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void Value(Utf8JsonWriter w, double v, string name, List<string> errors)
    {
        if (double.IsFinite(v)) w.WriteNumberValue(v);
        else { w.WriteNullValue(); errors.Add($"{name} has a non-finite entry"); }
    }

    private static void WriteText(TextWriter o, string model, string data, SharpnessReport r, string? plot)
    {
        var c = CultureInfo.InvariantCulture;
        o.WriteLine($"model       {model} on {data} (training split), {r.Parameters} parameters");
        o.WriteLine($"loss        {r.Loss.ToString("F6", c)}");
        o.WriteLine($"top Hessian eigenvalues (Lanczos, {r.Eigen.Iterations} steps, {r.Eigen.Status}; an eigenvalue lies within ± residual):");
        for (int i = 0; i < r.Eigen.Largest.Count; i++)
            o.WriteLine($"  λ{i + 1,-3} {r.Eigen.Largest[i].Value.ToString("G8", c),14}   ± {r.Eigen.Largest[i].Residual.ToString("E1", c)}");
        o.WriteLine($"trace       {r.Trace.Estimate.ToString("G6", c)} ± {r.Trace.StandardError.ToString("G2", c)} (Hutchinson, {r.Trace.Samples} Rademacher probes, ± one standard error)");
        o.WriteLine("Keskar ε-sharpness (max of the loss over the box, L-BFGS-B; % of 1 + loss):");
        foreach (var k in r.Keskar)
            o.WriteLine($"  ε = {k.Epsilon.ToString("G3", c),-7} {(k.Space == "full" ? "full space" : $"random {k.Dimension}-dim subspace"),-28} {k.Sharpness.ToString("G6", c),12}");
        if (plot is not null)
            o.WriteLine($"density     {plot}");
    }
}
