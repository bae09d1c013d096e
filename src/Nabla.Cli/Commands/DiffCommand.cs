using System.CommandLine;
using Nabla.Symbolic;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla diff EXPR [--wrt x,y] [--order N]</c>: a derivative, simplified, optionally evaluated.</summary>
internal static class DiffCommand
{
    public static Command Create(TextWriter output)
    {
        var expr = new Argument<string>("expr") { Description = "the formula, e.g. \"x*y^3/(x^2+y^2)\"" };
        var wrt = new Option<string?>("--wrt") { Description = "variables to differentiate by, applied left to right (x,y = by x, then by y)" };
        var order = new Option<int?>("--order") { Description = "how many times to differentiate by the (single) --wrt variable" };
        var shared = new SymbolicOptions();
        var c = new Command("diff", "Differentiate a formula symbolically (any order), optionally evaluate at a point");
        c.Arguments.Add(expr);
        c.Options.Add(wrt);
        c.Options.Add(order);
        shared.AddTo(c);
        c.SetAction(r =>
        {
            var f = SymbolicOptions.ParseFormula(r.GetValue(expr));
            var at = r.GetValue(shared.At);
            var vars = PointSpec.Variables(f, r.GetValue(shared.Vars), at);
            var by = (r.GetValue(wrt) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
            if (by.Count == 0)
            {
                if (vars.Count != 1) throw new NablaInputException(vars.Count == 0
                    ? "the formula has no variables: nothing to differentiate by"
                    : $"say which variable to differentiate by: --wrt {vars[0]} (the formula has {string.Join(", ", vars)})");
                by.Add(vars[0]);
            }
            foreach (var v in by)
                if (!vars.Contains(v) && Expr.Parse(v) is var p && p.Kind != ExprKind.Variable)
                    throw new NablaInputException($"--wrt: '{v}' is not a variable name");
            int? n = r.GetValue(order);
            if (n is not null)
            {
                if (by.Count != 1) throw new NablaInputException("--order N applies to one --wrt variable; for mixed derivatives list them: --wrt x,y,y");
                if (n < 0 || n > SymbolicLimits.MaxDerivativeOrder) throw new NablaInputException($"--order must be between 0 and {SymbolicLimits.MaxDerivativeOrder}");
                by = Enumerable.Repeat(by[0], n.Value).ToList();
            }
            // Print the simplified form; evaluate the unsimplified one (simplification may fill
            // removable singularities, which DESIGN.md forbids doing silently).
            var raw = f.Diff(by.ToArray());
            var d = raw.Simplify();
            double[]? point = at is null ? null : PointSpec.Parse(at, vars);
            double value = point is null ? double.NaN : raw.Evaluate(point, vars);
            bool latex = r.GetValue(shared.Latex);
            if (r.GetValue(shared.Json))
            {
                var j = new JsonReport();
                j.Str("expression", f.ToString());
                j.Strs("variables", vars);
                j.Strs("wrt", by);
                j.Str("derivative", d.ToString());
                j.Str("latex", d.ToLatex());
                if (point is not null) { j.Nums("point", point); j.Num("value", value); }
                output.WriteLine(j.Finish());
                return CliApp.Ok;
            }
            var name = latex ? LatexPrinter.PartialDerivative(by) : Fmt.Leibniz(by);
            output.WriteLine($"{(latex ? "f" : "f")}({string.Join(", ", vars)}) = {Fmt.Show(f, latex)}");
            output.WriteLine($"{name} = {Fmt.Show(d, latex)}");
            if (point is not null) output.WriteLine($"{name} at {Fmt.Point(vars, point)}: {Fmt.Num(value)}");
            return CliApp.Ok;
        });
        return c;
    }
}
