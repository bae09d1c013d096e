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
        // Stopping early at a KKT point (typically a corner of the box, projected gradient 0) is a
        // finished maximisation: Frank-Wolfe's linear oracle would return the same corner. Any
        // other early stop (a failed line search, a non-finite value) spends the rest of the budget
        // on Frank-Wolfe ascent from the best point instead of reporting a premature maximum.
        int remaining = iterations - result.Iterations;
        if (remaining > 0 && result.Status != OptimizationStatus.Converged)
        {
            var more = Fallback.Maximize(objective, lower, upper, x.ToArray(), remaining);
            FallbackUses++;
            if (more.Value > value)
                return new BoxMaximum(more.Point, more.Value, evaluations + more.Evaluations);
        }
        return new BoxMaximum(x.ToArray(), value, evaluations);
    }
}
