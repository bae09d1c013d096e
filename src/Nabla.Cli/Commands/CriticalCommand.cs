using System.CommandLine;

using Nabla.Analysis;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla critical EXPR [--box x=-2:2,y=-3:3] [--json]</c>: every critical point in the box, certified and classified, and the global extrema.</summary>
internal static class CriticalCommand
{
    public static Command Create(TextWriter output)
    {
        var expr = new Argument<string>("expr") { Description = "the function, e.g. \"x^3 - 3*x + y^2\"" };
        var box = new Option<string?>("--box") { Description = "the region, e.g. x=-2:2,y=-3:3 (default [-10, 10] per variable)" };
        var vars = new Option<string?>("--vars") { Description = "variable order, e.g. y,x (default: natural order of the names)" };
        var time = new Option<double>("--time-limit") { Description = "seconds for the certified search (default 5)", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "one JSON object" };
        var command = new Command("critical", "Find every critical point in a box (interval Newton/Krawczyk, certified), classify each, and give the global minimum and maximum on the box");
        command.Arguments.Add(expr);
        command.Options.Add(box);
        command.Options.Add(vars);
        command.Options.Add(time);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var f = AnalysisCli.Field(parse.GetValue(expr)!, parse.GetValue(vars));
            var b = AnalysisCli.ParseBox(parse.GetValue(box), f);
            var report = CriticalPoints.Find(f, b, Options(parse.GetValue(time)));
            if (parse.GetValue(json)) output.WriteLine(AnalysisCli.Json(s => AnalysisCli.WriteCriticalJson(s, report)));
            else
            {
                output.WriteLine($"f({string.Join(", ", f.Variables)}) = {f.Expression}");
                AnalysisCli.WriteCriticalText(output, report);
            }
            return CliApp.Ok;
        });
        return command;
    }

    internal static CriticalPointOptions Options(double seconds)
    {
        if (!(seconds > 0) || seconds > 3600) throw new NablaInputException($"--time-limit must be between 0 and 3600 seconds, not {seconds}");
        var o = new CriticalPointOptions();
        return o with
        {
            Budget = o.Budget with { TimeLimit = TimeSpan.FromSeconds(seconds) },
            GlobalBudget = o.GlobalBudget with { TimeLimit = TimeSpan.FromSeconds(Math.Max(0.5, seconds / 4)) },
        };
    }
}
