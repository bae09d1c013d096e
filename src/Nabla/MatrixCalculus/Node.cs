namespace Nabla.MatrixCalculus;

/// <summary>The node kinds of a matrix expression.</summary>
public enum NodeKind
{
    Var, Number, Eye, Ones, Zeros,
    Add, Mul, Div, Pow, MatPow, Transpose,
    Hadamard, ElemDiv, ElemPow, Kron, Func,
    Trace, Det, LogDet, Inv, Norm1, Norm2, Sum, DiagMatrix, DiagVector,
    VectorLit, MatrixLit,
    /// <summary>The commutation matrix K(n, m): K vec(A) = vec(A') for an n×m matrix A (column-major vec); <see cref="Node.Name"/> is "n,m".</summary>
    Commutation,
    /// <summary>The differential dX of the variable named <see cref="Node.Name"/>.</summary>
    Differential,
}

/// <summary>
/// An immutable matrix expression with a known (symbolic) shape. Equal expressions have equal
/// <see cref="Key"/> (the canonical printed text), which is what like-term collection and caches
/// use. Build nodes with <see cref="Build"/>'s smart constructors, which simplify as they go
/// (identities and zeros removed, numeric factors pulled to the front, transposes pushed down).
/// </summary>
public sealed class Node : IEquatable<Node>
{
    /// <summary>Deepest nesting accepted anywhere (input or derived); deeper raises <see cref="MatrixLimitException"/>.</summary>
    public const int MaxDepth = 400;

    public NodeKind Kind { get; }
    public Node[] Children { get; }
    /// <summary>Variable or function name.</summary>
    public string Name { get; }
    /// <summary>Numeric value (Number), integer exponent (MatPow), or the row count of MatrixLit.</summary>
    public double Value { get; }
    public Shape Shape { get; }
    public int Depth { get; }
    /// <summary>Declared symmetric (variables only): X' = X.</summary>
    public bool Symmetric { get; }
    private string? _key;

    internal Node(NodeKind kind, Shape shape, Node[]? children = null, string name = "", double value = 0, bool symmetric = false)
    {
        Kind = kind;
        Shape = shape;
        Children = children ?? [];
        Name = name;
        Value = value;
        Symmetric = symmetric;
        int d = 0;
        foreach (var c in Children) d = Math.Max(d, c.Depth);
        Depth = d + 1;
        if (Depth > MaxDepth)
            throw new MatrixLimitException($"expression nested deeper than {MaxDepth} levels", 0);
    }

    public Node this[int i] => Children[i];
    public bool IsScalar => Shape.IsScalar;
    public bool IsNumber(double v) => Kind == NodeKind.Number && Value == v;
    public bool IsZero => Kind == NodeKind.Zeros || IsNumber(0);

    /// <summary>Canonical text (the same as <see cref="MatrixPrinter.Print"/>).</summary>
    public string Key => _key ??= MatrixPrinter.Print(this);
    public override string ToString() => Key;
    public bool Equals(Node? other) => other is not null && (ReferenceEquals(this, other) || Key == other.Key);
    public override bool Equals(object? obj) => obj is Node n && Equals(n);
    public override int GetHashCode() => Key.GetHashCode(StringComparison.Ordinal);

    /// <summary>True when the variable <paramref name="name"/> occurs in this expression.</summary>
    public bool DependsOn(string name)
    {
        var stack = new Stack<Node>();
        var seen = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        stack.Push(this);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (!seen.Add(n)) continue;
            if (n.Kind == NodeKind.Var && n.Name == name) return true;
            foreach (var c in n.Children) stack.Push(c);
        }
        return false;
    }

    /// <summary>Every variable with its shape, in order of first appearance.</summary>
    public IReadOnlyList<Node> Variables()
    {
        var result = new List<Node>();
        var names = new HashSet<string>();
        var seen = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        void Walk(Node n)
        {
            if (!seen.Add(n)) return;
            if (n.Kind == NodeKind.Var && names.Add(n.Name)) result.Add(n);
            foreach (var c in n.Children) Walk(c);
        }
        Walk(this);
        return result;
    }
}
