using System.CommandLine;
using System.IO.Compression;
using Nabla.Optimization;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla lstsq</c>: the lecture's least-squares example, min ‖y − Aω‖², by QR, normal equations, gradient descent and Newton.</summary>
internal static class LstsqCommand
{
    public static Command Create(TextWriter output)
    {
        var data = new Option<string>("--data") { Description = "diabetes (the vendored data set, 442 x 10) or a CSV file whose last column is the target", DefaultValueFactory = _ => "diabetes" };
        var feature = new Option<string?>("--feature") { Description = "fit on one feature only (e.g. bmi); with --plot also draws the lecture's Figure 4" };
        var iterations = new Option<int>("--iterations") { Description = "gradient-descent iterations (default 2000)", DefaultValueFactory = _ => 2000 };
        var json = new Option<bool>("--json") { Description = "print one JSON object" };
        var plot = new Option<string?>("--plot") { Description = "PNG file: convergence of gradient descent and Newton (with --feature: also FILE-fit.png, Figure 4)" };
        var c = new Command("lstsq", "Linear least squares min ||y - A w||^2: QR, normal equations, gradient descent (grad = -2A'(y - Aw)) and Newton (one step)");
        foreach (var o in new Option[] { data, feature, iterations, json, plot })
            c.Options.Add(o);
        c.SetAction(r =>
        {
            var raw = Load(r.GetValue(data)!);
            string? one = r.GetValue(feature);
            if (one is not null)
                raw = raw.Select([one]);
            var d = raw.StandardizeWithIntercept();
            int k = r.GetValue(iterations);
            if (k is < 0 or > 10_000_000)
                throw new NablaInputException($"--iterations must be between 0 and 10000000 (got {k})");
            var qr = LinearLeastSquares.Qr(d);
            var normal = LinearLeastSquares.NormalEquations(d);
            var gd = LinearLeastSquares.GradientDescent(d, k);
            var newton = LinearLeastSquares.Newton(d);
            var fits = new[] { qr, normal, gd, newton };
            string? plotFile = r.GetValue(plot);
            string? figure4 = null;
            if (plotFile is not null)
            {
                OptimizationPlots.LeastSquaresConvergence(qr, gd, newton, plotFile);
                if (one is not null)
                {
                    figure4 = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(plotFile))!, Path.GetFileNameWithoutExtension(plotFile) + "-fit.png");
                    var x = Enumerable.Range(0, d.Samples).Select(i => d.A[i, 1]).ToArray();
                    OptimizationPlots.Figure4(x, d.Y, qr.Weights[0], qr.Weights[1], one, figure4);
                }
            }
            if (r.GetValue(json))
            {
                var j = new JsonReport();
                j.Str("data", r.GetValue(data)!);
                j.Writer.WriteNumber("samples", d.Samples);
                j.Strs("columns", d.Columns);
                j.Writer.WriteStartObject("fits");
                foreach (var fit in fits)
                {
                    j.Writer.WriteStartObject(fit.Method);
                    j.Nums("weights", fit.Weights);
                    j.Num("value", fit.Value);
                    if (fit.History.Count > 0) j.Writer.WriteNumber("iterations", fit.History.Count - 1);
                    j.Writer.WriteEndObject();
                }
                j.Writer.WriteEndObject();
                j.Num("max_weight_difference_gd_vs_qr", gd.Weights.Zip(qr.Weights, (a, b) => Math.Abs(a - b)).Max());
                j.Num("max_weight_difference_newton_vs_qr", newton.Weights.Zip(qr.Weights, (a, b) => Math.Abs(a - b)).Max());
                if (plotFile is not null) j.Str("plot", plotFile);
                if (figure4 is not null) j.Str("figure4", figure4);
                output.WriteLine(j.Finish());
                return CliApp.Ok;
            }
            output.WriteLine($"least squares min ||y - A w||^2 on {r.GetValue(data)}: {d.Samples} samples, {d.Parameters} weights (intercept + standardized {string.Join(", ", d.Columns.Skip(1))})");
            output.WriteLine($"  {"method",-18} {"f(w) = ||y - Aw||^2",22}  iterations");
            foreach (var fit in fits)
                output.WriteLine($"  {fit.Method,-18} {Fmt.Num(fit.Value),22}  {(fit.History.Count > 0 ? (fit.History.Count - 1).ToString() : "direct")}");
            output.WriteLine($"  {"weight",-12} {"qr",14} {"normal eq.",14} {"grad. descent",14} {"newton",14}");
            for (int i = 0; i < d.Parameters; i++)
                output.WriteLine($"  {d.Columns[i],-12} {qr.Weights[i],14:G8} {normal.Weights[i],14:G8} {gd.Weights[i],14:G8} {newton.Weights[i],14:G8}");
            output.WriteLine("Newton reaches the QR solution in one step from w = 0 (the Hessian 2A'A is constant); gradient descent with step 1/L approaches it linearly.");
            if (plotFile is not null) output.WriteLine($"plot: {plotFile}");
            if (figure4 is not null) output.WriteLine($"figure 4: {figure4}");
            return CliApp.Ok;
        });
        return c;
    }

    private static RegressionData Load(string source)
    {
        if (string.Equals(source, "diabetes", StringComparison.OrdinalIgnoreCase))
        {
            var asm = typeof(LstsqCommand).Assembly;
            using var features = new StreamReader(new GZipStream(asm.GetManifestResourceStream("diabetes_data_raw.csv.gz")!, CompressionMode.Decompress));
            using var targets = new StreamReader(new GZipStream(asm.GetManifestResourceStream("diabetes_target.csv.gz")!, CompressionMode.Decompress));
            return RegressionData.Diabetes(features, targets);
        }
        if (!File.Exists(source))
            throw new NablaInputException($"--data: no file '{source}' (use 'diabetes' or a CSV file)");
        if (new FileInfo(source).Length > 200_000_000)
            throw new NablaInputException($"--data: '{source}' is larger than 200 MB");
        using var reader = new StreamReader(source);
        return RegressionData.Read(reader, source: source);
    }
}
