using System.Text.Json;

using MathNet.Numerics.LinearAlgebra;

namespace Nabla.MatrixCalculus;

/// <summary>
/// Values from JSON (<c>{"A": [[1,2],[3,4]], "x": [1,2], "c": 2.0}</c>) and evaluation of an
/// expression on them. A value's shape declares its symbol (a number is a scalar, a list a vector,
/// a list of lists a matrix), unless <c>--dims</c> declares it; the sizes of declared dimensions
/// are read off the values so that <c>eye(n)</c> in a printed derivative evaluates.
/// </summary>
public static class MatrixValues
{
    public static Dictionary<string, Matrix<double>> ParseJson(string json)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 }); }
        catch (JsonException e) { throw new NablaInputException($"values are not valid JSON: {e.Message}"); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new NablaInputException("values must be a JSON object {\"name\": value}");
            var result = new Dictionary<string, Matrix<double>>();
            foreach (var p in doc.RootElement.EnumerateObject())
                result[p.Name] = Value(p.Name, p.Value);
            return result;
        }
    }

    private static double Number(string name, JsonElement e) =>
        e.ValueKind == JsonValueKind.Number ? e.GetDouble() : throw new NablaInputException($"'{name}': expected a number, found {e.ValueKind}");

    private static Matrix<double> Value(string name, JsonElement e)
    {
        var M = Matrix<double>.Build;
        if (e.ValueKind == JsonValueKind.Number) return M.Dense(1, 1, e.GetDouble());
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() == 0) throw new NablaInputException($"'{name}': expected a number, a non-empty list or a list of lists");
        if (e[0].ValueKind == JsonValueKind.Array)
        {
            int rows = e.GetArrayLength(), cols = e[0].GetArrayLength();
            if (cols == 0) throw new NablaInputException($"'{name}': empty row");
            var m = M.Dense(rows, cols);
            for (int i = 0; i < rows; i++)
            {
                if (e[i].ValueKind != JsonValueKind.Array || e[i].GetArrayLength() != cols) throw new NablaInputException($"'{name}': row {i + 1} does not have {cols} entries");
                for (int j = 0; j < cols; j++) m[i, j] = Number(name, e[i][j]);
            }
            return m;
        }
        var v = M.Dense(e.GetArrayLength(), 1);
        for (int i = 0; i < v.RowCount; i++) v[i, 0] = Number(name, e[i]);
        return v;
    }

    public static Matrix<double> Evaluate(string expression, string valuesJson, string? dims = null) =>
        Evaluate(expression, ParseJson(valuesJson), dims);

    public static Matrix<double> Evaluate(string expression, IReadOnlyDictionary<string, Matrix<double>> values, string? dims = null)
    {
        var declared = Declarations.Parse(dims);
        var items = declared.Items.ToList();
        foreach (var (name, m) in values)
        {
            if (declared.Find(name) is not null) continue;
            string F(int k) => k.ToString(System.Globalization.CultureInfo.InvariantCulture);
            items.Add(m.RowCount == 1 && m.ColumnCount == 1 ? new Declaration(name, "1", "1", false)
                : m.ColumnCount == 1 ? new Declaration(name, F(m.RowCount), "1", false)
                : new Declaration(name, F(m.RowCount), F(m.ColumnCount), false));
        }
        var expr = MatrixExpression.Parse(expression, new Declarations(items));
        var sizes = new Dictionary<string, int>();
        foreach (var d in declared.Items)
        {
            if (!values.TryGetValue(d.Name, out var m)) continue;
            foreach (var (dim, size) in new[] { (d.Rows, m.RowCount), (d.Cols, m.ColumnCount) })
            {
                if (char.IsAsciiDigit(dim[0]))
                {
                    if (int.Parse(dim, System.Globalization.CultureInfo.InvariantCulture) != size)
                        throw new NablaInputException($"'{d.Name}' is declared with a dimension {dim} but its value has {size}");
                }
                else if (sizes.TryGetValue(dim, out var s) && s != size)
                    throw new NablaInputException($"dimension {dim} is {s} from one value and {size} from '{d.Name}'");
                else sizes[dim] = size;
            }
        }
        foreach (var v in expr.Root.Variables())
            if (!values.ContainsKey(v.Name)) throw new NablaInputException($"no value given for '{v.Name}' ({v.Shape})");
        return new MatrixEvaluator(values, sizes).Evaluate(expr.Root);
    }
}
