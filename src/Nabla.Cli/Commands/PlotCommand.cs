using System.CommandLine;

using Nabla.Analysis;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla plot EXPR --out FILE [--box ...]</c>: contour/heat map with gradient arrows and classified critical points (two variables), or f, f', f'' (one variable).</summary>
internal static class PlotCommand
{
    public static Command Create(TextWriter output)
    {
        var expr = new Argument<string>("expr") { Description = "the function of one or two variables" };
        var outFile = new Option<string>("--out") { Description = "the image file, .png or .svg", Required = true };
        var box = new Option<string?>("--box") { Description = "the region, e.g. x=-2:2,y=-3:3 (default [-10, 10] per variable)" };
        var vars = new Option<string?>("--vars") { Description = "variable order (default: natural order of the names)" };
        var json = new Option<bool>("--json") { Description = "one JSON object describing what was drawn" };
        var command = new Command("plot", "Plot a function: heat map, contours, gradient arrows and critical points by class (two variables); f, f', f'' (one variable)");
        command.Arguments.Add(expr);
        command.Options.Add(outFile);
        command.Options.Add(box);
        command.Options.Add(vars);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var f = AnalysisCli.Field(parse.GetValue(expr)!, parse.GetValue(vars));
            if (f.Dimension > 2) throw new NablaInputException($"plots need a function of one or two variables; this one has {f.Dimension} ({string.Join(", ", f.Variables)})");
            var b = AnalysisCli.ParseBox(parse.GetValue(box), f);
            var path = parse.GetValue(outFile)!;
            var report = CriticalPoints.Find(f, b, CriticalCommand.Options(10) with { GlobalExtrema = false });
            AnalysisPlots.Write(f, b, report.Points, path);
            if (parse.GetValue(json))
                output.WriteLine(AnalysisCli.Json(s =>
                {
                    s.W.WriteString("expression", f.Expression.ToString());
                    s.W.WriteString("file", Path.GetFullPath(path));
                    s.W.WriteNumber("critical_points", report.Points.Count);
                    s.W.WriteBoolean("complete", report.Complete);
                }));
            else
                output.WriteLine($"wrote {Path.GetFullPath(path)} ({report.Points.Count} critical point{(report.Points.Count == 1 ? "" : "s")} marked{(report.Complete ? "" : "; search incomplete")})");
            return CliApp.Ok;
        });
        return command;
    }
}
