namespace Nabla.MatrixCalculus;

/// <summary>Numerical value of index-notation terms (used to check derivatives that have no matrix form).</summary>
public static class IndexTensor
{
    /// <summary>Evaluates the terms for every value of the free indices (i, j, u, v) and returns the largest relative difference from <paramref name="reference"/>.</summary>
    public static double Evaluate(IReadOnlyList<IndexTerm> terms, IndexSpace space, MatrixEvaluator ev, int?[] free, double[,,,] reference)
    {
        var sizes = new int[4];
        for (int q = 0; q < 4; q++) sizes[q] = reference.GetLength(q);
        double diff = 0, scale = 1e-6;
        var at = new Dictionary<int, int>();
        for (int a = 0; a < sizes[0]; a++)
            for (int b = 0; b < sizes[1]; b++)
                for (int c = 0; c < sizes[2]; c++)
                    for (int e = 0; e < sizes[3]; e++)
                    {
                        at.Clear();
                        int[] vals = [a, b, c, e];
                        for (int q = 0; q < 4; q++) if (free[q] is int k) at[k] = vals[q];
                        double s = 0;
                        foreach (var t in terms) s += Term(t, space, ev, at);
                        diff = Math.Max(diff, Math.Abs(s - reference[a, b, c, e]));
                        scale = Math.Max(scale, Math.Max(Math.Abs(s), Math.Abs(reference[a, b, c, e])));
                    }
        return diff / scale;
    }

    private static double Term(IndexTerm t, IndexSpace space, MatrixEvaluator ev, Dictionary<int, int> fixedAt)
    {
        double c = t.Coef;
        foreach (var s in t.Scalars) c *= ev.Scalar(s);
        var bound = new List<int>();
        void Note(int k) { if (!fixedAt.ContainsKey(k) && !bound.Contains(k)) bound.Add(k); }
        foreach (var f in t.Factors) { Note(f.A); if (f.B is int b) Note(b); }
        foreach (var (a, b) in t.Deltas) { Note(a); Note(b); }
        var mats = t.Factors.Select(f => ev.Evaluate(f.Node)).ToList();
        var at = new Dictionary<int, int>(fixedAt);
        var size = bound.Select(k => ev.Size(space.DimOf(k))).ToArray();
        var cur = new int[bound.Count];
        double sum = 0;
        while (true)
        {
            for (int q = 0; q < bound.Count; q++) at[bound[q]] = cur[q];
            double p = c;
            for (int q = 0; q < mats.Count && p != 0; q++)
            {
                var f = t.Factors[q];
                p *= mats[q][at[f.A], f.B is int b ? at[b] : 0];
            }
            foreach (var (a, b) in t.Deltas) if (at[a] != at[b]) p = 0;
            sum += p;
            int r = 0;
            while (r < cur.Length && ++cur[r] == size[r]) cur[r++] = 0;
            if (r == cur.Length) break;
        }
        return sum;
    }
}
