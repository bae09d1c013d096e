namespace Nabla.MatrixCalculus;

/// <summary>
/// The untyped parse tree: operator or function, its source span (0-based start, exclusive end)
/// for error messages, and its depth (bounded by <see cref="MatrixParser.MaxNesting"/>).
/// </summary>
internal sealed class SyntaxNode
{
    public string Op { get; }
    public int Start { get; }
    public int End { get; }
    public SyntaxNode[] Kids { get; }
    public string Text { get; }
    public double Number { get; }
    public int Depth { get; }
    /// <summary>Row count of a matrix(...) literal.</summary>
    public int Rows { get; init; }

    public SyntaxNode(string op, int start, int end, SyntaxNode[] kids, string text = "", double number = 0)
    {
        Op = op; Start = start; End = end; Kids = kids; Text = text; Number = number;
        int d = 0;
        foreach (var k in kids) d = Math.Max(d, k.Depth);
        Depth = d + 1;
        if (Depth > MatrixParser.MaxNesting)
            throw new MatrixLimitException($"expression nested deeper than {MatrixParser.MaxNesting} levels (operators, parentheses and calls each count)", start + 1);
    }
}
