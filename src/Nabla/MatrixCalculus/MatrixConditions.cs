namespace Nabla.MatrixCalculus;

/// <summary>
/// The side conditions under which an expression and its derivative exist, read off the
/// expression: inverses and determinants need invertible arguments, logarithms positive ones, and
/// so on. <c>logdet(A)</c> means log|det(A)|: it is defined for every invertible A and its gradient
/// inv(A)' holds there; it equals log(det(A)) when det(A) &gt; 0.
/// </summary>
public static class MatrixConditions
{
    public static IReadOnlyList<string> Of(MatrixExpression expr, Node x)
    {
        var result = new List<string>();
        void Add(string s) { if (!result.Contains(s)) result.Add(s); }
        var seen = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Node N, bool UnderSquare)>();
        stack.Push((expr.Root, false));
        while (stack.Count > 0)
        {
            var (n, sq) = stack.Pop();
            if (!seen.Add(n)) continue;
            switch (n.Kind)
            {
                case NodeKind.Det or NodeKind.Inv: Add($"{n[0].Key} invertible"); break;
                case NodeKind.LogDet:
                    Add($"{n[0].Key} invertible");
                    Add($"logdet({n[0].Key}) = log|det({n[0].Key})| (equals log det({n[0].Key}) when det({n[0].Key}) > 0)");
                    break;
                case NodeKind.MatPow when n.Value < 0: Add($"{n[0].Key} invertible"); break;
                case NodeKind.Div: Add($"{n[1].Key} ≠ 0"); break;
                case NodeKind.ElemDiv: Add($"{n[1].Key} has no zero entries"); break;
                case NodeKind.Pow when n[1].Kind == NodeKind.Number:
                {
                    double p = n[1].Value;
                    if (p != Math.Floor(p)) Add($"{n[0].Key} > 0");
                    else if (p < 0) Add($"{n[0].Key} ≠ 0");
                    break;
                }
                case NodeKind.Pow: Add($"{n[0].Key} > 0"); break;
                case NodeKind.ElemPow when n[1].Kind != NodeKind.Number || n[1].Value != Math.Floor(n[1].Value):
                    Add($"{n[0].Key} > 0 elementwise"); break;
                case NodeKind.Func when ElementwiseFunctions.Condition(n.Name, n[0].Key) is { } c: Add(c); break;
                case NodeKind.Norm2 when !sq: Add($"{n[0].Key} ≠ 0 (norm2 is not differentiable at 0)"); break;
                case NodeKind.Norm1: Add($"{n[0].Key} has no zero entries (norm1 is not differentiable there)"); break;
            }
            bool square = n.Kind == NodeKind.Pow && n[1].IsNumber(2);
            foreach (var c in n.Children) stack.Push((c, square));
        }
        if (x.Symmetric)
            Add($"{x.Name} symmetric: the result treats the entries of {x.Name} as independent (the unconstrained gradient G, which finite differences entrywise confirm); "
                + $"on the space of symmetric matrices the gradient is (G + G')/2, not G + G' - I⊙G");
        result.Reverse();
        return result;
    }
}
