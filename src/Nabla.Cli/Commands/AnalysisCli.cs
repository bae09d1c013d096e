using System.Globalization;
using System.Text;
using System.Text.Json;

using Nabla.Analysis;
using Nabla.Intervals;
using Nabla.Symbolic;

namespace Nabla.Cli.Commands;

/// <summary>Argument parsing and output shared by the Analysis commands (analyze, mixed, classify, critical, plot).</summary>
internal static class AnalysisCli
{
    /// <summary>The lecture's example (Section 1): x·y³/(x² + y²), defined as 0 at the origin.</summary>
    public const string LectureExample = "if(x==0 && y==0, 0, x*y^3/(x^2+y^2))";

    public const double DefaultHalfWidth = 10;

    public static ScalarField Field(string formula, string? vars)
    {
        if (string.IsNullOrWhiteSpace(formula)) throw new NablaInputException("the formula is empty");
        var e = Expr.Parse(formula);
        IReadOnlyList<string>? v = null;
        if (!string.IsNullOrWhiteSpace(vars))
            v = vars.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new ScalarField(e, v);
    }

    /// <summary>A number or a constant expression ("pi/2", "-1e-3").</summary>
    public static double Number(string text, string what)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)) return d;
        Expr e;
        try { e = Expr.Parse(text); }
        catch (NablaInputException ex) { throw new NablaInputException($"{what}: '{text}' is not a number ({ex.Message})"); }
        if (e.Variables.Count > 0) throw new NablaInputException($"{what}: '{text}' is not a number");
        double v = e.Evaluate(Array.Empty<double>(), Array.Empty<string>());
        if (!double.IsFinite(v)) throw new NablaInputException($"{what}: '{text}' is not a finite number");
        return v;
    }

    /// <summary>"1,2" (in variable order) or "x=1,y=2".</summary>
    public static double[] ParsePoint(string? text, ScalarField f)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new NablaInputException($"--at is required: the point, e.g. --at {string.Join(",", f.Variables.Select(_ => "0"))}");
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var p = new double[f.Dimension];
        if (parts.All(s => s.Contains('=')))
        {
            var seen = new bool[f.Dimension];
            foreach (var part in parts)
            {
                var kv = part.Split('=', 2, StringSplitOptions.TrimEntries);
                int i = IndexOf(f, kv[0], "--at");
                p[i] = Number(kv[1], $"--at {kv[0]}");
                seen[i] = true;
            }
            for (int i = 0; i < seen.Length; i++)
                if (!seen[i]) throw new NablaInputException($"--at gives no value for {f.Variables[i]}");
            return p;
        }
        if (parts.Length != f.Dimension)
            throw new NablaInputException($"--at has {parts.Length} coordinates but the function has {f.Dimension} variables ({string.Join(", ", f.Variables)})");
        for (int i = 0; i < p.Length; i++) p[i] = Number(parts[i], $"--at coordinate {i + 1}");
        return p;
    }

    /// <summary>"x=-2:2,y=-3:3", or "-2:2" for every variable; default [-10, 10] each.</summary>
    public static Box ParseBox(string? text, ScalarField f)
    {
        var lo = Enumerable.Repeat(-DefaultHalfWidth, f.Dimension).ToArray();
        var hi = Enumerable.Repeat(DefaultHalfWidth, f.Dimension).ToArray();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (var part in parts)
            {
                string range = part;
                int[] targets = Enumerable.Range(0, f.Dimension).ToArray();
                int eq = part.IndexOf('=');
                if (eq >= 0)
                {
                    targets = [IndexOf(f, part[..eq].Trim(), "--box")];
                    range = part[(eq + 1)..];
                }
                var ab = range.Split(':', StringSplitOptions.TrimEntries);
                if (ab.Length != 2) throw new NablaInputException($"--box: '{part}' should look like x=-2:2");
                double a = Number(ab[0], "--box"), b = Number(ab[1], "--box");
                if (!(a < b)) throw new NablaInputException($"--box: the interval {ab[0]}:{ab[1]} is empty or a point");
                foreach (int i in targets) { lo[i] = a; hi[i] = b; }
            }
        }
        return Box.FromBounds(lo, hi);
    }

    private static int IndexOf(ScalarField f, string name, string option)
    {
        for (int i = 0; i < f.Dimension; i++)
            if (f.Variables[i] == name) return i;
        throw new NablaInputException($"{option}: '{name}' is not a variable of the function ({string.Join(", ", f.Variables)})");
    }

    // ------------------------------------------------------------------ text

    public static string Fmt(double v) => double.IsFinite(v)
        ? (Math.Abs(v) < 1e-300 ? "0" : v.ToString("G8", CultureInfo.InvariantCulture))
        : double.IsNaN(v) ? "undefined" : v > 0 ? "inf" : "-inf";

    public static string Fmt(IEnumerable<double> p) => "(" + string.Join(", ", p.Select(Fmt)) + ")";

    public static string Fmt(Interval x) => x.IsEmpty ? "empty" : $"[{Fmt(x.Lo)}, {Fmt(x.Hi)}]";

    public static string FmtBox(Box b, IReadOnlyList<string> names) =>
        string.Join(", ", Enumerable.Range(0, b.Dimension).Select(i => $"{names[i]} ∈ [{Fmt(b[i].Lo)}, {Fmt(b[i].Hi)}]"));

    public static string Table(IReadOnlyList<string[]> rows)
    {
        int cols = rows.Max(r => r.Length);
        var widths = new int[cols];
        foreach (var r in rows)
            for (int c = 0; c < r.Length; c++) widths[c] = Math.Max(widths[c], r[c].Length);
        var sb = new StringBuilder();
        foreach (var r in rows)
        {
            sb.Append("  ");
            for (int c = 0; c < r.Length; c++)
            {
                sb.Append(c + 1 < r.Length ? r[c].PadRight(widths[c] + 2) : r[c]);
            }
            sb.AppendLine();
        }
        return sb.ToString();
    }

    public static void WriteCriticalText(TextWriter o, CriticalPointReport r)
    {
        var f = r.Function;
        o.WriteLine($"box: {FmtBox(r.Box, f.Variables)}");
        o.WriteLine(r.Complete
            ? $"critical points: {r.Points.Count} (search complete: every critical point in the box is listed or lies in an undecided box)"
            : $"critical points: {r.Points.Count} found; search INCOMPLETE ({r.Status})");
        if (r.Points.Count > 0)
        {
            var rows = new List<string[]> { new[] { "point", "f", "class", "certified", "Hessian eigenvalues" } };
            foreach (var c in r.Points)
                rows.Add([Fmt(c.Point), Fmt(c.Value), c.Classification.ClassText, c.Certified ? "yes" : "no", Fmt(c.Classification.Eigenvalues)]);
            o.Write(Table(rows));
            o.WriteLine("why:");
            foreach (var c in r.Points)
            {
                o.WriteLine($"  {Fmt(c.Point)}: {c.Classification.Reason}");
                if (c.Enclosure is not null && !c.Enclosure.IsPoint)
                    o.WriteLine($"      enclosure (exactly one critical point): {FmtBox(c.Enclosure, f.Variables)}");
                else if (c.Certified)
                    o.WriteLine("      the gradient vanishes exactly at this point (interval evaluation)");
                else
                    o.WriteLine($"      not certified: {c.Origin}");
                if (c.Classification.LectureRuleNote is not null) o.WriteLine($"      note: {c.Classification.LectureRuleNote}");
            }
        }
        if (r.UndecidedBoxes.Count > 0)
        {
            o.WriteLine($"undecided regions ({r.UndecidedBoxes.Count}; may hold critical points the interval method could not isolate, e.g. singular ones or a continuum):");
            foreach (var b in r.UndecidedBoxes.Take(10)) o.WriteLine($"  {FmtBox(b, f.Variables)}");
            if (r.UndecidedBoxes.Count > 10) o.WriteLine($"  ... and {r.UndecidedBoxes.Count - 10} more");
        }
        if (r.GlobalMinimum is { } gmin)
            o.WriteLine($"global minimum on the box: f = {Fmt(gmin.Value)} at {Fmt(gmin.Point)}; certified enclosure of the minimum {Fmt(gmin.Enclosure)}{(gmin.Complete ? "" : " (budget reached: enclosure wider than requested)")}");
        if (r.GlobalMaximum is { } gmax)
            o.WriteLine($"global maximum on the box: f = {Fmt(gmax.Value)} at {Fmt(gmax.Point)}; certified enclosure of the maximum {Fmt(gmax.Enclosure)}{(gmax.Complete ? "" : " (budget reached: enclosure wider than requested)")}");
        o.WriteLine($"({r.BoxesProcessed} boxes, {r.Elapsed.TotalSeconds:0.###} s)");
    }

    // ------------------------------------------------------------------ JSON

    public static string Json(Action<JsonSink> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var sink = new JsonSink(w);
            w.WriteStartObject();
            write(sink);
            if (sink.Errors.Count > 0) w.WriteString("error", string.Join("; ", sink.Errors.Distinct()));
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A JSON writer that writes non-finite numbers as null and remembers why.</summary>
    internal sealed class JsonSink(Utf8JsonWriter w)
    {
        public Utf8JsonWriter W { get; } = w;
        public List<string> Errors { get; } = [];

        public void Num(double v, string where)
        {
            if (double.IsFinite(v)) W.WriteNumberValue(v);
            else { W.WriteNullValue(); Errors.Add($"{where} is {(double.IsNaN(v) ? "undefined" : "infinite")}"); }
        }

        public void Num(string name, double v) { W.WritePropertyName(name); Num(v, name); }

        public void Nums(string name, IEnumerable<double> values)
        {
            W.WritePropertyName(name);
            W.WriteStartArray();
            foreach (var v in values) Num(v, name);
            W.WriteEndArray();
        }

        public void Pair(Interval x, string where)
        {
            W.WriteStartArray();
            Num(x.IsEmpty ? double.NaN : x.Lo, where);
            Num(x.IsEmpty ? double.NaN : x.Hi, where);
            W.WriteEndArray();
        }

        public void BoxValue(Box b, string where)
        {
            W.WriteStartArray();
            for (int i = 0; i < b.Dimension; i++) Pair(b[i], where);
            W.WriteEndArray();
        }

        public void NullableBool(string name, bool? v)
        {
            if (v is null) W.WriteNull(name); else W.WriteBoolean(name, v.Value);
        }
    }

    /// <summary>One element of "points" (also the body of classify --json).</summary>
    public static void WritePoint(JsonSink s, double[] point, Box? enclosure, bool certified, double value, Classification c)
    {
        var w = s.W;
        s.Nums("point", point);
        w.WritePropertyName("enclosure");
        if (enclosure is null) w.WriteNullValue(); else s.BoxValue(enclosure, "enclosure");
        w.WriteBoolean("certified", certified);
        s.Num("value", value);
        s.Nums("eigenvalues", c.Eigenvalues);
        w.WriteString("classification", c.ClassText);
        w.WriteString("reason", c.Reason);
        w.WriteBoolean("proof", c.IsProof);
        w.WriteString("definiteness", c.Definiteness);
        if (c.LectureRuleNote is not null) w.WriteString("lecture_rule_note", c.LectureRuleNote);
    }

    public static void WriteCriticalJson(JsonSink s, CriticalPointReport r)
    {
        var w = s.W;
        var f = r.Function;
        w.WriteString("expression", f.Expression.ToString());
        w.WriteStartArray("variables");
        foreach (var v in f.Variables) w.WriteStringValue(v);
        w.WriteEndArray();
        w.WritePropertyName("box");
        s.BoxValue(r.Box, "box");
        w.WriteBoolean("complete", r.Complete);
        w.WriteStartArray("points");
        foreach (var c in r.Points)
        {
            w.WriteStartObject();
            WritePoint(s, c.Point, c.Enclosure, c.Certified, c.Value, c.Classification);
            w.WriteString("found_by", c.Origin);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("undecided_boxes");
        foreach (var b in r.UndecidedBoxes) s.BoxValue(b, "undecided_boxes");
        w.WriteEndArray();
        WriteExtremum(s, "global_minimum", r.GlobalMinimum);
        WriteExtremum(s, "global_maximum", r.GlobalMaximum);
        w.WriteString("status", r.Status);
        w.WriteNumber("boxes", r.BoxesProcessed);
        w.WriteNumber("seconds", Math.Round(r.Elapsed.TotalSeconds, 4));
    }

    public static void WriteExtremum(JsonSink s, string name, GlobalExtremum? g)
    {
        var w = s.W;
        if (g is null) { w.WriteNull(name); return; }
        w.WriteStartObject(name);
        s.Num("value", g.Value);
        s.Nums("point", g.Point);
        w.WritePropertyName("enclosure");
        s.Pair(g.Enclosure, name);
        w.WriteBoolean("complete", g.Complete);
        w.WriteEndObject();
    }
}
