using System.CommandLine;
using Nabla.Symbolic;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla grad EXPR</c>: the gradient, simplified, optionally evaluated at a point.</summary>
internal static class GradCommand
{
    public static Command Create(TextWriter output)
    {
        var expr = new Argument<string>("expr") { Description = "the formula" };
        var shared = new SymbolicOptions();
        var c = new Command("grad", "Gradient of a formula (symbolic; with --at also numeric)");
        c.Arguments.Add(expr);
        shared.AddTo(c);
        c.SetAction(r =>
        {
            var f = SymbolicOptions.ParseFormula(r.GetValue(expr));
            var at = r.GetValue(shared.At);
            var vars = PointSpec.Variables(f, r.GetValue(shared.Vars), at);
            // Numbers come from the unsimplified derivatives: simplification may fill removable
            // singularities (x/x -> 1), which DESIGN.md forbids doing silently.
            var raw = f.Gradient(vars);
            var g = Nabla.Symbolic.Simplification.Simplifier.Simplify(raw);
            double[]? point = at is null ? null : PointSpec.Parse(at, vars);
            bool latex = r.GetValue(shared.Latex);
            double value = double.NaN;
            var gv = new double[vars.Count];
            if (point is not null)
            {
                value = f.Evaluate(point, vars);
                for (int i = 0; i < raw.Length; i++) gv[i] = raw[i].Evaluate(point, vars);
            }
            if (r.GetValue(shared.Json))
            {
                var j = new JsonReport();
                j.Str("expression", f.ToString());
                j.Strs("variables", vars);
                j.Strs("gradient", g.Select(e => e.ToString()));
                j.Strs("latex", g.Select(e => e.ToLatex()));
                if (point is not null) { j.Nums("point", point); j.Num("value", value); j.Nums("gradient_value", gv); }
                output.WriteLine(j.Finish());
                return CliApp.Ok;
            }
            output.WriteLine($"f({string.Join(", ", vars)}) = {Fmt.Show(f, latex)}");
            if (latex)
                output.WriteLine(@"\nabla f = \begin{pmatrix} " + string.Join(@" \\ ", g.Select(e => e.ToLatex())) + @" \end{pmatrix}");
            else
            {
                output.WriteLine($"∇f = ({string.Join(", ", g.Select(e => e.ToString()))})");
                var names = vars.Select(v => Fmt.Leibniz([v])).ToArray();
                int w = names.Max(s => s.Length);
                for (int i = 0; i < g.Length; i++) output.WriteLine($"  {names[i].PadRight(w)} = {g[i]}");
            }
            if (point is not null)
            {
                output.WriteLine($"at {Fmt.Point(vars, point)}:");
                output.WriteLine($"  f  = {Fmt.Num(value)}");
                output.WriteLine($"  ∇f = ({string.Join(", ", gv.Select(Fmt.Num))})");
            }
            return CliApp.Ok;
        });
        return c;
    }
}
