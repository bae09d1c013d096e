using System.CommandLine;
using System.Text.Json;

using Nabla.MatrixCalculus;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla matrix-table</c>: the lecture's lookup table, each row derived, verified and compared with the lecture.</summary>
internal static class MatrixTableCommand
{
    public static Command Create(TextWriter output)
    {
        var json = new Option<bool>("--json") { Description = "one JSON object" };
        var instances = new Option<int>("--instances") { Description = "random instances per row", DefaultValueFactory = _ => 3 };
        var command = new Command("matrix-table", "The lecture's matrix-calculus lookup table, checked numerically, with the layout under which each entry holds");
        command.Options.Add(json);
        command.Options.Add(instances);
        command.SetAction(parse =>
        {
            int n = parse.GetValue(instances);
            if (n < 1 || n > 100) throw new NablaInputException("--instances must be between 1 and 100");
            var rows = LectureTable.Evaluate(n);
            output.WriteLine(parse.GetValue(json) ? Json(rows) : Text(rows));
            return CliApp.Ok;
        });
        return command;
    }

    private static string Text(IReadOnlyList<LectureRowResult> rows)
    {
        var header = new[] { "#", "f", "by", "Nabla (denominator layout)", "lecture prints", "lecture", "holds in", "error" };
        var cells = rows.Select((r, i) => new[]
        {
            (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), r.Row.Function, r.Row.Wrt,
            r.NablaEntrywise ?? r.Nabla, r.Row.Lecture, r.LectureMatches ? "ok" : "WRONG", r.HoldsIn,
            double.IsFinite(r.MaxRelativeError) ? r.MaxRelativeError.ToString("0.0e+00", System.Globalization.CultureInfo.InvariantCulture) : "n/a",
        }).ToList();
        var widths = header.Select((h, c) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(r => r[c].Length))).ToArray();
        var sb = new System.Text.StringBuilder();
        string Line(string[] r) => string.Join("  ", r.Select((s, c) => c == r.Length - 1 ? s : s.PadRight(widths[c]))).TrimEnd();
        sb.AppendLine(Line(header));
        foreach (var r in cells) sb.AppendLine(Line(r));
        sb.AppendLine();
        sb.AppendLine("Layout: Nabla uses the denominator layout (∂f/∂X has the shape of X). 'holds in' says in which layout the lecture's formula is right;");
        sb.AppendLine("'error' is the largest relative difference between Nabla's derivative and central finite differences on random instances.");
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            if (r.Conditions.Count > 0) sb.AppendLine($"  row {i + 1} conditions: {string.Join("; ", r.Conditions)}");
            if (r.Note is not null) sb.AppendLine($"  row {i + 1}: {r.Note}");
        }
        return sb.ToString().TrimEnd();
    }

    internal static string Json(IReadOnlyList<LectureRowResult> rows)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("layout", "denominator");
            w.WriteStartArray("rows");
            foreach (var r in rows)
            {
                w.WriteStartObject();
                w.WriteString("function", r.Row.Function);
                w.WriteString("wrt", r.Row.Wrt);
                w.WriteString("derivative", r.Nabla);
                if (r.NablaEntrywise is null) w.WriteNull("entrywise"); else w.WriteString("entrywise", r.NablaEntrywise);
                w.WriteString("lecture", r.Row.Lecture);
                w.WriteBoolean("lecture_matches", r.LectureMatches);
                w.WriteString("holds_in", r.HoldsIn);
                w.WriteStartArray("conditions");
                foreach (var c in r.Conditions) w.WriteStringValue(c);
                w.WriteEndArray();
                if (double.IsFinite(r.MaxRelativeError)) w.WriteNumber("max_relative_error", r.MaxRelativeError);
                else { w.WriteNull("max_relative_error"); w.WriteString("error", "verification failed"); }
                if (r.Note is null) w.WriteNull("note"); else w.WriteString("note", r.Note);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
