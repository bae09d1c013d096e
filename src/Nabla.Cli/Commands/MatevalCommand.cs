using System.CommandLine;
using System.Text.Json;

using MathNet.Numerics.LinearAlgebra;

using Nabla.MatrixCalculus;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla mateval EXPR --values FILE.json</c>: evaluates a matrix expression (including printed derivatives).</summary>
internal static class MatevalCommand
{
    public static Command Create(TextWriter output)
    {
        var expr = new Argument<string>("expr") { Description = "matrix expression" };
        var values = new Option<FileInfo>("--values") { Description = "JSON object of values: {\"A\": [[1,2],[3,4]], \"x\": [1,2], \"c\": 2.0}", Required = true };
        var dims = new Option<string?>("--dims") { Description = "shape declarations (names the dimensions used by eye(n), ones(n))" };
        var json = new Option<bool>("--json") { Description = "one JSON object" };
        var command = new Command("mateval", "Evaluate a matrix expression on given values");
        command.Arguments.Add(expr);
        command.Options.Add(values);
        command.Options.Add(dims);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var file = parse.GetValue(values)!;
            if (!file.Exists) throw new NablaInputException($"values file '{file.FullName}' not found");
            if (file.Length > 64 << 20) throw new NablaInputException($"values file '{file.Name}' is larger than 64 MiB");
            var text = parse.GetValue(expr)!;
            var result = MatrixValues.Evaluate(text, File.ReadAllText(file.FullName), parse.GetValue(dims));
            if (parse.GetValue(json)) output.WriteLine(Json(text, result));
            else output.WriteLine(Text(result));
            return CliApp.Ok;
        });
        return command;
    }

    private static string Text(Matrix<double> m)
    {
        if (m.RowCount == 1 && m.ColumnCount == 1) return Fmt(m[0, 0]);
        var cells = m.ToArray();
        var strings = new string[m.RowCount, m.ColumnCount];
        int width = 0;
        for (int i = 0; i < m.RowCount; i++)
            for (int j = 0; j < m.ColumnCount; j++)
                width = Math.Max(width, (strings[i, j] = Fmt(cells[i, j])).Length);
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < m.RowCount; i++)
        {
            if (i > 0) sb.AppendLine();
            for (int j = 0; j < m.ColumnCount; j++) sb.Append(j > 0 ? "  " : "").Append(strings[i, j].PadLeft(width));
        }
        return sb.ToString();
    }

    private static string Fmt(double v) => v.ToString("G10", System.Globalization.CultureInfo.InvariantCulture);

    internal static string Json(string expression, Matrix<double> m)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            bool bad = false;
            void Num(double v) { if (double.IsFinite(v)) w.WriteNumberValue(v); else { w.WriteNullValue(); bad = true; } }
            w.WriteStartObject();
            w.WriteString("expression", expression);
            w.WritePropertyName("value");
            if (m.RowCount == 1 && m.ColumnCount == 1) Num(m[0, 0]);
            else if (m.ColumnCount == 1) { w.WriteStartArray(); for (int i = 0; i < m.RowCount; i++) Num(m[i, 0]); w.WriteEndArray(); }
            else
            {
                w.WriteStartArray();
                for (int i = 0; i < m.RowCount; i++)
                {
                    w.WriteStartArray();
                    for (int j = 0; j < m.ColumnCount; j++) Num(m[i, j]);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
            }
            if (bad) w.WriteString("error", "the value has non-finite entries (written as null)");
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
