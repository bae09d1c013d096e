namespace Nabla.Analysis;

/// <summary>The limit of g(p + γ(t)) as t → 0⁺ along one path γ.</summary>
/// <param name="Path">Description, e.g. "x-axis from the right" or "parabola y = x^2".</param>
/// <param name="Limit">The limit along the path (null when it could not be found).</param>
/// <param name="Status">How the limit came out.</param>
public sealed record PathLimit(string Path, double? Limit, LimitStatus Status);

/// <summary>Evidence on the continuity of g at p: limits along several paths against the value at p.</summary>
/// <param name="Continuous">True when every path limit equals the value; false when some path limit differs or diverges; null when undecided.</param>
/// <param name="Value">g(p) (the value the limits are compared with; null if undefined).</param>
/// <param name="Paths">The path limits.</param>
/// <param name="Reason">One sentence.</param>
public sealed record ContinuityEvidence(bool? Continuous, double? Value, IReadOnlyList<PathLimit> Paths, string Reason);

/// <summary>
/// Continuity at a point from limits along paths: both directions of every axis, the diagonals
/// and anti-diagonals of every pair of variables, and the parabolas xⱼ = ±xᵢ² through the point.
/// Limits along finitely many paths are numerical evidence, not proof: agreeing limits make
/// continuity plausible; two different limits (or a divergent one) disprove it.
/// </summary>
public static class PathContinuity
{
    /// <param name="g">The function; may return NaN where undefined.</param>
    /// <param name="point">The point p.</param>
    /// <param name="valueAtPoint">g(p) as defined (NaN when g is undefined at p).</param>
    /// <param name="names">Variable names for path descriptions.</param>
    public static ContinuityEvidence At(Func<double[], double> g, IReadOnlyList<double> point, double valueAtPoint, IReadOnlyList<string> names)
    {
        int n = point.Count;
        var paths = new List<(string Name, Func<double, double[]> Offset)>();
        for (int i = 0; i < n; i++)
        {
            int a = i;
            paths.Add(($"along {names[a]} from above", t => Unit(n, a, t)));
            paths.Add(($"along {names[a]} from below", t => Unit(n, a, -t)));
        }
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                int a = i, b = j;
                paths.Add(($"diagonal {names[b]} = {names[a]}", t => Pair(n, a, t, b, t)));
                paths.Add(($"diagonal {names[b]} = {names[a]} (negative side)", t => Pair(n, a, -t, b, -t)));
                paths.Add(($"anti-diagonal {names[b]} = -{names[a]}", t => Pair(n, a, t, b, -t)));
                paths.Add(($"anti-diagonal {names[b]} = -{names[a]} (other side)", t => Pair(n, a, -t, b, t)));
                paths.Add(($"parabola {names[b]} = {names[a]}^2", t => Pair(n, a, t, b, t * t)));
                paths.Add(($"parabola {names[b]} = -{names[a]}^2", t => Pair(n, a, t, b, -t * t)));
                paths.Add(($"parabola {names[a]} = {names[b]}^2", t => Pair(n, a, t * t, b, t)));
                paths.Add(($"parabola {names[a]} = -{names[b]}^2", t => Pair(n, a, -t * t, b, t)));
            }

        var limits = new List<PathLimit>();
        foreach (var (name, offset) in paths)
        {
            var r = Limits.OneSided(t =>
            {
                var o = offset(t);
                var x = new double[n];
                for (int k = 0; k < n; k++) x[k] = point[k] + o[k];
                return g(x);
            });
            limits.Add(new PathLimit(name, r.Status == LimitStatus.Converged ? r.Value : null, r.Status));
        }

        double? value = double.IsFinite(valueAtPoint) ? valueAtPoint : null;
        var diverging = limits.FirstOrDefault(l => l.Status == LimitStatus.Diverged);
        if (diverging is not null)
            return new ContinuityEvidence(false, value, limits, $"the values diverge {diverging.Path}");
        var converged = limits.Where(l => l.Limit is not null).ToList();
        if (converged.Count == 0)
            return new ContinuityEvidence(null, value, limits, "no path limit could be found");
        double scale = Math.Max(1, converged.Max(l => Math.Abs(l.Limit!.Value)));
        const double tol = 1e-5;
        for (int a = 0; a < converged.Count; a++)
            for (int b = a + 1; b < converged.Count; b++)
                if (Math.Abs(converged[a].Limit!.Value - converged[b].Limit!.Value) > tol * scale)
                    return new ContinuityEvidence(false, value, limits,
                        $"the limit {converged[a].Path} is {Fmt(converged[a].Limit!.Value)} but {converged[b].Path} it is {Fmt(converged[b].Limit!.Value)}");
        if (value is null)
            return new ContinuityEvidence(false, value, limits, "not defined at the point");
        var off = converged.FirstOrDefault(l => Math.Abs(l.Limit!.Value - value.Value) > tol * Math.Max(scale, Math.Abs(value.Value)));
        if (off is not null)
            return new ContinuityEvidence(false, value, limits, $"the limit {off.Path} is {Fmt(off.Limit!.Value)} but the value at the point is {Fmt(value.Value)}");
        if (converged.Count < limits.Count)
            return new ContinuityEvidence(null, value, limits, $"{limits.Count - converged.Count} of {limits.Count} path limits could not be found; the others equal the value {Fmt(value.Value)}");
        return new ContinuityEvidence(true, value, limits, $"the limits along all {limits.Count} paths equal the value {Fmt(value.Value)} (numerical evidence)");
    }

    private static double[] Unit(int n, int i, double t)
    {
        var v = new double[n];
        v[i] = t;
        return v;
    }

    private static double[] Pair(int n, int i, double ti, int j, double tj)
    {
        var v = new double[n];
        v[i] = ti;
        v[j] = tj;
        return v;
    }

    internal static string Fmt(double v) => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
}
