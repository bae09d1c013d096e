using System.Text;

namespace Nabla.MatrixCalculus;

/// <summary>
/// Prints a derivative in index (Einstein) notation, e.g.
/// <c>∂(A⁻¹)_ij/∂a_uv = -(A⁻¹)_iu (A⁻¹)_vj</c>: repeated indices are summed.
/// </summary>
public static class IndexFormPrinter
{
    private static readonly string[] Bound = ["k", "l", "p", "q", "r", "s", "t", "a", "b", "c", "e", "f", "g", "h"];

    public static string Print(Node f, Node x, IReadOnlyList<IndexTerm> terms, int? i, int? j, int? u, int? v)
    {
        var free = new HashSet<int>();
        var names = new Dictionary<int, string>();
        void Free(int? idx, string name) { if (idx is int k) { free.Add(k); names[k] = name; } }
        Free(i, "i"); Free(j, "j"); Free(u, "u"); Free(v, "v");
        var lhs = $"∂{Entry(f, Sub(i, j, names))}/∂{VariableEntry(x, Sub(u, v, names))}";
        var sb = new StringBuilder();
        int next = 0;
        string Name(int idx)
        {
            if (names.TryGetValue(idx, out var s)) return s;
            s = next < Bound.Length ? Bound[next] : $"k{next}";
            next++;
            return names[idx] = s;
        }
        var order = new List<string>();
        var coefs = new Dictionary<string, double>();
        foreach (var t0 in terms)
        {
            var t = MatrixFormBuilder.EliminateDeltas(t0, free) ?? t0;
            if (t.Coef == 0) continue;
            var parts = new List<string>();
            foreach (var s in t.Scalars) parts.Add(MatrixPrinter.Prec(s) < 6 ? $"({s.Key})" : s.Key);
            foreach (var fct in t.Factors) parts.Add(Entry(fct.Node, Name(fct.A) + (fct.B is int b ? Name(b) : "")));
            foreach (var (a, b) in t.Deltas) parts.Add($"δ_{Name(a)}{Name(b)}");
            var body = string.Join(" ", parts);
            if (coefs.TryGetValue(body, out var c0)) coefs[body] = c0 + t.Coef;
            else { coefs[body] = t.Coef; order.Add(body); }
        }
        bool first = true;
        foreach (var body in order)
        {
            double c = coefs[body];
            if (c == 0) continue;
            if (first) { if (c < 0) sb.Append('-'); }
            else sb.Append(c < 0 ? " - " : " + ");
            first = false;
            var ac = Math.Abs(c);
            sb.Append(ac != 1 || body.Length == 0 ? (body.Length == 0 ? MatrixPrinter.Number(ac) : $"{MatrixPrinter.Number(ac)} {body}") : body);
        }
        if (first) sb.Append('0');
        return $"{lhs} = {sb}";
    }

    private static string Sub(int? a, int? b, Dictionary<int, string> names) =>
        (a is int x ? names[x] : "") + (b is int y ? names[y] : "");

    /// <summary>A_iu for a named matrix, (A⁻¹)_iu for its inverse, (expr)_iu otherwise.</summary>
    public static string Entry(Node n, string sub)
    {
        string body = n.Kind switch
        {
            NodeKind.Var => n.Name,
            NodeKind.Inv when n[0].Kind == NodeKind.Var => $"({n[0].Name}⁻¹)",
            NodeKind.Transpose when n[0].Kind == NodeKind.Var => $"({n[0].Name}ᵀ)",
            _ => $"({n.Key})",
        };
        return sub.Length == 0 ? body : $"{body}_{sub}";
    }

    /// <summary>The entry of the variable: a_uv for a one-letter matrix A (the Cookbook's habit), X_uv otherwise.</summary>
    public static string VariableEntry(Node x, string sub)
    {
        var name = x.Name.Length == 1 && char.IsUpper(x.Name[0]) ? x.Name.ToLowerInvariant() : x.Name;
        return sub.Length == 0 ? name : $"{name}_{sub}";
    }
}
