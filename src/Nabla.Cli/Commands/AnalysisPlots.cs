using System.Numerics;

using Nabla.Analysis;
using Nabla.Intervals;

using ScottPlot;

using Box = Nabla.Intervals.Box;

namespace Nabla.Cli.Commands;

/// <summary>
/// Figures for the Analysis commands (ScottPlot 5): for two variables a heat map with contour
/// lines, the gradient field as arrows and the critical points marked by class with a legend; for
/// one variable f, f' and f'' on one figure with the critical points. PNG or SVG by the file's
/// extension, written atomically (temporary file, then rename).
/// </summary>
internal static class AnalysisPlots
{
    public static void Write(ScalarField f, Box box, IReadOnlyList<CriticalPoint> points, string path, int width = 1000, int height = 800)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is not (".png" or ".svg")) throw new NablaInputException($"plot file '{path}' must end in .png or .svg");
        var plot = f.Dimension switch
        {
            1 => OneVariable(f, box, points),
            2 => TwoVariables(f, box, points),
            _ => throw new NablaInputException($"plots need a function of one or two variables; this one has {f.Dimension} ({string.Join(", ", f.Variables)})"),
        };
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir)) throw new NablaInputException($"the folder '{dir}' of the plot file does not exist");
        string tmp = Path.Combine(dir, "." + Path.GetFileNameWithoutExtension(full) + "." + Guid.NewGuid().ToString("N")[..8] + ext);
        try
        {
            if (ext == ".png") plot.SavePng(tmp, width, height);
            else plot.SaveSvg(tmp, width, height);
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    private static (MarkerShape Shape, Color Color) Style(PointClass c) => c switch
    {
        PointClass.StrictLocalMinimum => (MarkerShape.FilledCircle, Colors.Blue),
        PointClass.LocalMinimum => (MarkerShape.OpenCircle, Colors.Blue),
        PointClass.StrictLocalMaximum => (MarkerShape.FilledTriangleUp, Colors.Red),
        PointClass.LocalMaximum => (MarkerShape.OpenTriangleUp, Colors.Red),
        PointClass.SaddlePoint => (MarkerShape.FilledDiamond, Colors.Black),
        _ => (MarkerShape.Eks, Colors.Gray),
    };

    private static void AddCriticalPoints(Plot plot, IReadOnlyList<CriticalPoint> points, Func<CriticalPoint, Coordinates> where)
    {
        foreach (var group in points.GroupBy(p => p.Classification.Class).OrderBy(g => g.Key))
        {
            var (shape, color) = Style(group.Key);
            var coords = group.Select(where).ToArray();
            var m = plot.Add.Markers(coords, shape, 12, color);
            m.LegendText = $"{Classification.Text(group.Key)} ({coords.Length})";
            m.MarkerLineWidth = 2;
        }
    }

    private static Plot TwoVariables(ScalarField f, Box box, IReadOnlyList<CriticalPoint> points)
    {
        const int nx = 160, ny = 160;
        double x0 = box[0].Lo, x1 = box[0].Hi, y0 = box[1].Lo, y1 = box[1].Hi;
        var z = new double[ny, nx];
        var grid = new Coordinates3d[ny, nx];
        bool allFinite = true;
        var p = new double[2];
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++)
            {
                p[0] = x0 + (x1 - x0) * i / (nx - 1);
                p[1] = y0 + (y1 - y0) * j / (ny - 1);
                double v = f.Value(p);
                allFinite &= double.IsFinite(v);
                z[ny - 1 - j, i] = v; // row 0 is drawn at the top
                grid[j, i] = new Coordinates3d(p[0], p[1], v);
            }

        var plot = new Plot();
        var heat = plot.Add.Heatmap(z);
        heat.Extent = new CoordinateRect(x0, x1, y0, y1);
        heat.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(heat);
        if (allFinite)
        {
            var contours = plot.Add.ContourLines(grid, 14);
            contours.LineColor = Colors.White.WithAlpha(0.6);
            contours.LabelStyle.IsVisible = false; // the colour bar gives the levels
        }

        // Gradient arrows on a coarse grid, normalized (direction of steepest ascent).
        const int ax = 18, ay = 18;
        var arrows = new List<RootedCoordinateVector>();
        double cell = Math.Min((x1 - x0) / ax, (y1 - y0) / ay) * 0.8;
        for (int j = 0; j < ay; j++)
            for (int i = 0; i < ax; i++)
            {
                p[0] = x0 + (x1 - x0) * (i + 0.5) / ax;
                p[1] = y0 + (y1 - y0) * (j + 0.5) / ay;
                var g = f.GradientAt(p);
                double norm = Math.Sqrt(g[0] * g[0] + g[1] * g[1]);
                if (!(norm > 0) || !double.IsFinite(norm)) continue;
                // ScottPlot 5.1's vector field draws a vector's y component in screen direction (down is
                // positive), so it is negated here to make the arrow point up the slope.
                arrows.Add(new RootedCoordinateVector(new Coordinates(p[0], p[1]), new Vector2((float)(cell * g[0] / norm), (float)(-cell * g[1] / norm))));
            }
        if (arrows.Count > 0)
        {
            var field = plot.Add.VectorField(arrows, Colors.White.WithAlpha(0.8));
            field.LegendText = "gradient direction (uphill)";
        }

        AddCriticalPoints(plot, points, c => new Coordinates(c.Point[0], c.Point[1]));
        plot.Axes.SetLimits(x0, x1, y0, y1);
        plot.XLabel(f.Variables[0]);
        plot.YLabel(f.Variables[1]);
        plot.Title(Shorten($"f({f.Variables[0]}, {f.Variables[1]}) = {f.Expression}"));
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static Plot OneVariable(ScalarField f, Box box, IReadOnlyList<CriticalPoint> points)
    {
        const int n = 800;
        double x0 = box[0].Lo, x1 = box[0].Hi;
        var xs = new double[n];
        var y0 = new double[n];
        var y1 = new double[n];
        var y2 = new double[n];
        var h = f.Hessian[0][0];
        var g = f.Gradient[0];
        for (int i = 0; i < n; i++)
        {
            xs[i] = x0 + (x1 - x0) * i / (n - 1);
            double[] p = [xs[i]];
            y0[i] = f.Value(p);
            y1[i] = g.Evaluate(p, f.Variables);
            y2[i] = h.Evaluate(p, f.Variables);
        }
        var plot = new Plot();
        string v = f.Variables[0];
        var s0 = plot.Add.ScatterLine(xs, y0, Colors.Black);
        s0.LegendText = $"f({v})";
        s0.LineWidth = 2;
        var s1 = plot.Add.ScatterLine(xs, y1, Colors.Blue);
        s1.LegendText = $"f'({v})";
        var s2 = plot.Add.ScatterLine(xs, y2, Colors.Green);
        s2.LegendText = $"f''({v})";
        s2.LinePattern = LinePattern.Dashed;
        plot.Add.HorizontalLine(0, 1, Colors.Gray);
        AddCriticalPoints(plot, points, c => new Coordinates(c.Point[0], c.Value));
        plot.XLabel(v);
        plot.Title(Shorten($"f({v}) = {f.Expression}"));
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static string Shorten(string s) => s.Length <= 90 ? s : s[..87] + "...";
}
