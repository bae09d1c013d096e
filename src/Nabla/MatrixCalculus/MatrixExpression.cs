namespace Nabla.MatrixCalculus;

/// <summary>
/// A parsed, shape-checked matrix expression: the root node and the shape of every symbol (the
/// variable of differentiation first, then in order of appearance).
/// </summary>
public sealed record MatrixExpression(string Text, Node Root, IReadOnlyList<KeyValuePair<string, Shape>> Shapes, Declarations Declarations)
{
    /// <summary>Parses and infers shapes. Throws <see cref="MatrixInputException"/> subclasses on bad input.</summary>
    public static MatrixExpression Parse(string text, string? dims = null, string? wrt = null) =>
        Parse(text, Declarations.Parse(dims), wrt);

    public static MatrixExpression Parse(string text, Declarations declarations, string? wrt = null)
    {
        var syntax = MatrixParser.Parse(text);
        return ShapeInference.Run(text, syntax, declarations, wrt);
    }

    public Shape ShapeOf(string name) =>
        Shapes.FirstOrDefault(s => s.Key == name) is { Key: not null } kv ? kv.Value : throw new MatrixInputException($"'{name}' does not occur in '{Text}'", 0);

    /// <summary><c>X: n×m, a: m, C: n×n</c>.</summary>
    public string ShapesText => string.Join(", ", Shapes.Select(s => $"{s.Key}: {s.Value}"));

    /// <summary>The declarations implied by the inferred shapes, so derived expressions re-parse with the same shapes.</summary>
    public string DimsText => string.Join(", ", Shapes.Select(s =>
        s.Key + ":" + (s.Value.IsScalar ? "scalar" : s.Value.Cols.IsOne ? s.Value.Rows.Name : $"{s.Value.Rows}*{s.Value.Cols}")
        + (Declarations.Find(s.Key)?.Symmetric == true ? ":sym" : "")));
}
