namespace Nabla.Symbolic;

/// <summary>Iterative DAG traversals: no recursion, so depth is limited only by memory.</summary>
internal static class Traversal
{
    /// <summary>Every node reachable from <paramref name="root"/> once, children before parents.</summary>
    public static List<Expr> PostOrder(Expr root) => PostOrder([root], null);

    /// <summary>Post-order over several roots, skipping nodes for which <paramref name="done"/> is true.</summary>
    public static List<Expr> PostOrder(IEnumerable<Expr> roots, Func<Expr, bool>? done)
    {
        var order = new List<Expr>();
        var seen = new HashSet<Expr>();
        var stack = new Stack<(Expr Node, int Next)>();
        foreach (var root in roots)
        {
            if (!seen.Add(root) || (done?.Invoke(root) ?? false)) continue;
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                if (next < node.args.Length)
                {
                    stack.Push((node, next + 1));
                    var child = node.args[next];
                    if (seen.Add(child) && !(done?.Invoke(child) ?? false)) stack.Push((child, 0));
                }
                else order.Add(node);
            }
        }
        return order;
    }
}
