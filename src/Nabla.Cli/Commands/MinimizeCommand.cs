using System.CommandLine;
using System.Globalization;
using Nabla.Optimization;
using Nabla.Symbolic;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla minimize EXPR --from POINT</c>: any method on a formula (derivatives from the symbolic engine).</summary>
internal static class MinimizeCommand
{
    public static Command Create(TextWriter output)
    {
        var expr = new Argument<string>("expr") { Description = "the formula to minimize, e.g. \"100*(y-x^2)^2 + (1-x)^2\"" };
        var from = new Option<string>("--from") { Description = "starting point: -1.2,1 or x=-1.2,y=1", Required = true };
        var method = new Option<string>("--method") { Description = "gd, newton, damped-newton, trust-region, newton-cg, bfgs, lbfgs, lbfgsb (default: bfgs; lbfgsb with --bounds)" };
        var tol = new Option<double?>("--tol") { Description = "gradient tolerance: converged when max|∂f/∂x_i| <= tol (default 1e-6)" };
        var maxIter = new Option<int?>("--max-iter") { Description = "maximum iterations (default: 100 for newton, 10000 for gd, 1000 otherwise)" };
        var bounds = new Option<string?>("--bounds") { Description = "box constraints x=lo:hi,y=lo:hi (inf allowed; method lbfgsb)" };
        var trace = new Option<bool>("--trace") { Description = "print (and in JSON include) every iterate" };
        var plot = new Option<string?>("--plot") { Description = "PNG file: contour plot with the path (2 variables) or f with the iterates (1 variable)" };
        var json = new Option<bool>("--json") { Description = "print one JSON object" };
        var c = new Command("minimize", "Minimize a formula with a chosen method; prints the iterations, the status and the minimizer");
        c.Arguments.Add(expr);
        foreach (var o in new Option[] { from, method, tol, maxIter, bounds, trace, plot, json })
            c.Options.Add(o);
        c.SetAction(r =>
        {
            var f = SymbolicOptions.ParseFormula(r.GetValue(expr));
            var fromText = r.GetValue(from)!;
            var vars = PointSpec.Variables(f, null, fromText);
            if (vars.Count == 0)
                throw new NablaInputException("the formula has no variables to minimize over");
            var x0 = PointSpec.Parse(fromText, vars);
            var box = ParseBounds(r.GetValue(bounds), vars);
            string? methodName = r.GetValue(method);
            var chosen = methodName is null ? (box is null ? OptimizationMethod.Bfgs : OptimizationMethod.Lbfgsb) : Minimizer.Parse(methodName);
            double? tolerance = r.GetValue(tol);
            if (tolerance is { } t && !(t > 0))
                throw new NablaInputException($"--tol must be positive (got {t})");
            int? iterations = r.GetValue(maxIter);
            if (iterations is < 0)
                throw new NablaInputException($"--max-iter must be non-negative (got {iterations})");
            string? plotFile = r.GetValue(plot);
            bool wantTrace = r.GetValue(trace);
            var options = new OptimizerOptions
            {
                GradientTolerance = tolerance ?? 1e-6,
                MaxIterations = iterations,
                RecordTrace = wantTrace || plotFile is not null,
            };
            var objective = Objectives.FromExpression(f, vars, box);
            var result = Minimizer.Minimize(objective, x0, chosen, options);
            if (plotFile is not null && result.Trace is { Count: > 0 })
            {
                var value = f.Compile(vars);
                OptimizationPlots.Path(x => value.Evaluate(x), vars, result.Trace, $"{result.Method}: f = {f}", plotFile);
            }
            if (r.GetValue(json))
            {
                output.WriteLine(Json(f, vars, result, wantTrace));
                return CliApp.Ok;
            }
            PrintText(output, f, vars, result, wantTrace, plotFile);
            return CliApp.Ok;
        });
        return c;
    }

    internal static Bounds? ParseBounds(string? text, IReadOnlyList<string> vars)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var lo = Enumerable.Repeat(double.NegativeInfinity, vars.Count).ToArray();
        var hi = Enumerable.Repeat(double.PositiveInfinity, vars.Count).ToArray();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.Split('=');
            var range = eq.Length == 2 ? eq[1].Split(':') : [];
            if (eq.Length != 2 || range.Length != 2)
                throw new NablaInputException($"--bounds: '{part}' is not of the form name=lo:hi");
            int k = vars.ToList().IndexOf(eq[0].Trim());
            if (k < 0)
                throw new NablaInputException($"--bounds: '{eq[0]}' is not a variable of the formula ({string.Join(", ", vars)})");
            lo[k] = Bound(range[0], part);
            hi[k] = Bound(range[1], part);
        }
        return new Bounds(lo, hi);
    }

    private static double Bound(string s, string part)
    {
        s = s.Trim();
        if (s is "" or "-inf" or "-∞") return s == "" ? double.NaN : double.NegativeInfinity;
        if (s is "inf" or "+inf" or "∞") return double.PositiveInfinity;
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            return v;
        try { return Expr.Parse(s).Evaluate(Array.Empty<double>()); }
        catch (NablaInputException) { throw new NablaInputException($"--bounds: '{s}' in '{part}' is not a number"); }
    }

    internal static string Json(Expr f, IReadOnlyList<string> vars, OptimizationResult result, bool includeTrace)
    {
        var j = new JsonReport();
        j.Str("expression", f.ToString());
        j.Strs("variables", vars);
        j.Str("method", result.Method);
        j.Str("status", result.Status.ToName());
        if (result.ConvergedBy is { } reason) j.Str("converged_by", reason.ToName());
        else j.Writer.WriteNull("converged_by");
        j.Str("message", result.Message);
        j.Nums("x", result.X);
        j.Num("value", result.Value);
        j.Num("gradient_norm", result.GradientNorm);
        j.Writer.WriteNumber("iterations", result.Iterations);
        j.Writer.WriteStartObject("evaluations");
        j.Writer.WriteNumber("f", result.Evaluations.Function);
        j.Writer.WriteNumber("gradient", result.Evaluations.Gradient);
        j.Writer.WriteNumber("hessian", result.Evaluations.Hessian);
        j.Writer.WriteNumber("hessian_vector", result.Evaluations.HessianVector);
        j.Writer.WriteEndObject();
        if (includeTrace && result.Trace is { } trace)
        {
            j.Writer.WriteStartArray("trace");
            foreach (var t in trace)
            {
                j.Writer.WriteStartObject();
                j.Writer.WriteNumber("iteration", t.Iteration);
                j.Nums("x", t.X);
                j.Num("value", t.Value);
                j.Num("gradient_norm", t.GradientNorm);
                j.Num("step", t.Step);
                j.Writer.WriteEndObject();
            }
            j.Writer.WriteEndArray();
        }
        else j.Writer.WriteNull("trace");
        return j.Finish();
    }

    private static void PrintText(TextWriter output, Expr f, IReadOnlyList<string> vars, OptimizationResult result, bool trace, string? plotFile)
    {
        output.WriteLine($"minimize f({string.Join(", ", vars)}) = {f}");
        output.WriteLine($"method: {result.Method}");
        if (trace && result.Trace is { } points)
        {
            int w = Math.Max(5, vars.Count * 14);
            output.WriteLine($"  {"iter",5}  {"x".PadRight(w)}  {"f",22}  {"|grad|",10}  {"step",10}");
            foreach (var t in points)
                output.WriteLine($"  {t.Iteration,5}  {string.Join(", ", t.X.Select(v => Fmt.Num(v))).PadRight(w)}  {Fmt.Num(t.Value),22}  {t.GradientNorm,10:G3}  {t.Step,10:G3}");
        }
        string status = result.Status.ToName() + (result.ConvergedBy is { } reason ? $" (by {reason.ToName()})" : "");
        output.WriteLine($"status:      {status}");
        output.WriteLine($"message:     {result.Message}");
        output.WriteLine($"minimizer:   {Fmt.Point(vars, result.X)}");
        output.WriteLine($"f:           {Fmt.Num(result.Value)}");
        output.WriteLine($"|grad f|:    {result.GradientNorm:G3} (max norm)");
        output.WriteLine($"iterations:  {result.Iterations}");
        var e = result.Evaluations;
        output.WriteLine($"evaluations: f {e.Function}, gradient {e.Gradient}, Hessian {e.Hessian}, Hessian-vector {e.HessianVector}");
        if (!result.Success && result.BestValue < result.Value)
            output.WriteLine($"best seen:   {Fmt.Point(vars, result.BestX)}, f = {Fmt.Num(result.BestValue)}");
        if (plotFile is not null)
            output.WriteLine($"plot:        {plotFile}");
    }
}
