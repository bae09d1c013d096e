using System.CommandLine;
using Nabla.Analysis;
using Nabla.Symbolic;

namespace Nabla.Cli.Commands;

/// <summary>
/// <c>nabla analyze [EXPR]</c>: gradient and Hessian (symbolic; with --at numeric, with eigenvalues
/// and definiteness). Without a formula it analyzes the lecture's example and says so. The logic is
/// <see cref="FunctionAnalysis"/> in the library; the Analysis layer extends both.
/// </summary>
internal static class AnalyzeCommand
{
    public static Command Create(TextWriter output)
    {
        var expr = new Argument<string?>("expr") { Description = "the formula (default: the lecture's example x*y^3/(x^2+y^2))", Arity = ArgumentArity.ZeroOrOne };
        var shared = new SymbolicOptions();
        var c = new Command("analyze", "Analyze a formula: gradient and Hessian (symbolic and at a point), every critical point in a box (certified, classified), the global extrema on the box, and a plot");
        c.Arguments.Add(expr);
        shared.AddTo(c);
        var extra = new AnalyzeExtension.Options();
        extra.AddTo(c);
        c.SetAction(r =>
        {
            var text = r.GetValue(expr);
            bool builtIn = string.IsNullOrWhiteSpace(text);
            var f = SymbolicOptions.ParseFormula(builtIn ? AnalyzeExtension.BuiltInExample : text);
            var at = r.GetValue(shared.At);
            var vars = PointSpec.Variables(f, r.GetValue(shared.Vars), at);
            double[]? point = at is null ? null : PointSpec.Parse(at, vars);
            var a = FunctionAnalysis.Analyze(f, vars, point, builtIn);
            bool latex = r.GetValue(shared.Latex);
            if (r.GetValue(shared.Json))
            {
                var j = new JsonReport();
                j.Str("expression", f.ToString());
                j.Bool("builtin_example", builtIn);
                j.Strs("variables", vars);
                j.Strs("gradient", a.Gradient.Select(e => e.ToString()));
                j.StrMatrix("hessian", a.Hessian.Select(row => row.Select(e => e.ToString())));
                if (point is not null) WriteNumeric(j, a);
                AnalyzeExtension.WriteJson(j, r, extra, f, vars, builtIn, point);
                output.WriteLine(j.Finish());
                return CliApp.Ok;
            }
            if (builtIn)
                output.WriteLine("No formula given: analyzing the built-in example from the lecture, x*y^3/(x^2+y^2), defined as 0 at the origin as in the lecture.");
            output.WriteLine($"f({string.Join(", ", vars)}) = {Fmt.Show(f, latex)}");
            output.WriteLine();
            output.WriteLine("Gradient:");
            var names = vars.Select(v => latex ? LatexPrinter.PartialDerivative([v]) : Fmt.Leibniz([v])).ToArray();
            int w = names.Length == 0 ? 0 : names.Max(s => s.Length);
            for (int i = 0; i < vars.Count; i++) output.WriteLine($"  {names[i].PadRight(w)} = {Fmt.Show(a.Gradient[i], latex)}");
            output.WriteLine();
            PrintHessian(output, a, latex);
            if (point is not null) { output.WriteLine(); PrintNumeric(output, a); }
            AnalyzeExtension.WriteText(output, r, extra, f, vars, builtIn, point);
            return CliApp.Ok;
        });
        return c;
    }

    internal static void PrintHessian(TextWriter output, FunctionAnalysis a, bool latex)
    {
        var vars = a.Variables;
        output.WriteLine("Hessian (H[i][j] = ∂²f/∂x_i∂x_j, symmetric: upper triangle shown):");
        var rows = new List<(string Name, string Value)>();
        for (int i = 0; i < vars.Count; i++)
            for (int j = i; j < vars.Count; j++)
            {
                string[] wrt = [vars[j], vars[i]];
                rows.Add((latex ? LatexPrinter.PartialDerivative(wrt) : Fmt.Leibniz(wrt), Fmt.Show(a.Hessian[i][j], latex)));
            }
        int w = rows.Count == 0 ? 0 : rows.Max(r => r.Name.Length);
        foreach (var (name, value) in rows) output.WriteLine($"  {name.PadRight(w)} = {value}");
    }

    internal static void PrintNumeric(TextWriter output, FunctionAnalysis a)
    {
        int n = a.Variables.Count;
        var h = a.HessianValue!;
        output.WriteLine($"At {Fmt.Point(a.Variables, a.Point!)}:");
        output.WriteLine($"  f  = {Fmt.Num(a.Value!.Value)}");
        output.WriteLine($"  ∇f = ({string.Join(", ", a.GradientValue!.Select(Fmt.Num))})");
        output.WriteLine("  H  =");
        var cells = Enumerable.Range(0, n * n).Select(k => Fmt.Num(h.Matrix[k])).ToArray();
        int w = cells.Length == 0 ? 0 : cells.Max(s => s.Length);
        for (int i = 0; i < n; i++)
            output.WriteLine("       [ " + string.Join("  ", Enumerable.Range(0, n).Select(j => cells[i * n + j].PadLeft(w))) + " ]");
        output.WriteLine($"  eigenvalues (ascending) = ({string.Join(", ", h.Eigenvalues.Select(Fmt.Num))})");
        output.WriteLine($"  the Hessian is {h.DefinitenessText}" + (h.Definiteness == Definiteness.Undefined ? " (f is not twice differentiable here or undefined)" : ""));
    }

    internal static void WriteNumeric(JsonReport j, FunctionAnalysis a)
    {
        int n = a.Variables.Count;
        var h = a.HessianValue!;
        j.Nums("point", a.Point!);
        j.Num("value", a.Value!.Value);
        j.Nums("gradient_value", a.GradientValue!);
        j.NumMatrix("hessian_value", h.Matrix, n);
        j.Nums("eigenvalues", h.Eigenvalues);
        if (h.Definiteness == Definiteness.Undefined) j.Writer.WriteNull("definiteness");
        else j.Str("definiteness", h.DefinitenessText);
    }
}
