using System.CommandLine;

using Nabla.Analysis;
using Nabla.Intervals;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla classify EXPR --at POINT [--json]</c>: is the point critical, and what kind (with the argument)?</summary>
internal static class ClassifyCommand
{
    public static Command Create(TextWriter output)
    {
        var expr = new Argument<string>("expr") { Description = "the function" };
        var at = new Option<string?>("--at") { Description = "the point, e.g. 0,0 or x=0,y=0 (numbers or constant expressions like pi/2)" };
        var vars = new Option<string?>("--vars") { Description = "variable order (default: natural order of the names)" };
        var json = new Option<bool>("--json") { Description = "one JSON object" };
        var command = new Command("classify", "Classify a point: strict/non-strict local minimum or maximum, saddle point (Hessian test, and higher-order arguments when it is inconclusive)");
        command.Arguments.Add(expr);
        command.Options.Add(at);
        command.Options.Add(vars);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var f = AnalysisCli.Field(parse.GetValue(expr)!, parse.GetValue(vars));
            var p = AnalysisCli.ParsePoint(parse.GetValue(at), f);
            bool critical = CriticalPointClassifier.IsCritical(f, p, out var gradient);
            bool exact = CriticalPoints.IsExactZero(f, p);
            double value = f.Value(p);
            var c = critical
                ? CriticalPointClassifier.Classify(f, p, exact ? Box.FromPoint(p) : null, exact)
                : new Classification(PointClass.Undetermined, $"not a critical point: the gradient there is {AnalysisCli.Fmt(gradient)}", true, [], "not computed");
            if (!critical)
            {
                // Still report the Hessian for teaching.
                var h = f.HessianAt(p);
                if (h.All(double.IsFinite))
                {
                    var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(f.Dimension, f.Dimension, (i, j) => h[i * f.Dimension + j]);
                    var eig = m.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues.Select(z => z.Real).OrderBy(z => z).ToArray();
                    c = c with { Eigenvalues = eig, Definiteness = CriticalPointClassifier.Definiteness(eig, 1e-9 * Math.Max(1, eig.Max(Math.Abs))) };
                }
            }
            var hessian = HessianAtPoint.Analyze(f.HessianAt(p), f.Dimension);
            if (parse.GetValue(json))
            {
                output.WriteLine(AnalysisCli.Json(s =>
                {
                    s.W.WriteString("expression", f.Expression.ToString());
                    s.W.WriteStartArray("variables");
                    foreach (var v in f.Variables) s.W.WriteStringValue(v);
                    s.W.WriteEndArray();
                    AnalysisCli.WritePoint(s, p, exact ? Box.FromPoint(p) : null, exact, value, c);
                    s.W.WriteBoolean("is_critical", critical);
                    s.Nums("gradient", gradient);
                    s.W.WriteStartArray("hessian");
                    for (int i = 0; i < f.Dimension; i++)
                    {
                        s.W.WriteStartArray();
                        for (int j = 0; j < f.Dimension; j++) s.Num(hessian.Matrix[i * f.Dimension + j], "hessian");
                        s.W.WriteEndArray();
                    }
                    s.W.WriteEndArray();
                    s.Nums("leading_principal_minors", hessian.LeadingPrincipalMinors);
                    if (double.IsFinite(hessian.ConditionNumber)) s.Num("condition_number", hessian.ConditionNumber); else s.W.WriteNull("condition_number");
                }));
                return CliApp.Ok;
            }
            output.WriteLine($"f({string.Join(", ", f.Variables)}) = {f.Expression}");
            output.WriteLine($"at {AnalysisCli.Fmt(p)}: f = {AnalysisCli.Fmt(value)}, gradient = {AnalysisCli.Fmt(gradient)}");
            output.WriteLine(critical
                ? exact ? "critical point (the gradient vanishes exactly, proven by interval evaluation)" : "critical point (the gradient is zero to rounding)"
                : "NOT a critical point");
            if (hessian.Definiteness != Definiteness.Undefined)
            {
                int n = f.Dimension;
                output.WriteLine("Hessian:");
                var cells = hessian.Matrix.Select(AnalysisCli.Fmt).ToArray();
                int w = cells.Max(t => t.Length);
                for (int i = 0; i < n; i++)
                    output.WriteLine("  [ " + string.Join("  ", Enumerable.Range(0, n).Select(j => cells[i * n + j].PadLeft(w))) + " ]");
                output.WriteLine($"leading principal minors (Sylvester): {AnalysisCli.Fmt(hessian.LeadingPrincipalMinors)}; condition number {AnalysisCli.Fmt(hessian.ConditionNumber)}");
            }
            if (c.Eigenvalues.Length > 0) output.WriteLine($"Hessian eigenvalues {AnalysisCli.Fmt(c.Eigenvalues)}: {c.Definiteness}");
            if (critical)
            {
                output.WriteLine($"classification: {c.ClassText} ({(c.IsProof ? "proof" : "numerical evidence")})");
                output.WriteLine($"why: {c.Reason}");
                if (c.LectureRuleNote is not null) output.WriteLine($"note: {c.LectureRuleNote}");
            }
            return CliApp.Ok;
        });
        return command;
    }
}
