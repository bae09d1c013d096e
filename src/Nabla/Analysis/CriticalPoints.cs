using System.Diagnostics;

using MathNet.Numerics.LinearAlgebra;

using Nabla.Intervals;

namespace Nabla.Analysis;

/// <summary>A critical point with its evidence.</summary>
/// <param name="Point">The point (inside <paramref name="Enclosure"/> when there is one).</param>
/// <param name="Enclosure">A box proven to contain exactly one critical point (degenerate when the gradient vanishes exactly at <paramref name="Point"/>), or null.</param>
/// <param name="Certified">True when existence (and uniqueness in the enclosure) is proven.</param>
/// <param name="Value">f at the point.</param>
/// <param name="Classification">Its class and the argument.</param>
/// <param name="Origin">How it was found: "krawczyk", "exact zero in an undecided region", "damped Newton (not certified)".</param>
public sealed record CriticalPoint(double[] Point, Box? Enclosure, bool Certified, double Value, Classification Classification, string Origin);

/// <summary>A certified global extremum on the box.</summary>
/// <param name="Value">The best value found (f at <paramref name="Point"/>).</param>
/// <param name="Point">Where it is attained (approximately).</param>
/// <param name="Enclosure">Certified enclosure of the extreme value of f on the box.</param>
/// <param name="Complete">True when the enclosure reached its tolerance.</param>
public sealed record GlobalExtremum(double Value, double[] Point, Interval Enclosure, bool Complete);

/// <summary>Everything <see cref="CriticalPoints.Find"/> learned.</summary>
public sealed record CriticalPointReport(
    ScalarField Function,
    Box Box,
    bool Complete,
    IReadOnlyList<CriticalPoint> Points,
    IReadOnlyList<Box> UndecidedBoxes,
    GlobalExtremum? GlobalMinimum,
    GlobalExtremum? GlobalMaximum,
    string Status,
    int BoxesProcessed,
    TimeSpan Elapsed);

/// <summary>Options of <see cref="CriticalPoints.Find"/>.</summary>
public sealed record CriticalPointOptions
{
    public SearchBudget Budget { get; init; } = new() { MaxBoxes = 100_000, TimeLimit = TimeSpan.FromSeconds(10), MinRelativeWidth = 1e-7 };
    public bool GlobalExtrema { get; init; } = true;
    public SearchBudget GlobalBudget { get; init; } = new() { MaxBoxes = 50_000, TimeLimit = TimeSpan.FromSeconds(5), MinRelativeWidth = 1e-10 };
    /// <summary>Run multi-start damped Newton (not certified) when the certified search is incomplete.</summary>
    public bool Fallback { get; init; } = true;
}

/// <summary>
/// Every critical point of f on a box: Krawczyk branch and prune on ∇f = 0 (each root comes
/// with an enclosure proven to contain exactly one critical point), exact zeros of the gradient
/// inside the regions the interval method could not decide (singular critical points, continua),
/// a multi-start damped Newton fallback (marked not certified) when the search ran out of budget,
/// a classification of each point, and the certified global minimum and maximum on the box.
/// </summary>
public static class CriticalPoints
{
    public static CriticalPointReport Find(ScalarField f, Box box, CriticalPointOptions? options = null)
    {
        options ??= new CriticalPointOptions();
        if (box.Dimension != f.Dimension) throw new NablaInputException($"the box has {box.Dimension} dimensions, the function {f.Dimension} variables");
        for (int i = 0; i < box.Dimension; i++)
            if (!box[i].IsBounded) throw new NablaInputException($"the box must be bounded (variable {f.Variables[i]})");
        var clock = Stopwatch.StartNew();
        var system = f.AsGradientSystem();
        var roots = KrawczykSolver.Solve(system, box, options.Budget);

        var points = new List<CriticalPoint>();
        foreach (var root in roots.Roots)
        {
            var p = Snap(f, root.Enclosure, root.Point, exactOnly: false);
            if (!box.Contains(p)) continue; // the unique zero of the proof box lies outside the domain
            points.Add(new CriticalPoint(p, root.Enclosure, true, f.Value(p), null!, "krawczyk"));
        }

        // Undecided regions: look for exact zeros and Newton points inside.
        var undecided = roots.Undecided.Select(r => r.Hull).ToList();
        // First exact zeros (proofs), then Newton points for the regions still without one.
        var regions = undecided.Take(50).Select(r => r.Intersect(box) ?? r).ToList();
        var pending = new List<Box>();
        foreach (var inside in regions)
        {
            var exact = Snap(f, inside, inside.Midpoint(), exactOnly: true);
            if (IsExactZero(f, exact) && box.Contains(exact))
            {
                if (!Covered(points, exact))
                    points.Add(new CriticalPoint(exact, Box.FromPoint(exact), true, f.Value(exact), null!, "exact zero of the gradient in an undecided region"));
            }
            else pending.Add(inside);
        }
        foreach (var inside in pending)
        {
            var newton = DampedNewton(f, inside.Midpoint(), box);
            // Newton creeps towards a singular zero (linear convergence): a point that close to one
            // already listed is that point, not another one.
            if (newton is not null && inside.Inflate(0.5, 1e-9).Contains(newton) && !Covered(points, newton, 1e-4 * box.MaxWidth))
                points.Add(new CriticalPoint(newton, null, false, f.Value(newton), null!, "damped Newton in an undecided region (not certified)"));
        }

        string status = roots.Status;
        if (!roots.Complete && options.Fallback)
        {
            int added = 0;
            foreach (var start in Starts(box, f.Dimension))
            {
                if (clock.Elapsed > options.Budget.TimeLimit + TimeSpan.FromSeconds(5)) break;
                var p = DampedNewton(f, start, box);
                if (p is null || !box.Contains(p) || Covered(points, p, 1e-4 * box.MaxWidth)) continue;
                var q = Snap(f, Box.FromPoint(p).Inflate(0, 1e-9 * Math.Max(1, p.Max(Math.Abs))), p, exactOnly: true);
                bool exact = IsExactZero(f, q);
                var use = exact ? q : p;
                if (Covered(points, use)) continue;
                points.Add(new CriticalPoint(use, exact ? Box.FromPoint(use) : null, exact, f.Value(use), null!,
                    exact ? "multi-start damped Newton; the gradient vanishes exactly there" : "multi-start damped Newton (not certified)"));
                if (++added > 200) break;
            }
            status += "; multi-start damped Newton added uncertified points";
        }

        var classified = points
            .Select(c => c with { Classification = CriticalPointClassifier.Classify(f, c.Point, c.Enclosure, c.Certified) })
            .OrderBy(c => c.Point[0]).ThenBy(c => c.Point.Length > 1 ? c.Point[1] : 0).ThenBy(c => c.Point.Length > 2 ? c.Point[2] : 0)
            .ToList();

        GlobalExtremum? gmin = null, gmax = null;
        if (options.GlobalExtrema)
        {
            var lo = GlobalOptimizer.Minimize(system, box, options.GlobalBudget);
            var hi = GlobalOptimizer.Maximize(system, box, options.GlobalBudget);
            var pl = BestPoint(f, lo.Point, classified, box, sign: 1);
            var ph = BestPoint(f, hi.Point, classified, box, sign: -1);
            gmin = new GlobalExtremum(f.Value(pl), pl, lo.Value, lo.Complete);
            gmax = new GlobalExtremum(f.Value(ph), ph, hi.Value, hi.Complete);
        }
        return new CriticalPointReport(f, box, roots.Complete, classified, undecided, gmin, gmax, status, roots.BoxesProcessed, clock.Elapsed);
    }

    /// <summary>
    /// The point to report for a global extremum: the branch-and-bound point, or a critical point,
    /// corner or short rounding of it that is at least as good (exact points read better than box
    /// midpoints such as 0.99999999).
    /// </summary>
    private static double[] BestPoint(ScalarField f, double[] found, List<CriticalPoint> points, Box box, int sign)
    {
        var best = found;
        double bestValue = sign * f.Value(found);
        double slack = 1e-12 * Math.Max(1, Math.Abs(bestValue));
        void Consider(double[] q)
        {
            if (!box.Contains(q)) return;
            double v = sign * f.Value(q);
            if (double.IsFinite(v) && v <= bestValue + slack)
            {
                best = q;
                bestValue = Math.Min(bestValue, v);
            }
        }
        foreach (var c in points) Consider(c.Point);
        for (int digits = 12; digits >= 0; digits--)
        {
            var q = found.Select(v => Math.Round(v, digits)).ToArray();
            if (q.Zip(found).All(t => Math.Abs(t.First - t.Second) <= 1e-6 * Math.Max(1, Math.Abs(t.Second)))) Consider(q);
        }
        return best;
    }

    private static bool Covered(List<CriticalPoint> points, double[] p, double distance = 0) =>
        points.Any(c => (c.Enclosure is not null && c.Enclosure.Inflate(0, 1e-9).Contains(p)) ||
                        c.Point.Zip(p).All(t => Math.Abs(t.First - t.Second) <= Math.Max(distance, 1e-7 * Math.Max(1, Math.Abs(t.First)))));

    /// <summary>All components of ∇f evaluate to exactly [0, 0] at p: p is a critical point, proven.</summary>
    public static bool IsExactZero(ScalarField f, double[] p)
    {
        var g = f.GradientIntervals.EvaluateAt(p);
        return g.All(v => v.IsPoint && v.Lo == 0 && v.IsContinuous);
    }

    /// <summary>
    /// A short representation of the point: the first rounding (0, 1, 2, ... decimals) that stays
    /// in the enclosure and, when <paramref name="exactOnly"/>, makes the gradient vanish exactly.
    /// </summary>
    private static double[] Snap(ScalarField f, Box enclosure, double[] p, bool exactOnly)
    {
        for (int digits = 0; digits <= 15; digits++)
        {
            var q = p.Select(v => Math.Round(v, digits)).ToArray();
            if (!enclosure.Contains(q)) continue;
            if (!exactOnly || IsExactZero(f, q)) return q;
        }
        return p;
    }

    /// <summary>Damped Newton on ∇f = 0 from x0, staying in (a slightly larger) box; null when it does not converge.</summary>
    internal static double[]? DampedNewton(ScalarField f, double[] x0, Box box)
    {
        int n = f.Dimension;
        var x = (double[])x0.Clone();
        var grown = box.Inflate(0.01, 0);
        for (int iter = 0; iter < 60; iter++)
        {
            var g = f.GradientAt(x);
            if (!g.All(double.IsFinite)) return null;
            double gn = Math.Sqrt(g.Sum(v => v * v));
            double scale = Math.Max(1, Math.Abs(f.Value(x)));
            if (gn <= 1e-12 * scale) return x;
            var h = f.HessianAt(x);
            if (!h.All(double.IsFinite)) return null;
            var H = Matrix<double>.Build.Dense(n, n, (i, j) => h[i * n + j]);
            Vector<double> step;
            try { step = H.Solve(Vector<double>.Build.Dense(g)); } catch (Exception) { return null; }
            if (!step.All(double.IsFinite)) step = Vector<double>.Build.Dense(g) * 1e-3;
            // Damping: halve until ‖∇f‖ decreases (Newton on the gradient norm).
            double t = 1;
            double[] next = x;
            for (int k = 0; k < 30; k++, t *= 0.5)
            {
                next = x.Select((v, i) => v - t * step[i]).ToArray();
                var gNext = f.GradientAt(next);
                double nn = Math.Sqrt(gNext.Sum(v => v * v));
                if (double.IsFinite(nn) && nn < gn) break;
            }
            if (!grown.Contains(next)) return null;
            if (next.Zip(x).All(q => q.First == q.Second)) return gn <= 1e-8 * scale ? x : null;
            x = next;
        }
        var gl = f.GradientAt(x);
        return Math.Sqrt(gl.Sum(v => v * v)) <= 1e-8 * Math.Max(1, Math.Abs(f.Value(x))) ? x : null;
    }

    private static IEnumerable<double[]> Starts(Box box, int n)
    {
        int per = n switch { 1 => 64, 2 => 16, 3 => 7, _ => 3 };
        var idx = new int[n];
        while (true)
        {
            var p = new double[n];
            for (int i = 0; i < n; i++) p[i] = box[i].Lo + (idx[i] + 0.5) / per * (box[i].Hi - box[i].Lo);
            yield return p;
            int k = 0;
            while (k < n && ++idx[k] == per) idx[k++] = 0;
            if (k == n) yield break;
        }
    }
}
