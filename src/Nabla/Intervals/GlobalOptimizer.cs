using System.Diagnostics;

namespace Nabla.Intervals;

/// <summary>Outcome of interval branch and bound.</summary>
/// <param name="Value">Certified enclosure of the global minimum (or maximum) of f on the box.</param>
/// <param name="Point">A point of the box where f(Point) lies in <paramref name="Value"/> (the best point found).</param>
/// <param name="Candidates">Boxes that may still contain a global minimizer (hull-merged regions).</param>
/// <param name="Complete">True when the enclosure's width reached the tolerance (no budget ran out).</param>
/// <param name="BoxesProcessed">Boxes taken from the queue.</param>
/// <param name="Elapsed">Wall-clock time.</param>
/// <param name="Status">Why the search stopped, in words.</param>
public sealed record GlobalExtremumResult(
    Interval Value,
    double[] Point,
    IReadOnlyList<Box> Candidates,
    bool Complete,
    int BoxesProcessed,
    TimeSpan Elapsed,
    string Status);

/// <summary>
/// Interval branch and bound for the global minimum of f on a box, including its boundary:
/// best-first on the lower bound of F(X); upper bounds from rigorous point evaluations (the upper
/// end of F at box midpoints); boxes whose lower bound exceeds the best upper bound are dropped;
/// the monotonicity test (∂f/∂xᵢ of one sign on X) moves X to its face xᵢ = lo or hi when that
/// face lies on the boundary of the domain (the minimum may be there) and drops X otherwise.
/// </summary>
public static class GlobalOptimizer
{
    /// <param name="f">The objective with interval extensions of f and ∇f.</param>
    /// <param name="domain">The box (its boundary included).</param>
    /// <param name="budget">Box and time budgets; null for the defaults.</param>
    /// <param name="valueTolerance">Stop when the enclosure of the minimum is narrower than this (absolute) or this times |min| (relative).</param>
    public static GlobalExtremumResult Minimize(IIntervalObjective f, Box domain, SearchBudget? budget = null, double valueTolerance = 1e-9)
    {
        budget ??= new SearchBudget();
        int n = f.Dimension;
        if (domain.Dimension != n) throw new NablaInputException($"the box has {domain.Dimension} dimensions, the function {n}");
        var clock = Stopwatch.StartNew();
        double minWidth = Math.Max(budget.MinRelativeWidth * domain.MaxWidth, 1e-300);
        var gradient = new Interval[n];

        double upper = double.PositiveInfinity;
        double[] bestPoint = domain.Midpoint();
        void TryPoint(double[] p)
        {
            var v = f.Evaluate(Box.FromPoint(p).Components);
            if (!v.IsEmpty && v.Hi < upper)
            {
                upper = v.Hi;
                bestPoint = p;
            }
        }

        var queue = new PriorityQueue<(Box X, Interval F), double>();
        var finals = new List<(Box X, Interval F)>();
        var fd = f.Evaluate(domain.Components);
        TryPoint(domain.Midpoint());
        // The corners are natural candidates for boundary minima.
        if (n <= 10)
            for (int mask = 0; mask < 1 << n; mask++)
            {
                var p = new double[n];
                for (int i = 0; i < n; i++) p[i] = (mask >> i & 1) == 0 ? domain[i].Lo : domain[i].Hi;
                TryPoint(p);
            }
        if (!fd.IsEmpty) queue.Enqueue((domain, fd), fd.Lo);

        int processed = 0;
        string status = "complete";
        bool stopped = false;
        while (queue.Count > 0)
        {
            queue.TryPeek(out var top, out double lowest);
            if (lowest > upper) { queue.Clear(); break; }
            if (upper - lowest <= valueTolerance * Math.Max(1, Math.Abs(upper))) break;
            if (processed >= budget.MaxBoxes) { status = $"box budget ({budget.MaxBoxes}) exhausted"; stopped = true; break; }
            if ((processed & 63) == 0)
            {
                if (clock.Elapsed > budget.TimeLimit) { status = $"time limit ({budget.TimeLimit.TotalSeconds:0.###} s) reached"; stopped = true; break; }
                if (budget.Cancellation.IsCancellationRequested) { status = "cancelled"; stopped = true; break; }
            }
            queue.Dequeue();
            processed++;
            var (x, fx) = top;

            // Monotonicity test with boundary awareness.
            if (fx.IsContinuous && f.TryGradient(x.Components, gradient))
            {
                bool drop = false;
                for (int i = 0; i < n && !drop; i++)
                {
                    var g = gradient[i];
                    if (!g.IsContinuous || x[i].IsPoint) continue;
                    if (g.Lo > 0)
                    {
                        if (x[i].Lo == domain[i].Lo) x = x.With(i, Interval.Point(x[i].Lo));
                        else drop = true;
                    }
                    else if (g.Hi < 0)
                    {
                        if (x[i].Hi == domain[i].Hi) x = x.With(i, Interval.Point(x[i].Hi));
                        else drop = true;
                    }
                }
                if (drop) continue;
                fx = f.Evaluate(x.Components);
                if (fx.IsEmpty || fx.Lo > upper) continue;
            }

            TryPoint(x.Midpoint());
            if (x.MaxWidth <= minWidth || x.IsPoint)
            {
                finals.Add((x, fx));
                continue;
            }
            var (left, right) = x.Bisect();
            foreach (var child in new[] { left, right })
            {
                var fc = f.Evaluate(child.Components);
                if (fc.IsEmpty || fc.Lo > upper) continue;
                queue.Enqueue((child, fc), fc.Lo);
            }
        }

        double lower = upper;
        var remaining = new List<Box>();
        while (queue.TryDequeue(out var item, out _))
            if (item.F.Lo <= upper) { lower = Math.Min(lower, item.F.Lo); remaining.Add(item.X); }
        foreach (var (x, fx) in finals)
            if (fx.Lo <= upper) { lower = Math.Min(lower, fx.Lo); remaining.Add(x); }
        if (double.IsPositiveInfinity(upper))
        {
            // f is defined nowhere we looked (or unbounded); report what the enclosure says.
            lower = fd.IsEmpty ? double.NaN : fd.Lo;
            status = "no point of the box with a finite value was found";
            stopped = true;
        }
        bool complete = !stopped && upper - lower <= valueTolerance * Math.Max(1, Math.Abs(upper)) * 1.0000001 + 1e-300;
        if (!stopped && !complete) status = "boxes reached the width tolerance before the value tolerance";
        var candidates = remaining.Count > 2000 ? remaining.Take(2000).ToList() : remaining;
        var regions = Box.Clusters(candidates).Select(c => c.Hull).ToList();
        var value = double.IsNaN(lower) ? Interval.Entire : new Interval(Math.Min(lower, upper), upper);
        return new GlobalExtremumResult(value, bestPoint, regions, complete, processed, clock.Elapsed, status);
    }

    /// <summary>Global maximum: minimizes −f and negates the enclosure.</summary>
    public static GlobalExtremumResult Maximize(IIntervalObjective f, Box domain, SearchBudget? budget = null, double valueTolerance = 1e-9)
    {
        var r = Minimize(new Negated(f), domain, budget, valueTolerance);
        return r with { Value = -r.Value };
    }

    private sealed class Negated(IIntervalObjective inner) : IIntervalObjective
    {
        public int Dimension => inner.Dimension;
        public Interval Evaluate(ReadOnlySpan<Interval> x) => -inner.Evaluate(x);
        public bool TryGradient(ReadOnlySpan<Interval> x, Span<Interval> gradient)
        {
            if (!inner.TryGradient(x, gradient)) return false;
            for (int i = 0; i < gradient.Length; i++) gradient[i] = -gradient[i];
            return true;
        }
    }
}
