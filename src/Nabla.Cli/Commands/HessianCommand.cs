using System.CommandLine;
using Nabla.Analysis;
using Nabla.Symbolic;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla hessian EXPR</c>: the Hessian, simplified; with --at its values, eigenvalues and definiteness.</summary>
internal static class HessianCommand
{
    public static Command Create(TextWriter output)
    {
        var expr = new Argument<string>("expr") { Description = "the formula" };
        var shared = new SymbolicOptions();
        var c = new Command("hessian", "Hessian of a formula (symbolic; with --at also numeric with eigenvalues and definiteness)");
        c.Arguments.Add(expr);
        shared.AddTo(c);
        c.SetAction(r =>
        {
            var f = SymbolicOptions.ParseFormula(r.GetValue(expr));
            var at = r.GetValue(shared.At);
            var vars = PointSpec.Variables(f, r.GetValue(shared.Vars), at);
            double[]? point = at is null ? null : PointSpec.Parse(at, vars);
            var a = FunctionAnalysis.Analyze(f, vars, point);
            bool latex = r.GetValue(shared.Latex);
            if (r.GetValue(shared.Json))
            {
                var j = new JsonReport();
                j.Str("expression", f.ToString());
                j.Strs("variables", vars);
                j.StrMatrix("hessian", a.Hessian.Select(row => row.Select(e => e.ToString())));
                j.StrMatrix("latex", a.Hessian.Select(row => row.Select(e => e.ToLatex())));
                if (point is not null) AnalyzeCommand.WriteNumeric(j, a);
                output.WriteLine(j.Finish());
                return CliApp.Ok;
            }
            output.WriteLine($"f({string.Join(", ", vars)}) = {Fmt.Show(f, latex)}");
            AnalyzeCommand.PrintHessian(output, a, latex);
            if (point is not null) AnalyzeCommand.PrintNumeric(output, a);
            return CliApp.Ok;
        });
        return c;
    }
}
