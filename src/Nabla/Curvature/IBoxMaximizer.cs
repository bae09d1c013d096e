using System.Numerics.Tensors;

namespace Nabla.Curvature;

/// <summary>The best point a box-constrained maximiser found.</summary>
/// <param name="Point">The maximiser's final point (inside the box).</param>
/// <param name="Value">The objective there.</param>
/// <param name="Evaluations">Objective+gradient evaluations used.</param>
public sealed record BoxMaximum(double[] Point, double Value, int Evaluations);

/// <summary>
/// Maximises a smooth function over a box lower ≤ y ≤ upper from a start point, within an
/// iteration budget: the inner problem of Keskar's sharpness. Keskar et al. use L-BFGS-B with
/// 10 iterations (<see cref="LbfgsbMaximizer"/>, the default); <see cref="FrankWolfeMaximizer"/> is a simpler alternative, kept as a cross-check.
/// </summary>
public interface IBoxMaximizer
{
    /// <summary>A short name for reports ("L-BFGS-B", "Frank-Wolfe").</summary>
    string Name { get; }

    BoxMaximum Maximize(LossValueAndGradient objective, double[] lower, double[] upper, double[] start, int iterations);
}

/// <summary>
/// Conditional-gradient (Frank-Wolfe) ascent on the box: each iteration moves from y toward the
/// vertex s the gradient points to (s_i = upper_i where ∂f/∂y_i &gt; 0, lower_i where &lt; 0, y_i
/// where 0), trying the full step first and halving until the Armijo condition
/// f(y + t(s − y)) ≥ f(y) + 10⁻⁴ t ∇f·(s − y) holds. For a convex f the full step always
/// succeeds, so a corner maximum is reached in a few iterations whatever the gradient's scale.
/// Monotone. Finishes the budget when L-BFGS-B stops early, and serves as a cross-check.
/// </summary>
public sealed class FrankWolfeMaximizer : IBoxMaximizer
{
    public string Name => "Frank-Wolfe";

    /// <summary>Halvings tried per iteration before giving up on ascent.</summary>
    public int MaxBacktracks { get; init; } = 30;

    public BoxMaximum Maximize(LossValueAndGradient objective, double[] lower, double[] upper, double[] start, int iterations)
    {
        int n = start.Length;
        var y = new double[n];
        for (int i = 0; i < n; i++)
            y[i] = Math.Clamp(start[i], lower[i], upper[i]);
        var g = new double[n];
        var trial = new double[n];
        var gTrial = new double[n];
        double f = objective(y, g);
        int evaluations = 1;
        for (int it = 0; it < iterations && double.IsFinite(f); it++)
        {
            double slope = 0; // ∇f·(s − y) ≥ 0
            for (int i = 0; i < n; i++)
                slope += g[i] > 0 ? g[i] * (upper[i] - y[i]) : g[i] < 0 ? g[i] * (lower[i] - y[i]) : 0;
            if (!(slope > 0))
                break; // y maximises the linearisation: stationary on the box
            bool improved = false;
            double t = 1;
            for (int b = 0; b < MaxBacktracks; b++, t *= 0.5)
            {
                for (int i = 0; i < n; i++)
                {
                    double s = g[i] > 0 ? upper[i] : g[i] < 0 ? lower[i] : y[i];
                    trial[i] = y[i] + t * (s - y[i]);
                }
                double fTrial = objective(trial, gTrial);
                evaluations++;
                if (double.IsFinite(fTrial) && fTrial >= f + 1e-4 * t * slope)
                {
                    (y, trial) = (trial, y);
                    (g, gTrial) = (gTrial, g);
                    f = fTrial;
                    improved = true;
                    break;
                }
            }
            if (!improved)
                break;
        }
        return new BoxMaximum(y, f, evaluations);
    }
}
