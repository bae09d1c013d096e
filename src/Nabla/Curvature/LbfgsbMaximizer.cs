using Nabla.Optimization;

namespace Nabla.Curvature;

/// <summary>
/// Keskar et al.'s maximiser: L-BFGS-B (from the Optimization layer) on −f over the box, with
/// the iteration budget as the only stopping rule that matters (tolerances are set to zero so 10
/// iterations mean 10 iterations unless the projected gradient vanishes).
/// </summary>
public sealed class LbfgsbMaximizer : IBoxMaximizer
{
    public string Name => "L-BFGS-B";

    private static readonly FrankWolfeMaximizer Fallback = new();

    /// <summary>How often L-BFGS-B stopped early and Frank-Wolfe finished the budget (diagnostics).</summary>
    public static int FallbackUses { get; private set; }

    public BoxMaximum Maximize(LossValueAndGradient objective, double[] lower, double[] upper, double[] start, int iterations)
    {
        int evaluations = 0;
        double Negated(ReadOnlySpan<double> y, Span<double> g)
        {
            evaluations++;
            double f = objective(y, g);
            for (int i = 0; i < g.Length; i++)
                g[i] = -g[i];
            return -f;
        }
        var result = Lbfgsb.Minimize(Negated, start, new Bounds(lower, upper), new OptimizerOptions
        {
            MaxIterations = iterations,
            GradientTolerance = 0,
            StepTolerance = 0,
            StationarityTolerance = 0,
        });
        var x = result.BestX ?? result.X;
        double value = -(double.IsFinite(result.BestValue) ? result.BestValue : result.Value);
        // On a concave −f (a maximum at a corner of the box) the Optimization layer's L-BFGS-B can
        // stop early with a failed projected line search; spend the rest of the budget on
        // Frank-Wolfe ascent from its best point instead of reporting a premature maximum.
        int remaining = iterations - result.Iterations;
        if (remaining > 0)
        {
            var more = Fallback.Maximize(objective, lower, upper, x.ToArray(), remaining);
            FallbackUses++;
            if (more.Value > value)
                return new BoxMaximum(more.Point, more.Value, evaluations + more.Evaluations);
        }
        return new BoxMaximum(x.ToArray(), value, evaluations);
    }
}
