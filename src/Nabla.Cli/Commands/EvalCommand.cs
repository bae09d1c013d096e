using System.CommandLine;
using Nabla.Symbolic;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla eval EXPR --at ...</c>: the value at a point (undefined points are reported, exit code 0).</summary>
internal static class EvalCommand
{
    public static Command Create(TextWriter output)
    {
        var expr = new Argument<string>("expr") { Description = "the formula" };
        var shared = new SymbolicOptions();
        var c = new Command("eval", "Evaluate a formula at a point");
        c.Arguments.Add(expr);
        shared.AddTo(c);
        c.SetAction(r =>
        {
            var f = SymbolicOptions.ParseFormula(r.GetValue(expr));
            var at = r.GetValue(shared.At);
            var vars = PointSpec.Variables(f, r.GetValue(shared.Vars), at);
            if (at is null && vars.Count > 0) throw new NablaInputException($"give the point with --at, e.g. --at {string.Join(",", vars.Select(v => v + "=1"))}");
            double[] point = at is null ? [] : PointSpec.Parse(at, vars);
            double value = f.Evaluate(point, vars);
            if (r.GetValue(shared.Json))
            {
                var j = new JsonReport();
                j.Str("expression", f.ToString());
                j.Strs("variables", vars);
                j.Nums("point", point);
                j.Num("value", value);
                output.WriteLine(j.Finish());
                return CliApp.Ok;
            }
            bool latex = r.GetValue(shared.Latex);
            output.WriteLine($"f({string.Join(", ", vars)}) = {Fmt.Show(f, latex)}");
            var where = vars.Count == 0 ? "" : $" at {Fmt.Point(vars, point)}";
            output.WriteLine(double.IsFinite(value) ? $"f{where} = {Fmt.Num(value)}" : $"f is {(double.IsNaN(value) ? "undefined" : "infinite")}{where}");
            return CliApp.Ok;
        });
        return c;
    }
}
