using System.CommandLine;

using Nabla.Analysis;
using Nabla.Symbolic;

namespace Nabla.Cli.Commands;

/// <summary>
/// The Analysis layer's part of <c>nabla analyze</c>: critical points in the box (certified and
/// classified), global extrema on the box, the plot, and for the lecture's example the mixed
/// partials at the origin.
/// </summary>
internal static class AnalyzeExtension
{
    /// <summary>The lecture's example, defined at the origin as the lecture does (∂f/∂x(0, y) = y needs f(0, 0) = 0).</summary>
    public const string BuiltInExample = AnalysisCli.LectureExample;

    internal sealed class Options
    {
        public readonly Option<string?> Box = new("--box") { Description = "the region for critical points and extrema, e.g. x=-2:2,y=-3:3 (default [-10, 10] per variable)" };
        public readonly Option<string?> Plot = new("--plot") { Description = "write a plot (.png or .svg): heat map, contours, gradient arrows, critical points by class; f, f', f'' for one variable" };
        public readonly Option<double> TimeLimit = new("--time-limit") { Description = "seconds for the certified critical-point search (default 5)", DefaultValueFactory = _ => 5 };

        public void AddTo(Command c)
        {
            c.Options.Add(Box);
            c.Options.Add(Plot);
            c.Options.Add(TimeLimit);
        }
    }

    private static (ScalarField F, CriticalPointReport Report, MixedPartialsReport? Mixed) Run(ParseResult r, Options o, Expr f, IReadOnlyList<string> vars, bool builtIn)
    {
        var field = new ScalarField(f, vars);
        var box = AnalysisCli.ParseBox(r.GetValue(o.Box), field);
        var report = CriticalPoints.Find(field, box, CriticalCommand.Options(r.GetValue(o.TimeLimit)));
        var plot = r.GetValue(o.Plot);
        if (!string.IsNullOrWhiteSpace(plot)) AnalysisPlots.Write(field, box, report.Points, plot);
        var mixed = builtIn ? MixedPartials.At(field, new double[field.Dimension]) : null;
        return (field, report, mixed);
    }

    /// <summary>
    /// A warning when --at names a point where the formula is not smooth (an if() switches there, or
    /// a removable singularity): the symbolic values printed above come from one branch only.
    /// </summary>
    private static string? SmoothnessWarning(ScalarField field, double[]? p)
    {
        if (p is null) return null;
        double rad = 1e-9 * Math.Max(1, p.Max(Math.Abs));
        var near = p.Select(v => new Intervals.Interval(v - rad, v + rad)).ToArray();
        var h = field.HessianOver(near);
        if (h.All(x => x.IsContinuous && x.IsBounded) && field.ValueOver(near).IsContinuous) return null;
        return "f is not twice continuously differentiable at this point (a branch of if() or a singularity meets it): the Hessian above is that of the branch taken at the point, not the second derivative of f there; `nabla mixed` computes the partials from their limit definitions";
    }

    public static void WriteText(TextWriter output, ParseResult r, Options o, Expr f, IReadOnlyList<string> vars, bool builtIn, double[]? point)
    {
        var (field, report, mixed) = Run(r, o, f, vars, builtIn);
        if (SmoothnessWarning(field, point) is { } warning) output.WriteLine($"  warning: {warning}");
        output.WriteLine();
        AnalysisCli.WriteCriticalText(output, report);
        var plot = r.GetValue(o.Plot);
        if (!string.IsNullOrWhiteSpace(plot)) output.WriteLine($"plot written to {Path.GetFullPath(plot)}");
        if (mixed is not null)
        {
            output.WriteLine();
            output.WriteLine("The lecture's point: mixed partials at (0, 0) from their limit definitions:");
            foreach (var m in mixed.Partials)
                output.WriteLine($"  ∂/∂{m.Then}(∂f/∂{m.First}) (first {m.First}, then {m.Then}) = {(m.Result.Value is double v ? AnalysisCli.Fmt(v) : "-")} ({m.Result.StatusText})");
            output.WriteLine($"  {mixed.Summary}");
        }
    }

    public static void WriteJson(JsonReport j, ParseResult r, Options o, Expr f, IReadOnlyList<string> vars, bool builtIn, double[]? point)
    {
        var (field, report, mixed) = Run(r, o, f, vars, builtIn);
        var sink = new AnalysisCli.JsonSink(j.Writer);
        var w = j.Writer;
        if (SmoothnessWarning(field, point) is { } warning) w.WriteString("warning", warning);
        w.WritePropertyName("box");
        sink.BoxValue(report.Box, "box");
        w.WriteBoolean("complete", report.Complete);
        w.WriteStartArray("points");
        foreach (var c in report.Points)
        {
            w.WriteStartObject();
            AnalysisCli.WritePoint(sink, c.Point, c.Enclosure, c.Certified, c.Value, c.Classification);
            w.WriteString("found_by", c.Origin);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("undecided_boxes");
        foreach (var b in report.UndecidedBoxes) sink.BoxValue(b, "undecided_boxes");
        w.WriteEndArray();
        AnalysisCli.WriteExtremum(sink, "global_minimum", report.GlobalMinimum);
        AnalysisCli.WriteExtremum(sink, "global_maximum", report.GlobalMaximum);
        w.WriteString("status", report.Status);
        var plot = r.GetValue(o.Plot);
        if (!string.IsNullOrWhiteSpace(plot)) w.WriteString("plot", Path.GetFullPath(plot));
        if (mixed is not null)
        {
            w.WriteStartArray("mixed_partials_at_origin");
            foreach (var m in mixed.Partials)
            {
                w.WriteStartObject();
                w.WriteString("first", m.First);
                w.WriteString("then", m.Then);
                if (m.Result.Value is double v) sink.Num("value", v); else w.WriteNull("value");
                w.WriteString("status", m.Result.StatusText);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("smoothness", mixed.Summary);
        }
        foreach (var e in sink.Errors) j.AddError(e);
    }
}
