namespace Nabla.MatrixCalculus;

/// <summary>
/// Turns index-notation terms back into matrix notation. Each term is a graph whose edges are the
/// factors (a matrix joins its two indices, a vector ends at one) and whose vertices are the
/// indices; a summed index joins two factors into a product, a chain between the free row and
/// column indices is a matrix product, a closed loop is a trace, a path between two vectors is a
/// scalar a'*M*b, vectors on a free index give an outer product p*q'. Factors that share both
/// indices are merged with ⊙; a vector sharing an index with a matrix is absorbed as diag(v). A
/// term whose graph is none of these has no matrix form (null) and is printed in index form.
/// </summary>
public static class MatrixFormBuilder
{
    private sealed class Edge(Node m, int a, int? b)
    {
        public Node M = m;
        public readonly int A = a;
        public readonly int? B = b;
        public bool IsVector => B is null;
    }

    /// <summary>A term in matrix notation: coefficient × scalars × product of the chain.</summary>
    public sealed record MatrixTerm(double Coef, List<Node> Scalars, List<Node> Chain)
    {
        public string Key => string.Join(" ", Scalars.Select(s => s.Key)) + "|" + string.Join("*", Chain.Select(c => c.Key));
    }

    /// <summary>Removes every delta on a summed index by renaming; a delta between two free indices stays. Null if a delta δ_kk (a dimension) remains.</summary>
    public static IndexTerm? EliminateDeltas(IndexTerm t, ISet<int> free)
    {
        while (true)
        {
            int idx = -1;
            for (int q = 0; q < t.Deltas.Count; q++)
            {
                var (a, b) = t.Deltas[q];
                if (a == b) return null;
                if (!free.Contains(a) || !free.Contains(b)) { idx = q; break; }
            }
            if (idx < 0) return t;
            var d = t.Deltas[idx];
            var rest = new IndexTerm(t.Coef, t.Scalars, t.Factors, [.. t.Deltas.Where((_, q) => q != idx)], t.Dx);
            t = free.Contains(d.B) ? rest.Rename(d.A, d.B) : rest.Rename(d.B, d.A);
        }
    }

    /// <summary>Matrix form with rows running over <paramref name="row"/> and columns over <paramref name="col"/> (either may be null); null if some term has none.</summary>
    public static Node? Build(IReadOnlyList<IndexTerm> terms, IndexSpace space, int? row, int? col, Shape shape, ISet<int>? dxNames = null)
    {
        var free = new HashSet<int>();
        if (row is int r) free.Add(r);
        if (col is int c) free.Add(c);
        var mts = new List<MatrixTerm>();
        foreach (var t in terms)
        {
            var mt = ToMatrixTerm(t, space, free, row, col, null, null) ?? ToMatrixTerm(t, space, free, row, col, null, null, contract: true);
            if (mt is null) return null;
            if (mt.Coef != 0) mts.Add(mt);
        }
        return Assemble(mts, shape);
    }

    /// <summary>
    /// The vec form of a 4-index derivative ∂F_ij/∂X_uv as a sum of Kronecker products: a term
    /// P_iu Q_vj is the (i + rows·j, u + rows·v) entry of Q' ⊗ P (column-major vec). Null if some
    /// term is not of that pattern (for example when X' occurs, which needs the commutation matrix).
    /// </summary>
    public static Node? Kronecker(IReadOnlyList<IndexTerm> terms, IndexSpace space, int i, int j, int u, int v, Shape shape)
    {
        var free = new HashSet<int> { i, j, u, v };
        var mts = new List<MatrixTerm>();
        foreach (var t in terms)
        {
            var mt = ToMatrixTerm(t, space, free, i, u, v, j) ?? ToMatrixTerm(t, space, free, i, u, v, j, contract: true);
            if (mt is null) return null;
            if (mt.Coef != 0) mts.Add(mt);
        }
        return Assemble(mts, shape);
    }

    private static Node Chain(List<Node> nodes)
    {
        var p = nodes[0];
        for (int q = 1; q < nodes.Count; q++) p = MatrixCalculus.Build.Mul(p, nodes[q]);
        return p;
    }

    private static int Transposes(List<Node> nodes) => nodes.Count(n => n.Kind == NodeKind.Transpose);

    /// <summary>
    /// One term to matrix notation. With (row, col) only: the matrix between them. With the second
    /// pair (row2, col2) too: the Kronecker form Q' ⊗ P of chains row→col (P) and row2→col2 (Q).
    /// </summary>
    private static MatrixTerm? ToMatrixTerm(IndexTerm t0, IndexSpace space, HashSet<int> free, int? row, int? col, int? row2, int? col2, bool contract = false)
    {
        var t = EliminateDeltas(t0, free);
        if (t is null) return null;
        var scalars = new List<Node>(t.Scalars);
        var edges = t.Factors.Select(f => new Edge(f.Node, f.A, f.B)).ToList();
        foreach (var (a, b) in t.Deltas) edges.Add(new Edge(MatrixCalculus.Build.Eye(space.DimOf(a)), a, b));

        // M_kk is the vector diag(M) at k (alone on a summed index it becomes sum(diag(M)) = tr(M))
        for (int q = edges.Count - 1; q >= 0; q--)
        {
            var e = edges[q];
            if (e.B == e.A)
            {
                edges.RemoveAt(q);
                edges.Add(new Edge(MatrixCalculus.Build.Diag(e.M), e.A, null));
            }
        }
        // factors on the same pair of indices: elementwise product, unless they close a loop of two (a trace)
        int Degree(int x) => edges.Count(e => e.A == x) + edges.Count(e => e.B == x);
        for (int p = 0; p < edges.Count; p++)
            for (int q = edges.Count - 1; q > p; q--)
            {
                var (x, y) = (edges[p], edges[q]);
                if (x.IsVector || y.IsVector) continue;
                bool same = x.A == y.A && x.B == y.B, flipped = x.A == y.B && x.B == y.A;
                if (!same && !flipped) continue;
                if (!free.Contains(x.A) && !free.Contains(x.B!.Value) && Degree(x.A) == 2 && Degree(x.B!.Value) == 2) continue;
                x.M = MatrixCalculus.Build.Hadamard(x.M, same ? y.M : MatrixCalculus.Build.Transpose(y.M));
                edges.RemoveAt(q);
            }
        if (contract)
        {
            // a chain ending in a vector is a vector: M_ak v_k = (M*v)_a when k occurs nowhere else
            bool changed = true;
            while (changed)
            {
                changed = false;
                foreach (var v in edges.Where(e => e.IsVector && !free.Contains(e.A)).ToList())
                {
                    var others = edges.Where(e => !ReferenceEquals(e, v) && (e.A == v.A || e.B == v.A)).ToList();
                    if (others.Count != 1 || others[0].IsVector || others[0].A == others[0].B) continue;
                    var m = others[0];
                    var node = m.B == v.A ? MatrixCalculus.Build.Mul(m.M, v.M) : MatrixCalculus.Build.Mul(MatrixCalculus.Build.Transpose(m.M), v.M);
                    int at = m.B == v.A ? m.A : m.B!.Value;
                    edges.Remove(v);
                    edges.Remove(m);
                    edges.Add(new Edge(node, at, null));
                    changed = true;
                    break;
                }
            }
        }
        // at most two factors per summed index, one per free index: vectors on one index are
        // multiplied elementwise, and a vector sharing an index with a matrix becomes diag(v)
        var indices = new HashSet<int>(free);
        foreach (var e in edges) { indices.Add(e.A); if (e.B is int b) indices.Add(b); }
        foreach (var x in indices)
        {
            int limit = free.Contains(x) ? 1 : 2;
            var vs = edges.Where(e => e.IsVector && e.A == x).ToList();
            var ms = edges.Where(e => !e.IsVector && (e.A == x || e.B == x)).ToList();
            while (vs.Count >= 2 && vs.Count + ms.Count > limit)
            {
                vs[0].M = MatrixCalculus.Build.Hadamard(vs[0].M, vs[^1].M);
                edges.Remove(vs[^1]);
                vs.RemoveAt(vs.Count - 1);
            }
            if (vs.Count + ms.Count <= limit || ms.Count == 0) continue;
            var m = ms[0];
            foreach (var v in vs)
            {
                var d = MatrixCalculus.Build.Diag(v.M);
                m.M = m.A == x ? MatrixCalculus.Build.Mul(d, m.M) : MatrixCalculus.Build.Mul(m.M, d);
                edges.Remove(v);
            }
        }
        var inc = new Dictionary<int, List<Edge>>();
        void Inc(int x, Edge e) { if (!inc.TryGetValue(x, out var l)) inc[x] = l = []; l.Add(e); }
        foreach (var e in edges) { Inc(e.A, e); if (e.B is int b) Inc(b, e); }
        foreach (var x in indices)
        {
            int limit = free.Contains(x) ? 1 : 2;
            var n = inc.TryGetValue(x, out var l) ? l.Count : 0;
            if (n > limit) return null;
            // an index summed over one matrix factor only, or a free index without factors: a ones vector
            if (n == 0 && free.Contains(x) || n == 1 && !free.Contains(x) && !l![0].IsVector)
            {
                var e = new Edge(MatrixCalculus.Build.Ones(Shape.Vector(space.DimOf(x))), x, null);
                edges.Add(e);
                Inc(x, e);
            }
        }

        var visited = new HashSet<Edge>(ReferenceEqualityComparer.Instance);
        Edge? Other(int x, Edge e) => inc.TryGetValue(x, out var l) ? l.FirstOrDefault(o => !ReferenceEquals(o, e)) : null;

        // walks from index x along edge e; returns the chain and where it ended (free index, or null at a vector)
        (List<Node> Nodes, int? End)? Walk(int x, Edge e, int? stopAt = null)
        {
            var nodes = new List<Node>();
            int cur = x;
            var edge = e;
            for (int guard = 0; guard <= edges.Count; guard++)
            {
                visited.Add(edge);
                if (edge.IsVector) { nodes.Add(edge.M); return (nodes, null); }
                int next;
                if (edge.A == cur) { nodes.Add(edge.M); next = edge.B!.Value; }
                else { nodes.Add(MatrixCalculus.Build.Transpose(edge.M)); next = edge.A; }
                if (free.Contains(next) || next == stopAt) return (nodes, next);
                var o = Other(next, edge);
                if (o is null) return null;
                edge = o;
                cur = next;
            }
            return null;
        }

        static List<Node> Flip(List<Node> nodes) => [.. Enumerable.Reverse(nodes).Select(MatrixCalculus.Build.Transpose)];

        // the matrix between free indices r (rows) and c (columns): a chain, or an outer product p*q'
        List<Node>? Between(int r, int c)
        {
            var w = Walk(r, inc[r][0]);
            if (w is null) return null;
            if (w.Value.End == c) return w.Value.Nodes;
            if (w.Value.End is not null) return null;
            var w2 = Walk(c, inc[c][0]);
            if (w2 is null || w2.Value.End is not null) return null;
            return [.. w.Value.Nodes, .. Flip(w2.Value.Nodes)];
        }

        List<Node> chain = [];
        if (row2 is null)
        {
            if (row is int r0 && col is int c0)
            {
                var b = Between(r0, c0);
                if (b is null) return null;
                chain = b;
            }
            else if ((row ?? col) is int only)
            {
                var w = Walk(only, inc[only][0]);
                if (w is null || w.Value.End is not null) return null;
                chain = row is null ? Flip(w.Value.Nodes) : w.Value.Nodes;
            }
        }
        else
        {
            var p = Between(row!.Value, col!.Value);
            var q = p is null ? null : Between(row2.Value, col2!.Value);
            if (p is not null && q is not null)
                chain = [MatrixCalculus.Build.Kron(MatrixCalculus.Build.Transpose(Chain(q)), Chain(p))];
            else
            {
                // P_iv Q_uj comes from dX': vec(P dX' Q) = (Q' ⊗ P) K vec(dX), K the commutation matrix of X
                visited.Clear();
                p = Between(row.Value, row2.Value);
                q = p is null ? null : Between(col!.Value, col2!.Value);
                if (p is null || q is null) return null;
                chain = [MatrixCalculus.Build.Kron(MatrixCalculus.Build.Transpose(Chain(q)), Chain(p)),
                         MatrixCalculus.Build.Commutation(space.DimOf(col.Value), space.DimOf(row2.Value))];
            }
        }

        // the rest: scalar paths between two vectors, lone vectors (sums) and loops (traces)
        foreach (var e in edges.Where(e => e.IsVector).ToList())
        {
            if (visited.Contains(e)) continue;
            visited.Add(e);
            var o = Other(e.A, e);
            if (o is null) { scalars.Add(MatrixCalculus.Build.SumAll(e.M)); continue; }
            var w = Walk(e.A, o);
            if (w is null || w.Value.End is not null) return null;
            var fwd = new List<Node> { MatrixCalculus.Build.Transpose(e.M) };
            fwd.AddRange(w.Value.Nodes);
            var back = Enumerable.Reverse(fwd).Select(MatrixCalculus.Build.Transpose).ToList();
            scalars.Add(Chain(Prefer(fwd, back)));
        }
        foreach (var e in edges)
        {
            if (visited.Contains(e)) continue;
            var w = Walk(e.A, e, stopAt: e.A);
            if (w is null || w.Value.End != e.A) return null;
            var fwd = w.Value.Nodes;
            var back = Enumerable.Reverse(fwd).Select(MatrixCalculus.Build.Transpose).ToList();
            var best = Prefer(fwd, back);
            // rotate so that a differential, if any, comes last: tr(A*dX)
            int at = best.FindIndex(IsDifferential);
            if (at >= 0) best = [.. best.Skip(at + 1), .. best.Take(at + 1)];
            scalars.Add(MatrixCalculus.Build.Trace(Chain(best)));
        }
        return new MatrixTerm(t.Coef, CombinePowers(scalars), Powers(chain));
    }

    /// <summary>s * s^2 = s^3: scalar factors with the same base are combined; sorted.</summary>
    private static List<Node> CombinePowers(List<Node> scalars)
    {
        var order = new List<string>();
        var map = new Dictionary<string, (Node Base, double Exp)>();
        foreach (var s in scalars)
        {
            var (b, e) = s.Kind == NodeKind.Pow && s[1].Kind == NodeKind.Number ? (s[0], s[1].Value) : (s, 1.0);
            if (map.TryGetValue(b.Key, out var cur)) map[b.Key] = (b, cur.Exp + e);
            else { map[b.Key] = (b, e); order.Add(b.Key); }
        }
        var result = new List<Node>();
        foreach (var k in order)
        {
            var (b, e) = map[k];
            if (e != 0) result.Add(e == 1 ? b : MatrixCalculus.Build.Pow(b, MatrixCalculus.Build.Num(e)));
        }
        result.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return result;
    }

    /// <summary>Runs of equal factors in a chain become powers: X*X*X = X^3.</summary>
    private static List<Node> Powers(List<Node> chain)
    {
        var result = new List<Node>();
        for (int q = 0; q < chain.Count;)
        {
            int r = q + 1;
            while (r < chain.Count && chain[r].Equals(chain[q]) && chain[q].Shape.IsSquare && !chain[q].IsScalar) r++;
            result.Add(r - q > 1 ? MatrixCalculus.Build.MatPow(chain[q], r - q) : chain[q]);
            q = r;
        }
        return result;
    }

    internal static bool IsDifferential(Node n) => n.Kind == NodeKind.Differential;

    /// <summary>Of two equal chains (one the transpose of the other), the one with an untransposed differential, else fewer transposes.</summary>
    private static List<Node> Prefer(List<Node> fwd, List<Node> back)
    {
        bool dxT(List<Node> l) => l.Any(n => n.Kind == NodeKind.Transpose && IsDifferential(n[0]));
        if (dxT(fwd) != dxT(back)) return dxT(fwd) ? back : fwd;
        return Transposes(back) < Transposes(fwd) ? back : fwd;
    }

    /// <summary>Collects like terms, sorts them, factors a common prefix/suffix, and builds the node.</summary>
    private static Node Assemble(List<MatrixTerm> terms, Shape shape)
    {
        var byKey = new Dictionary<string, MatrixTerm>();
        foreach (var t in terms)
            byKey[t.Key] = byKey.TryGetValue(t.Key, out var e) ? e with { Coef = e.Coef + t.Coef } : t;
        var list = byKey.Values.Where(t => Math.Abs(t.Coef) > 0).OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        if (list.Count == 0) return MatrixCalculus.Build.Zeros(shape);
        var prefix = new List<Node>();
        var suffix = new List<Node>();
        if (list.Count > 1)
        {
            while (list.All(t => t.Chain.Count >= 2 && t.Chain[^1].Equals(list[0].Chain[^1])))
            {
                suffix.Insert(0, list[0].Chain[^1]);
                foreach (var t in list) t.Chain.RemoveAt(t.Chain.Count - 1);
            }
            while (list.All(t => t.Chain.Count >= 2 && t.Chain[0].Equals(list[0].Chain[0])))
            {
                prefix.Add(list[0].Chain[0]);
                foreach (var t in list) t.Chain.RemoveAt(0);
            }
        }
        var parts = list.Select(TermNode).ToList();
        var sum = MatrixCalculus.Build.Sum(parts);
        foreach (var p in Enumerable.Reverse(prefix)) sum = MatrixCalculus.Build.Mul(p, sum);
        foreach (var s in suffix) sum = MatrixCalculus.Build.Mul(sum, s);
        return sum;
    }

    private static Node TermNode(MatrixTerm t)
    {
        Node? num = null, den = null;
        foreach (var s in t.Scalars)
        {
            if (s.Kind == NodeKind.Pow && s[1].Kind == NodeKind.Number && s[1].Value < 0)
            {
                var d = MatrixCalculus.Build.Pow(s[0], MatrixCalculus.Build.Num(-s[1].Value));
                den = den is null ? d : MatrixCalculus.Build.Mul(den, d);
            }
            else num = num is null ? s : MatrixCalculus.Build.Mul(num, s);
        }
        Node body = t.Chain.Count > 0 ? Chain(t.Chain) : MatrixCalculus.Build.Num(1);
        if (num is not null) body = MatrixCalculus.Build.Mul(num, body);
        if (den is not null) body = MatrixCalculus.Build.Div(body, den);
        return MatrixCalculus.Build.Scale(t.Coef, body);
    }
}
