using Nabla.Optimization;
using ScottPlot;

namespace Nabla.Cli.Commands;

/// <summary>Plots of the optimization commands: the path on the contour plot (2 variables) or on the graph of f (1 variable), least-squares convergence and the lecture's Figure 4.</summary>
internal static class OptimizationPlots
{
    public static void Path(Func<double[], double> f, IReadOnlyList<string> vars, IReadOnlyList<TracePoint> trace, string title, string file)
    {
        var plot = vars.Count switch
        {
            1 => PathOne(f, vars, trace),
            2 => PathTwo(f, vars, trace),
            _ => throw new NablaInputException($"--plot draws 1 or 2 variables; this formula has {vars.Count}"),
        };
        plot.Title(Shorten(title));
        Save(plot, file);
    }

    private static Plot PathTwo(Func<double[], double> f, IReadOnlyList<string> vars, IReadOnlyList<TracePoint> trace)
    {
        var pts = trace.Where(t => double.IsFinite(t.X[0]) && double.IsFinite(t.X[1]) && Math.Abs(t.X[0]) < 1e6 && Math.Abs(t.X[1]) < 1e6).ToList();
        double x0 = pts.Min(t => t.X[0]), x1 = pts.Max(t => t.X[0]), y0 = pts.Min(t => t.X[1]), y1 = pts.Max(t => t.X[1]);
        double px = Math.Max((x1 - x0) * 0.25, 0.5), py = Math.Max((y1 - y0) * 0.25, 0.5);
        (x0, x1, y0, y1) = (x0 - px, x1 + px, y0 - py, y1 + py);
        const int nx = 150, ny = 150;
        var grid = new Coordinates3d[ny, nx];
        var z = new double[ny, nx];
        double fmin = double.PositiveInfinity;
        var p = new double[2];
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++)
            {
                p[0] = x0 + (x1 - x0) * i / (nx - 1);
                p[1] = y0 + (y1 - y0) * j / (ny - 1);
                double v = f(p);
                z[ny - 1 - j, i] = v;
                if (double.IsFinite(v)) fmin = Math.Min(fmin, v);
            }
        // Log-scaled levels show valleys such as Rosenbrock's.
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++)
            {
                double v = z[ny - 1 - j, i];
                double s = double.IsFinite(v) ? Math.Log10(v - fmin + 1e-3) : double.NaN;
                z[ny - 1 - j, i] = s;
                grid[j, i] = new Coordinates3d(x0 + (x1 - x0) * i / (nx - 1), y0 + (y1 - y0) * j / (ny - 1), double.IsFinite(s) ? s : 0);
            }
        var plot = new Plot();
        var heat = plot.Add.Heatmap(z);
        heat.Extent = new CoordinateRect(x0, x1, y0, y1);
        heat.Colormap = new ScottPlot.Colormaps.Viridis();
        var bar = plot.Add.ColorBar(heat);
        bar.Label = "log10(f − min f + 0.001)";
        var contours = plot.Add.ContourLines(grid, 16);
        contours.LineColor = Colors.White.WithAlpha(0.5);
        contours.LabelStyle.IsVisible = false;
        var path = plot.Add.Scatter(pts.Select(t => t.X[0]).ToArray(), pts.Select(t => t.X[1]).ToArray());
        path.Color = Colors.Red;
        path.LineWidth = 2;
        path.MarkerSize = 6;
        path.LegendText = $"iterates ({trace.Count - 1} steps)";
        var start = plot.Add.Markers(new[] { new Coordinates(pts[0].X[0], pts[0].X[1]) }, MarkerShape.OpenCircle, 14, Colors.White);
        start.LegendText = "start";
        plot.Axes.SetLimits(x0, x1, y0, y1);
        plot.XLabel(vars[0]);
        plot.YLabel(vars[1]);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static Plot PathOne(Func<double[], double> f, IReadOnlyList<string> vars, IReadOnlyList<TracePoint> trace)
    {
        var pts = trace.Where(t => double.IsFinite(t.X[0]) && Math.Abs(t.X[0]) < 1e6).ToList();
        double lo = pts.Min(t => t.X[0]), hi = pts.Max(t => t.X[0]);
        double pad = Math.Max((hi - lo) * 0.2, 1);
        lo -= pad; hi += pad;
        const int n = 600;
        var xs = new double[n];
        var ys = new double[n];
        for (int i = 0; i < n; i++)
        {
            xs[i] = lo + (hi - lo) * i / (n - 1);
            ys[i] = f([xs[i]]);
        }
        var plot = new Plot();
        var curve = plot.Add.Scatter(xs, ys);
        curve.MarkerSize = 0;
        curve.LegendText = "f";
        var path = plot.Add.Scatter(pts.Select(t => t.X[0]).ToArray(), pts.Select(t => t.Value).ToArray());
        path.Color = Colors.Red;
        path.LineStyle.Pattern = LinePattern.Dashed;
        path.MarkerSize = 8;
        path.LegendText = "iterates";
        for (int k = 0; k < Math.Min(pts.Count, 12); k++)
        {
            var label = plot.Add.Text($"{pts[k].Iteration}", pts[k].X[0], pts[k].Value);
            label.LabelFontSize = 11;
        }
        plot.XLabel(vars[0]);
        plot.YLabel("f");
        plot.ShowLegend(Alignment.UpperCenter);
        return plot;
    }

    /// <summary>f − f* of gradient descent and Newton against the iteration (log scale), f* from QR.</summary>
    public static void LeastSquaresConvergence(LeastSquaresFit qr, LeastSquaresFit gd, LeastSquaresFit newton, string file)
    {
        var plot = new Plot();
        double fstar = qr.Value;
        double floor = Math.Max(1e-12 * Math.Max(1, fstar), 1e-300);
        var gdGap = gd.History.Select(v => Math.Log10(Math.Max(v - fstar, floor))).ToArray();
        var line = plot.Add.Scatter(Enumerable.Range(0, gdGap.Length).Select(i => (double)i).ToArray(), gdGap);
        line.MarkerSize = 0;
        line.LegendText = "gradient descent, step 1/L";
        var nt = plot.Add.Scatter(new double[] { 0, 1 }, newton.History.Select(v => Math.Log10(Math.Max(v - fstar, floor))).ToArray());
        nt.MarkerSize = 10;
        nt.Color = Colors.Red;
        nt.LegendText = "Newton (one step)";
        plot.Title($"least squares: log10(f(ω_k) − f*), f* = {fstar:G8} (QR)");
        plot.XLabel("iteration k");
        plot.YLabel("log10(f − f*)");
        plot.ShowLegend(Alignment.UpperRight);
        Save(plot, file);
    }

    /// <summary>The lecture's Figure 4: the data points, the fitted line and the residuals, for one feature.</summary>
    public static void Figure4(double[] x, double[] y, double intercept, double slope, string feature, string file)
    {
        var plot = new Plot();
        double lo = x.Min(), hi = x.Max();
        for (int i = 0; i < x.Length; i++)
        {
            var r = plot.Add.Line(x[i], y[i], x[i], intercept + slope * x[i]);
            r.Color = Colors.Gray.WithAlpha(0.5);
            r.LineWidth = 1;
            if (i == 0) r.LegendText = "residuals y − ŷ";
        }
        var points = plot.Add.Markers(x, y, MarkerShape.FilledCircle, 5, Colors.SteelBlue);
        points.LegendText = "data";
        var fit = plot.Add.Line(lo, intercept + slope * lo, hi, intercept + slope * hi);
        fit.Color = Colors.Red;
        fit.LineWidth = 2.5f;
        fit.LegendText = $"ŷ = {intercept:G4} + {slope:G4}·{feature}";
        plot.Title($"linear least squares: target against {feature}");
        plot.XLabel(feature + " (standardized)");
        plot.YLabel("target");
        plot.ShowLegend(Alignment.UpperLeft);
        Save(plot, file);
    }

    public static void Save(Plot plot, string file)
    {
        var full = System.IO.Path.GetFullPath(file);
        var temp = full + ".tmp.png";
        plot.SavePng(temp, 900, 650);
        File.Move(temp, full, overwrite: true); // atomic: an interrupted run never leaves half a PNG
    }

    private static string Shorten(string s) => s.Length <= 90 ? s : s[..87] + "...";
}
