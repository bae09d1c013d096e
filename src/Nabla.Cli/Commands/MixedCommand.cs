using System.CommandLine;

using Nabla.Analysis;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla mixed EXPR --at POINT [--json]</c>: both orders of every mixed second partial from the limit definition, Schwarz's symmetry, and smoothness evidence.</summary>
internal static class MixedCommand
{
    public static Command Create(TextWriter output)
    {
        var expr = new Argument<string>("expr") { Description = "the function (default: the lecture's example)", Arity = ArgumentArity.ZeroOrOne };
        var at = new Option<string?>("--at") { Description = "the point, e.g. 0,0 (default: the origin)" };
        var vars = new Option<string?>("--vars") { Description = "variable order (default: natural order of the names)" };
        var json = new Option<bool>("--json") { Description = "one JSON object" };
        var command = new Command("mixed", "Mixed second partials in both orders at a point, from their limit definitions where the formula is not smooth; Schwarz symmetry; continuity of f and its partials");
        command.Arguments.Add(expr);
        command.Options.Add(at);
        command.Options.Add(vars);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            string? formula = parse.GetValue(expr);
            bool lecture = string.IsNullOrWhiteSpace(formula);
            var f = AnalysisCli.Field(lecture ? AnalysisCli.LectureExample : formula!, parse.GetValue(vars));
            var atText = parse.GetValue(at);
            var p = string.IsNullOrWhiteSpace(atText) ? new double[f.Dimension] : AnalysisCli.ParsePoint(atText, f);
            var r = MixedPartials.At(f, p);
            if (parse.GetValue(json))
            {
                output.WriteLine(AnalysisCli.Json(s =>
                {
                    var w = s.W;
                    w.WriteString("expression", f.Expression.ToString());
                    w.WriteStartArray("variables");
                    foreach (var v in f.Variables) w.WriteStringValue(v);
                    w.WriteEndArray();
                    s.Nums("point", p);
                    w.WriteStartArray("partials");
                    foreach (var m in r.Partials)
                    {
                        w.WriteStartObject();
                        w.WriteString("first", m.First);
                        w.WriteString("then", m.Then);
                        if (m.Result.Value is double v) s.Num("value", v); else w.WriteNull("value");
                        w.WriteString("status", m.Result.StatusText);
                        if (m.Result.ErrorEstimate is double e && m.Result.Status == LimitStatus.Converged) s.Num("error_estimate", e); else w.WriteNull("error_estimate");
                        w.WriteString("method", m.Method);
                        w.WriteString("note", m.Result.Note);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    s.NullableBool("symmetric", r.Symmetric);
                    w.WriteStartObject("continuity");
                    s.NullableBool("f", r.FContinuous.Continuous);
                    s.NullableBool("first_partials", r.FirstPartialsContinuous);
                    s.NullableBool("second_partials", r.SecondPartialsContinuous);
                    w.WriteEndObject();
                    w.WriteString("summary", r.Summary);
                    if (lecture) w.WriteString("note", "no formula given: the lecture's example");
                }));
                return CliApp.Ok;
            }
            if (lecture) output.WriteLine("no formula given: running the lecture's example x*y^3/(x^2+y^2), defined as 0 at the origin");
            output.WriteLine($"f({string.Join(", ", f.Variables)}) = {f.Expression}");
            output.WriteLine($"at {AnalysisCli.Fmt(p)}:");
            var rows = new List<string[]> { new[] { "partial", "value", "status", "error", "method" } };
            foreach (var m in r.Partials)
                rows.Add([$"∂/∂{m.Then}(∂f/∂{m.First})  (first {m.First}, then {m.Then})",
                    m.Result.Value is double v ? AnalysisCli.Fmt(v) : "-",
                    m.Result.StatusText,
                    m.Result.ErrorEstimate is double e ? AnalysisCli.Fmt(e) : "-",
                    m.Method]);
            if (r.Partials.Count > 0) output.Write(AnalysisCli.Table(rows));
            foreach (var m in r.Partials.Where(m => m.Result.Status != LimitStatus.Converged))
                output.WriteLine($"  first {m.First}, then {m.Then}: {m.Result.Note}");
            output.WriteLine(r.Symmetric switch
            {
                true => "Schwarz: the mixed partials agree at this point",
                false => "Schwarz: the mixed partials DIFFER at this point (so f is not C² here)",
                _ => "Schwarz: could not compare (a partial is missing)",
            });
            output.WriteLine("continuity (limits along axes, diagonals and parabolas; numerical evidence):");
            foreach (var (name, ev) in r.Evidence)
                output.WriteLine($"  {name,-22} {(ev.Continuous switch { true => "continuous", false => "NOT continuous", _ => "undecided" }),-15} {ev.Reason}");
            output.WriteLine(r.Summary);
            return CliApp.Ok;
        });
        return command;
    }
}
