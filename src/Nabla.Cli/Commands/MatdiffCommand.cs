using System.CommandLine;
using System.Text.Json;

using Nabla.MatrixCalculus;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla matdiff EXPR --wrt X</c>: a derivative in matrix notation, its differential, Hessian, conditions and check.</summary>
internal static class MatdiffCommand
{
    public static Command Create(TextWriter output)
    {
        var expr = new Argument<string>("expr") { Description = "matrix expression, e.g. \"a'*X'*C*X*b\" (' transposes, * multiplies)" };
        var wrt = new Option<string>("--wrt") { Description = "the vector or matrix variable to differentiate by", Required = true };
        var dims = new Option<string?>("--dims") { Description = "shape declarations, e.g. \"X:n*m, a:m, C:n*n, c:scalar, S:n*n:sym\"" };
        var layout = new Option<string>("--layout") { Description = "denominator (default: gradient has the shape of X) or numerator", DefaultValueFactory = _ => "denominator" };
        layout.AcceptOnlyFromAmong("denominator", "numerator");
        var hessian = new Option<bool>("--hessian") { Description = "also the Hessian (vec/Kronecker form for a matrix variable)" };
        var check = new Option<bool>("--check") { Description = "compare with central finite differences on random instances" };
        var latex = new Option<bool>("--latex") { Description = "also print LaTeX" };
        var json = new Option<bool>("--json") { Description = "one JSON object" };
        var command = new Command("matdiff", "Derivative of a vector/matrix expression in matrix notation (Matrix Cookbook, denominator layout)");
        command.Arguments.Add(expr);
        foreach (var o in new Option[] { wrt, dims, layout, hessian, check, latex, json }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var options = new MatrixDiffOptions
            {
                Dims = parse.GetValue(dims),
                Layout = parse.GetValue(layout) == "numerator" ? MatrixLayout.Numerator : MatrixLayout.Denominator,
                Hessian = parse.GetValue(hessian),
                Check = parse.GetValue(check),
            };
            var d = MatrixDifferentiation.Differentiate(parse.GetValue(expr)!, parse.GetValue(wrt)!, options);
            if (parse.GetValue(json)) output.WriteLine(Json(d));
            else WriteText(output, d, parse.GetValue(latex));
            return CliApp.Ok;
        });
        return command;
    }

    private static void WriteText(TextWriter o, MatrixDerivative d, bool latex)
    {
        void Row(string label, string value) => o.WriteLine($"{label,-17}{value}");
        Row("expression", d.Expression.Root.Key);
        Row("shapes", d.Expression.ShapesText);
        Row("layout", d.LayoutText);
        if (d.Matrix is not null) Row($"∂f/∂{d.Wrt}", d.Matrix.Key);
        if (d.VecForm is not null) Row($"dvec(f)/dvec({d.Wrt})", d.VecForm.Key + "  (Jacobian, column-major vec)");
        Row("differential", d.DifferentialText);
        Row("entrywise", d.IndexForm);
        if (d.HessianText is not null) Row("hessian", $"{d.HessianText}  ({d.HessianForm})");
        Row("conditions", d.Conditions.Count == 0 ? "none" : string.Join("; ", d.Conditions));
        if (latex) Row("latex", d.Latex);
        if (d.Check is { } c)
            Row("check", c.Error is not null ? $"failed: {c.Error}"
                : $"max relative error {c.MaxRelativeError:0.0e+00} over {c.Instances} random instances (finite differences {c.FiniteDifferenceError:0.0e+00}, AutoDiff {c.AutoDiffError:0.0e+00}){(c.Passed() ? "" : "  ** above 1e-6 **")}");
    }

    internal static string Json(MatrixDerivative d)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("expression", d.Expression.Root.Key);
            w.WriteString("wrt", d.Wrt);
            w.WriteStartObject("shapes");
            foreach (var (name, shape) in d.Expression.Shapes)
            {
                w.WriteStartArray(name);
                WriteDim(w, shape.Rows);
                WriteDim(w, shape.Cols);
                w.WriteEndArray();
            }
            w.WriteEndObject();
            w.WriteString("derivative", d.Text);
            w.WriteString("layout", d.Layout == MatrixLayout.Denominator ? "denominator" : "numerator");
            w.WriteString("differential", d.DifferentialText);
            w.WriteString("index_form", d.IndexForm);
            if (d.HessianText is null) w.WriteNull("hessian"); else w.WriteString("hessian", d.HessianText);
            if (d.HessianForm is null) w.WriteNull("hessian_form"); else w.WriteString("hessian_form", d.HessianForm);
            w.WriteStartArray("conditions");
            foreach (var c in d.Conditions) w.WriteStringValue(c);
            w.WriteEndArray();
            w.WriteString("latex", d.Latex);
            if (d.Check is { } check)
            {
                w.WriteStartObject("check");
                if (double.IsFinite(check.MaxRelativeError)) w.WriteNumber("max_relative_error", check.MaxRelativeError);
                else w.WriteNull("max_relative_error");
                w.WriteNumber("instances", check.Instances);
                if (double.IsFinite(check.FiniteDifferenceError)) w.WriteNumber("finite_difference_error", check.FiniteDifferenceError);
                if (double.IsFinite(check.AutoDiffError)) w.WriteNumber("autodiff_error", check.AutoDiffError);
                if (check.Error is not null) w.WriteString("error", check.Error);
                w.WriteEndObject();
            }
            else w.WriteNull("check");
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteDim(Utf8JsonWriter w, Dim d)
    {
        if (d.IsFixed) w.WriteNumberValue(int.Parse(d.Name, System.Globalization.CultureInfo.InvariantCulture));
        else w.WriteStringValue(d.Name);
    }
}
