namespace Nabla.Optimization;

/// <summary>
/// Bound-constrained L-BFGS (lo ≤ x ≤ hi). This is not the Byrd-Lu-Nocedal-Zhu code: it is the
/// simpler two-metric projection method (Bertsekas 1982; the form used by Kim, Sra and Dhillon's
/// projected quasi-Newton methods), with L-BFGS as the metric on the free variables:
/// <list type="number">
/// <item>the ε-active set A = { i : x_i within ε of a bound and the gradient pushes outward },
/// ε = min(10⁻³, ‖x − P(x − ∇f)‖∞), is fixed for the step;</item>
/// <item>the direction is d = −D·H·D·∇f on the free variables (D their 0/1 mask, H the L-BFGS
/// inverse Hessian) and d_i = bound_i − x_i on the ε-active ones (a positive diagonal scaling of
/// −∇f_i that reaches the bound at α = 1), so ∇fᵀd &lt; 0 (a descent direction);</item>
/// <item>the step x⁺ = P(x + α·d) is found by projected backtracking with the Armijo condition
/// f(x⁺) ≤ f(x) + c1·∇fᵀ(x⁺ − x), so variables reach and leave bounds along the projected path;</item>
/// <item>pairs (s, y) with sᵀy &gt; 0 are kept; the memory is cleared when d fails to descend.</item>
/// </list>
/// Convergence is measured by the projected gradient ‖P(x − ∇f) − x‖∞, which is zero exactly at
/// the points satisfying the first-order (KKT) conditions. Without bounds it is plain L-BFGS with
/// a backtracking line search.
/// </summary>
public static class Lbfgsb
{
    public const string Name = "lbfgsb";

    /// <summary>Minimizes a value-and-gradient delegate over a box (convenience for C# callers).</summary>
    public static OptimizationResult Minimize(ValueAndGradientFunction valueAndGradient, ReadOnlySpan<double> x0,
        Bounds? bounds = null, OptimizerOptions? options = null) =>
        Minimize(new Objective(x0.Length, valueAndGradient: valueAndGradient, bounds: bounds), x0, options);

    public static OptimizationResult Minimize(Objective objective, ReadOnlySpan<double> x0, OptimizerOptions? options = null)
    {
        options ??= new OptimizerOptions();
        if (options.Memory < 1)
            throw new NablaInputException($"L-BFGS-B memory must be at least 1 (got {options.Memory})");
        int n = objective.Dimension;
        if (x0.Length != n)
            throw new NablaInputException($"starting point has {x0.Length} coordinates, the objective has {n} variables");
        var bounds = objective.Bounds ?? Bounds.Unbounded(n);
        var lo = bounds.Lower;
        var hi = bounds.Upper;
        var state = new RunState(Name, objective, options, 1000);
        var pairs = new CorrectionPairs(n, options.Memory);
        var x = x0.ToArray();
        bounds.Project(x); // start feasible
        var g = new double[n];
        var d = new double[n];
        var masked = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        var s = new double[n];
        var y = new double[n];
        var free = new bool[n];
        double f = objective.ValueAndGradient(x, g);
        double pgnorm = ProjectedGradientNorm(x, g, lo, hi);
        var stop = state.Begin(x, f, pgnorm);
        while (stop is null)
        {
            stop = state.CheckBudget();
            if (stop is not null)
                break;
            double epsilon = Math.Min(1e-3, pgnorm);
            for (int i = 0; i < n; i++)
            {
                bool atLower = x[i] <= lo[i] + epsilon && g[i] > 0;
                bool atUpper = x[i] >= hi[i] - epsilon && g[i] < 0;
                free[i] = !(atLower || atUpper);
                masked[i] = free[i] ? g[i] : 0;
            }
            pairs.ApplyInverse(masked, d);
            for (int i = 0; i < n; i++)
                d[i] = free[i] ? -d[i] : 0;
            if (!(Dense.Dot(d, g) < 0) && Dense.Dot(masked, masked) > 0)
            {
                pairs.Clear();
                for (int i = 0; i < n; i++)
                    d[i] = -masked[i];
            }
            ToActiveBounds(x, g, free, lo, hi, d);
            double alpha = pairs.Count == 0 ? Math.Min(1, 1 / Math.Max(Dense.Norm2(masked), 1e-300)) : 1;
            var search = ProjectedSearch(objective, x, f, g, d, alpha, lo, hi, xNew, gNew, options.CancellationToken);
            if (!search.Success && pairs.Count > 0)
            {
                pairs.Clear();
                for (int i = 0; i < n; i++)
                    d[i] = -masked[i];
                ToActiveBounds(x, g, free, lo, hi, d);
                alpha = Math.Min(1, 1 / Math.Max(Dense.Norm2(masked), 1e-300));
                search = ProjectedSearch(objective, x, f, g, d, alpha, lo, hi, xNew, gNew, options.CancellationToken);
            }
            if (!search.Success)
            {
                stop = state.Stalled(f, pgnorm, OptimizationStatus.LineSearchFailed, $"projected line search failed: {search.Message}");
                break;
            }
            double stepInf = Dense.Differences(xNew, x, gNew, g, s, y);
            double fPrevious = f;
            (x, xNew) = (xNew, x);
            (g, gNew) = (gNew, g);
            f = search.Value;
            pgnorm = ProjectedGradientNorm(x, g, lo, hi);
            stop = state.Accept(x, f, pgnorm, Dense.Norm2(s), stepInf, fPrevious);
            if (stop is null)
                pairs.Add(s, y);
        }
        return state.Finish(stop!.Value, x, f, g, pgnorm);
    }

    /// <summary>
    /// The ε-active variables move straight to the bound they are near (d_i = bound − x_i, a
    /// positive diagonal scaling of −g_i, as in Bertsekas's two-metric method), so they reach it at
    /// α = 1. Holding them fixed instead left d = 0 whenever every variable was within ε of a bound
    /// but not on it, which on concave problems over small boxes (the curvature layer's sharpness
    /// maximiser) ended the run after one iteration with a failed line search.
    /// </summary>
    private static void ToActiveBounds(ReadOnlySpan<double> x, ReadOnlySpan<double> g, ReadOnlySpan<bool> free,
        ReadOnlySpan<double> lo, ReadOnlySpan<double> hi, Span<double> d)
    {
        for (int i = 0; i < x.Length; i++)
            if (!free[i])
                d[i] = (g[i] > 0 ? lo[i] : hi[i]) - x[i];
    }

    /// <summary>‖P(x − g) − x‖∞: zero exactly at first-order stationary points of the box problem.</summary>
    public static double ProjectedGradientNorm(ReadOnlySpan<double> x, ReadOnlySpan<double> g, ReadOnlySpan<double> lo, ReadOnlySpan<double> hi)
    {
        double m = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double v = Math.Abs(Math.Clamp(x[i] - g[i], lo[i], hi[i]) - x[i]);
            if (double.IsNaN(v))
                return double.NaN;
            m = Math.Max(m, v);
        }
        return m;
    }

    private static LineSearchResult ProjectedSearch(Objective objective, ReadOnlySpan<double> x, double f0, ReadOnlySpan<double> g,
        ReadOnlySpan<double> d, double alpha, ReadOnlySpan<double> lo, ReadOnlySpan<double> hi, Span<double> xNew, Span<double> gNew,
        CancellationToken cancellation)
    {
        const double c1 = 1e-4;
        for (int k = 1; k <= 60; k++)
        {
            if (cancellation.IsCancellationRequested)
                break;
            double decrease = 0, moved = 0;
            for (int i = 0; i < x.Length; i++)
            {
                xNew[i] = Math.Clamp(x[i] + alpha * d[i], lo[i], hi[i]);
                double step = xNew[i] - x[i];
                decrease += g[i] * step;
                moved = Math.Max(moved, Math.Abs(step));
            }
            if (moved == 0)
                break;
            double f = objective.ValueAndGradient(xNew, gNew);
            if (double.IsFinite(f) && f <= f0 + c1 * decrease)
                return new LineSearchResult(true, alpha, f, k, null);
            // Quadratic interpolation along the unprojected ray, safeguarded.
            double slope = Dense.Dot(g, d);
            double next = double.IsFinite(f) ? -slope * alpha * alpha / (2 * (f - f0 - slope * alpha)) : 0.1 * alpha;
            alpha = Math.Clamp(double.IsFinite(next) ? next : 0.5 * alpha, 0.1 * alpha, 0.5 * alpha);
        }
        x.CopyTo(xNew);
        g.CopyTo(gNew);
        return new LineSearchResult(false, 0, f0, 60, "no projected step decreases f enough");
    }
}
