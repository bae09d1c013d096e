using System.Globalization;

namespace Nabla.Symbolic;

/// <summary>
/// A point written by a person: <c>x=1,y=2</c> (by name) or <c>1,2</c> (in variable order). Each
/// value may be a constant formula (<c>pi/2</c>, <c>1e-3</c>, <c>-sqrt(2)</c>).
/// </summary>
public static class PointSpec
{
    /// <summary>The values of <paramref name="variables"/> at the point. Throws <see cref="NablaInputException"/> on bad input.</summary>
    public static double[] Parse(string text, IReadOnlyList<string> variables)
    {
        var (names, values) = ParseRaw(text);
        if (names is null)
        {
            if (values.Length != variables.Count)
                throw new NablaInputException(variables.Count == 0
                    ? $"the point '{text}' has {values.Length} value(s) but the formula has no variables"
                    : $"the point '{text}' has {values.Length} value(s) but there are {variables.Count} variable(s) ({string.Join(", ", variables)})");
            return values;
        }
        var result = new double[variables.Count];
        var given = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
            if (!given.TryAdd(names[i], values[i])) throw new NablaInputException($"the point gives '{names[i]}' twice");
        for (int i = 0; i < variables.Count; i++)
            if (!given.TryGetValue(variables[i], out result[i]))
                throw new NablaInputException($"the point '{text}' gives no value for '{variables[i]}'");
        foreach (var n in names)
            if (!variables.Contains(n)) throw new NablaInputException($"the point gives a value for '{n}', which is not a variable ({string.Join(", ", variables)})");
        return result;
    }

    /// <summary>Names (null when the values are positional) and values.</summary>
    public static (string[]? Names, double[] Values) ParseRaw(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new NablaInputException("the point is empty: write --at x=1,y=2 or --at 1,2");
        var parts = SplitTopLevel(text);
        var names = new List<string>();
        var values = new double[parts.Count];
        int named = 0;
        for (int i = 0; i < parts.Count; i++)
        {
            var p = parts[i].Trim();
            int eq = p.IndexOf('=');
            if (eq >= 0 && (eq + 1 >= p.Length || p[eq + 1] != '='))
            {
                var name = p[..eq].Trim();
                if (name.Length == 0) throw new NablaInputException($"missing variable name before '=' in '{p}'");
                names.Add(name);
                named++;
                p = p[(eq + 1)..].Trim();
            }
            values[i] = Value(p);
        }
        if (named != 0 && named != parts.Count) throw new NablaInputException($"the point '{text}' mixes named (x=1) and positional values");
        return (named == 0 ? null : names.ToArray(), values);
    }

    private static double Value(string p)
    {
        if (p.Length == 0) throw new NablaInputException("a coordinate of the point is empty");
        if (double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        Expr e;
        try { e = Expr.Parse(p); }
        catch (ParseException ex) { throw new NablaInputException($"the coordinate '{p}' is not a number: {ex.Message}"); }
        if (e.Variables.Count > 0) throw new NablaInputException($"the coordinate '{p}' must be a number, not depend on {string.Join(", ", e.Variables)}");
        return e.Evaluate([], []);
    }

    private static List<string> SplitTopLevel(string s)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '(') depth++;
            else if (s[i] == ')') depth--;
            else if (s[i] == ',' && depth == 0) { parts.Add(s[start..i]); start = i + 1; }
        }
        parts.Add(s[start..]);
        return parts;
    }

    /// <summary>Variables for a command: the user's order if given, else the formula's variables and any named in the point, naturally sorted.</summary>
    public static IReadOnlyList<string> Variables(Expr e, string? varsOption, string? at)
    {
        if (!string.IsNullOrWhiteSpace(varsOption))
        {
            var list = varsOption.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (list.Distinct().Count() != list.Length) throw new NablaInputException($"--vars lists a variable twice: {varsOption}");
            foreach (var v in e.Variables)
                if (!list.Contains(v)) throw new NablaInputException($"--vars does not list '{v}', which the formula uses");
            return list;
        }
        var names = new HashSet<string>(e.Variables);
        if (at is not null && ParseRaw(at).Names is { } given)
            foreach (var n in given) names.Add(n);
        var sorted = names.ToList();
        sorted.Sort(NaturalComparer.Instance);
        return sorted;
    }
}
