using System.Diagnostics;

namespace Nabla.Intervals;

/// <summary>Budgets and tolerances of a branch-and-prune search.</summary>
public sealed record SearchBudget
{
    /// <summary>Maximum number of boxes processed.</summary>
    public int MaxBoxes { get; init; } = 200_000;

    /// <summary>Wall-clock limit.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Boxes narrower than this fraction of the initial box's widest side are not split again.</summary>
    public double MinRelativeWidth { get; init; } = 1e-9;

    public CancellationToken Cancellation { get; init; }
}

/// <summary>A box proven (Krawczyk: K(X) ⊂ int X, F continuous on X) to contain exactly one zero.</summary>
/// <param name="Enclosure">A tight box containing the zero.</param>
/// <param name="ProofBox">The box in which the zero was proven to be the only one.</param>
public sealed record CertifiedRoot(Box Enclosure, Box ProofBox)
{
    /// <summary>Midpoint of the tight enclosure: an approximation of the zero.</summary>
    public double[] Point => Enclosure.Midpoint();
}

/// <summary>A connected region of boxes that could be neither excluded nor proven to hold a unique zero.</summary>
public sealed record UndecidedRegion(Box Hull, int BoxCount);

/// <summary>Outcome of <see cref="KrawczykSolver.Solve"/>.</summary>
/// <param name="Roots">Zeros proven to exist and be unique in their proof boxes, deduplicated.</param>
/// <param name="Undecided">Regions that may contain zeros (singular zeros, continua, budget exhausted).</param>
/// <param name="Complete">True when every part of the domain was either excluded, proven, or narrowed below the width tolerance (no budget ran out): then every zero in the domain lies in a root enclosure or an undecided region.</param>
/// <param name="BoxesProcessed">Boxes taken from the stack.</param>
/// <param name="Elapsed">Wall-clock time.</param>
/// <param name="Status">Why the search stopped, in words.</param>
public sealed record RootSearchResult(
    IReadOnlyList<CertifiedRoot> Roots,
    IReadOnlyList<UndecidedRegion> Undecided,
    bool Complete,
    int BoxesProcessed,
    TimeSpan Elapsed,
    string Status);

/// <summary>
/// All zeros of F on a box by branch and prune: interval evaluation excludes boxes where some
/// Fᵢ cannot vanish; Krawczyk's operator K(X) = c − Y F(c) + (I − Y J(X))(X − c), with Y ≈
/// mid(J(X))⁻¹, contracts boxes (zeros in X lie in K(X) ∩ X), excludes them (K ∩ X = ∅), or proves
/// existence and uniqueness (K(X) ⊂ int X). Boxes that remain are bisected; epsilon-inflation
/// finds zeros that sit on a bisection face. Proof steps are only taken when F and J were
/// evaluated without meeting a discontinuity.
/// </summary>
public static class KrawczykSolver
{
    public static RootSearchResult Solve(IIntervalSystem system, Box domain, SearchBudget? budget = null)
    {
        budget ??= new SearchBudget();
        int n = system.Dimension;
        if (domain.Dimension != n) throw new NablaInputException($"the box has {domain.Dimension} dimensions, the system {n}");
        var clock = Stopwatch.StartNew();
        var ctx = new Context(system, n);
        double minWidth = Math.Max(budget.MinRelativeWidth * domain.MaxWidth, 1e-300);

        var roots = new List<CertifiedRoot>();
        var undecided = new List<Box>();
        // Breadth first: when a budget runs out (a continuum of zeros), the boxes left over are a
        // uniform cover of the unresolved set rather than a few huge boxes.
        var stack = new Queue<Box>();
        stack.Enqueue(domain);
        int processed = 0;
        string status = "complete";

        while (stack.Count > 0)
        {
            if (processed >= budget.MaxBoxes) { status = $"box budget ({budget.MaxBoxes}) exhausted"; break; }
            if ((processed & 63) == 0)
            {
                if (clock.Elapsed > budget.TimeLimit) { status = $"time limit ({budget.TimeLimit.TotalSeconds:0.###} s) reached"; break; }
                if (budget.Cancellation.IsCancellationRequested) { status = "cancelled"; break; }
            }
            var x = stack.Dequeue();
            processed++;

            // Contract with Krawczyk while it helps.
            bool discard = false, proven = false;
            for (int iter = 0; iter < 8; iter++)
            {
                if (ctx.Excludes(x)) { discard = true; break; }
                var k = ctx.Krawczyk(x, out bool valid);
                if (k is null || !valid) break;
                if (x.ContainsInInterior(k))
                {
                    AddRoot(roots, ctx.Tighten(k), x);
                    proven = true;
                    break;
                }
                var y = x.Intersect(k);
                if (y is null) { discard = true; break; }
                bool progress = y.MaxWidth < 0.8 * x.MaxWidth;
                x = y;
                if (!progress) break;
            }
            if (discard || proven) continue;

            // A zero on the boundary of x (e.g. on a bisection face) needs a slightly larger box.
            if (x.MaxWidth <= 0.25 * domain.MaxWidth)
            {
                var inflated = x.Inflate(0.1, minWidth);
                var k = ctx.Krawczyk(inflated, out bool valid);
                if (k is not null && valid && inflated.ContainsInInterior(k))
                {
                    var enclosure = ctx.Tighten(k);
                    if (enclosure.Intersects(domain)) AddRoot(roots, enclosure, inflated);
                    continue;
                }
            }

            if (x.MaxWidth <= minWidth) { undecided.Add(x); continue; }
            var (left, right) = x.Bisect();
            stack.Enqueue(left);
            stack.Enqueue(right);
        }

        bool complete = stack.Count == 0;
        undecided.AddRange(stack);
        var regions = Box.Clusters(undecided).Select(c => new UndecidedRegion(c.Hull, c.Count)).ToList();
        return new RootSearchResult(roots, regions, complete, processed, clock.Elapsed, status);
    }

    private static void AddRoot(List<CertifiedRoot> roots, Box enclosure, Box proofBox)
    {
        foreach (var r in roots)
            // Same zero if either enclosure lies in the other's uniqueness box.
            if (r.ProofBox.Contains(enclosure) || proofBox.Contains(r.Enclosure))
                return;
        roots.Add(new CertifiedRoot(enclosure, proofBox));
    }

    private sealed class Context(IIntervalSystem system, int n)
    {
        private readonly Interval[] _f = new Interval[n];
        private readonly Interval[] _j = new Interval[n * n];
        private readonly double[] _mid = new double[n * n];
        private readonly double[] _y = new double[n * n];
        private readonly Interval[] _c = new Interval[n];

        /// <summary>Some Fᵢ(X) excludes 0 (valid with or without continuity: zeros are points where F is defined).</summary>
        public bool Excludes(Box x)
        {
            system.Evaluate(x.Components, _f);
            for (int i = 0; i < n; i++)
                if (_f[i].IsEmpty || !_f[i].ContainsZero) return true;
            return false;
        }

        /// <summary>K(X), or null when mid J is singular; valid = F and J were continuous on X.</summary>
        public Box? Krawczyk(Box x, out bool valid)
        {
            valid = false;
            system.Jacobian(x.Components, _j);
            bool continuous = true;
            for (int i = 0; i < _j.Length; i++)
            {
                if (_j[i].IsEmpty || !_j[i].IsBounded) return null;
                continuous &= _j[i].IsContinuous;
                _mid[i] = _j[i].Mid;
            }
            if (!PointLinearAlgebra.TryInvert(_mid, n, _y)) return null;
            var c = x.Midpoint();
            for (int i = 0; i < n; i++) _c[i] = Interval.Point(c[i]);
            system.Evaluate(_c, _f);
            for (int i = 0; i < n; i++)
            {
                if (_f[i].IsEmpty || !_f[i].IsBounded) return null;
                continuous &= _f[i].IsContinuous;
            }
            // Continuity of F over all of X: re-evaluating F(X) is the check.
            var fx = new Interval[n];
            system.Evaluate(x.Components, fx);
            foreach (var v in fx) continuous &= v.IsContinuous;

            var k = new Interval[n];
            for (int i = 0; i < n; i++)
            {
                var s = _c[i];
                for (int j = 0; j < n; j++)
                {
                    double yij = _y[i * n + j];
                    if (yij != 0) s -= Interval.Constant(yij) * _f[j];
                }
                for (int j = 0; j < n; j++)
                {
                    // (I − Y J)_ij
                    var m = i == j ? Interval.One : Interval.Zero;
                    for (int l = 0; l < n; l++)
                    {
                        double yil = _y[i * n + l];
                        if (yil != 0) m -= Interval.Constant(yil) * _j[l * n + j];
                    }
                    s += m * (x[j] - _c[j]);
                }
                if (s.IsEmpty) return null;
                k[i] = s;
            }
            valid = continuous;
            return new Box(k);
        }

        /// <summary>Iterates K on a box already proven to hold a unique zero, to tighten it.</summary>
        public Box Tighten(Box x)
        {
            for (int iter = 0; iter < 20; iter++)
            {
                var k = Krawczyk(x, out bool valid);
                if (k is null || !valid) break;
                var y = x.Intersect(k);
                if (y is null) break;
                bool progress = y.MaxWidth < 0.9 * x.MaxWidth;
                x = y;
                if (!progress) break;
            }
            return x;
        }
    }
}
