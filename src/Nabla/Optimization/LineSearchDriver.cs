namespace Nabla.Optimization;

/// <summary>How a line-search method chooses its direction; the loop around it is <see cref="LineSearchDriver"/>.</summary>
internal interface IDescentDirection
{
    /// <summary>Writes the search direction p at x into <paramref name="direction"/>; returns a stop when none can be computed.</summary>
    Stop? Direction(ReadOnlySpan<double> x, double f, ReadOnlySpan<double> gradient, Span<double> direction);

    /// <summary>The first trial step for the line search (1 for Newton-type directions).</summary>
    double InitialStep(int iteration, ReadOnlySpan<double> gradient, ReadOnlySpan<double> direction, double previousStep);

    /// <summary>Learns from an accepted step s = x⁺ − x, y = ∇f(x⁺) − ∇f(x).</summary>
    void Update(ReadOnlySpan<double> s, ReadOnlySpan<double> y);

    /// <summary>Forgets curvature information (after a failed search); false if there is nothing to forget.</summary>
    bool Reset();
}

/// <summary>The loop shared by gradient descent, damped Newton, BFGS and L-BFGS: direction, line search, step, tests.</summary>
internal static class LineSearchDriver
{
    public static OptimizationResult Run<TDirection>(string method, Objective objective, ReadOnlySpan<double> x0,
        OptimizerOptions options, TDirection rule, int defaultMaxIterations, LineSearchParameters parameters)
        where TDirection : IDescentDirection
    {
        RejectBounds(method, objective);
        int n = objective.Dimension;
        var state = new RunState(method, objective, options, defaultMaxIterations);
        var x = x0.ToArray();
        var g = new double[n];
        var p = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        var s = new double[n];
        var y = new double[n];
        double f = objective.ValueAndGradient(x, g);
        double gnorm = Dense.NormInf(g);
        var stop = state.Begin(x, f, gnorm);
        double previousStep = 1;
        while (stop is null)
        {
            stop = state.CheckBudget();
            if (stop is not null)
                break;
            stop = rule.Direction(x, f, g, p);
            if (stop is not null)
                break;
            double step0 = rule.InitialStep(state.Iteration, g, p, previousStep);
            var search = LineSearch.Search(options.LineSearch, objective, x, f, g, p, step0, xNew, gNew, parameters);
            if (!search.Success && rule.Reset())
            {
                // Curvature information may be stale: retry once along steepest descent.
                stop = rule.Direction(x, f, g, p);
                if (stop is not null)
                    break;
                step0 = rule.InitialStep(0, g, p, previousStep);
                search = LineSearch.Search(options.LineSearch, objective, x, f, g, p, step0, xNew, gNew, parameters);
            }
            if (!search.Success && !(search.Value < f))
            {
                stop = state.Stalled(f, gnorm, OptimizationStatus.LineSearchFailed, $"line search failed: {search.Message}");
                break;
            }
            double stepInf = Dense.Differences(xNew, x, gNew, g, s, y);
            double fPrevious = f;
            (x, xNew) = (xNew, x);
            (g, gNew) = (gNew, g);
            f = search.Value;
            gnorm = Dense.NormInf(g);
            previousStep = search.Step;
            stop = state.Accept(x, f, gnorm, Dense.Norm2(s), stepInf, fPrevious);
            if (stop is null)
                rule.Update(s, y);
        }
        return state.Finish(stop!.Value, x, f, g, gnorm);
    }

    public static void RejectBounds(string method, Objective objective)
    {
        if (objective.Bounds is { IsUnbounded: false })
            throw new NablaInputException($"method '{method}' does not handle bounds; use 'lbfgsb'");
    }
}
