using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Nabla.Symbolic;

namespace Nabla.Cli.Commands;

/// <summary>Options and output helpers shared by diff, grad, hessian, eval and analyze.</summary>
internal sealed class SymbolicOptions
{
    public readonly Option<string?> Vars = new("--vars") { Description = "variable order, e.g. x,y (default: natural sort of the names)" };
    public readonly Option<string?> At = new("--at") { Description = "a point: x=1,y=2 or 1,2 (values may be constant formulas such as pi/2)" };
    public readonly Option<bool> Latex = new("--latex") { Description = "print LaTeX" };
    public readonly Option<bool> Json = new("--json") { Description = "print one JSON object" };

    public void AddTo(Command c)
    {
        c.Options.Add(Vars);
        c.Options.Add(At);
        c.Options.Add(Latex);
        c.Options.Add(Json);
    }

    public static Expr ParseFormula(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new NablaInputException("no formula given");
        try { return Expr.Parse(text); }
        catch (ParseException e) { throw new NablaInputException($"in the formula: {e.Message}"); }
    }
}

/// <summary>Number and notation formatting for people.</summary>
internal static class Fmt
{
    public static string Num(double v) =>
        double.IsNaN(v) ? "undefined" : double.IsPositiveInfinity(v) ? "inf" : double.IsNegativeInfinity(v) ? "-inf"
        : v.ToString("G15", CultureInfo.InvariantCulture);   // 15 digits: 0.96, not 0.9600000000000001 (JSON keeps all digits)

    public static string Point(IReadOnlyList<string> vars, double[] p) =>
        vars.Count == 1 ? $"{vars[0]} = {Num(p[0])}" : $"({string.Join(", ", vars)}) = ({string.Join(", ", p.Select(Num))})";

    private static string Sup(int n) => n == 1 ? "" : string.Concat(n.ToString(CultureInfo.InvariantCulture).Select(c => "⁰¹²³⁴⁵⁶⁷⁸⁹"[c - '0']));

    /// <summary>∂f/∂x, ∂²f/∂x², ∂²f/∂y∂x for [x, y] (the last variable applied is leftmost).</summary>
    public static string Leibniz(IReadOnlyList<string> wrt, string f = "f")
    {
        if (wrt.Count == 0) return f;
        var sb = new StringBuilder($"∂{Sup(wrt.Count)}{f}/");
        for (int i = wrt.Count - 1; i >= 0;)
        {
            int j = i;
            while (j > 0 && wrt[j - 1] == wrt[i]) j--;
            sb.Append('∂').Append(wrt[i]).Append(Sup(i - j + 1));
            i = j - 1;
        }
        return sb.ToString();
    }

    public static string Show(Expr e, bool latex) => latex ? e.ToLatex() : e.ToString();
}

/// <summary>The one JSON object a command prints; non-finite numbers become null with an "error" field.</summary>
internal sealed class JsonReport
{
    private readonly MemoryStream stream = new();
    private readonly Utf8JsonWriter w;
    private readonly List<string> errors = new();

    public JsonReport()
    {
        w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
    }

    public Utf8JsonWriter Writer => w;

    public void Str(string name, string value) => w.WriteString(name, value);
    public void Bool(string name, bool value) => w.WriteBoolean(name, value);

    public void Strs(string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    public void StrMatrix(string name, IEnumerable<IEnumerable<string>> rows)
    {
        w.WriteStartArray(name);
        foreach (var r in rows)
        {
            w.WriteStartArray();
            foreach (var v in r) w.WriteStringValue(v);
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    private void Value(double v, string what)
    {
        if (double.IsFinite(v)) w.WriteNumberValue(v);
        else
        {
            w.WriteNullValue();
            var msg = $"{what} is {(double.IsNaN(v) ? "undefined" : "infinite")} at this point";
            if (!errors.Contains(msg)) errors.Add(msg);
        }
    }

    public void Num(string name, double v)
    {
        w.WritePropertyName(name);
        Value(v, name);
    }

    public void Nums(string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) Value(v, name);
        w.WriteEndArray();
    }

    public void NumMatrix(string name, double[] rowMajor, int n)
    {
        w.WriteStartArray(name);
        for (int i = 0; i < n; i++)
        {
            w.WriteStartArray();
            for (int j = 0; j < n; j++) Value(rowMajor[i * n + j], name);
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    /// <summary>Adds a message to the "error" field (for values written directly through <see cref="Writer"/>).</summary>
    public void AddError(string message)
    {
        if (!errors.Contains(message)) errors.Add(message);
    }

    public string Finish()
    {
        if (errors.Count > 0) w.WriteString("error", string.Join("; ", errors));
        w.WriteEndObject();
        w.Flush();
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
