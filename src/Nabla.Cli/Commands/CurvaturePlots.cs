using Nabla.Curvature;
using ScottPlot;

namespace Nabla.Cli.Commands;

/// <summary>Figures of the curvature commands (ScottPlot 5), written atomically.</summary>
internal static class CurvaturePlots
{
    private static void Save(Plot plot, string path, int width = 900, int height = 600)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $".{Path.GetFileNameWithoutExtension(path)}.{Guid.NewGuid():N}.png");
        try
        {
            plot.SavePng(tmp, width, height);
            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    public static void Density(SpectralDensityResult d, string title, string path)
    {
        var plot = new Plot();
        // Log scale of the density shows the bulk and the outliers together, as PyHessian's plot does.
        var logDensity = d.Density.Select(v => Math.Log10(Math.Max(v, 1e-12))).ToArray();
        var s = plot.Add.ScatterLine(d.Grid, logDensity, Colors.Blue);
        s.LegendText = $"SLQ density ({d.Nodes.Count} probes, σ = {d.Sigma:G3})";
        plot.XLabel("eigenvalue");
        plot.YLabel("log10 density");
        plot.Axes.SetLimitsY(Math.Max(-6, logDensity.Min()), logDensity.Max() + 0.5); // the deep gaps carry no information
        plot.Title(title);
        plot.ShowLegend(Alignment.UpperRight);
        Save(plot, path);
    }

    public static void ParametricLine(SeedResult r, string path)
    {
        var plot = new Plot();
        var a = plot.Add.ScatterLine(r.Alphas, r.LineTrainLoss, Colors.Blue);
        a.LegendText = "train loss";
        var b = plot.Add.ScatterLine(r.Alphas, r.LineTestLoss, Colors.Red);
        b.LegendText = "test loss";
        plot.Add.VerticalLine(0, 1, Colors.Gray);
        plot.Add.VerticalLine(1, 1, Colors.Gray);
        plot.XLabel("α   (0 = small-batch minimiser, 1 = large-batch minimiser)");
        plot.YLabel("cross-entropy");
        plot.Axes.SetLimitsY(0, Math.Min(5, Math.Max(r.LineTrainLoss.Max(), r.LineTestLoss.Max()) * 1.05));
        plot.Title($"Loss on the line (1 − α) θ_SB + α θ_LB, seed {r.Seed}");
        plot.ShowLegend(Alignment.UpperCenter);
        Save(plot, path);
    }

    public static void Comparison(BatchSizeExperimentResult e, string path)
    {
        var plot = new Plot();
        var sb = plot.Add.Markers(e.Seeds.Select(s => s.Small.TopEigenvalue).ToArray(), e.Seeds.Select(s => s.Small.SharpnessFull).ToArray(), MarkerShape.FilledCircle, 10, Colors.Blue);
        sb.LegendText = $"small batch ({e.Options.SmallBatch})";
        var lb = plot.Add.Markers(e.Seeds.Select(s => s.Large.TopEigenvalue).ToArray(), e.Seeds.Select(s => s.Large.SharpnessFull).ToArray(), MarkerShape.FilledSquare, 10, Colors.Red);
        lb.LegendText = $"large batch ({e.LargeBatch})";
        plot.XLabel("top Hessian eigenvalue");
        plot.YLabel($"Keskar sharpness (ε = {e.Options.Epsilon:G3}, full space)");
        plot.Title("Minimisers of each seed");
        plot.ShowLegend(Alignment.UpperLeft);
        Save(plot, path);
    }
}
