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
/// 10 iterations; <see cref="ProjectedGradientMaximizer"/> is the dependency-free fallback.
/// </summary>
public interface IBoxMaximizer
{
    /// <summary>A short name for reports ("L-BFGS-B", "projected gradient").</summary>
    string Name { get; }

    BoxMaximum Maximize(LossValueAndGradient objective, double[] lower, double[] upper, double[] start, int iterations);
}

/// <summary>
/// Projected gradient ascent with a backtracking (Armijo) step along the projection arc: each
/// iteration tries y ← P(y + t ∇f), starting from the step that reaches the far side of the box
/// in the steepest coordinate and halving until f increases enough. Monotone; each iteration costs
/// one gradient plus the trial evaluations. Used when L-BFGS-B is not available.
/// </summary>
public sealed class ProjectedGradientMaximizer : IBoxMaximizer
{
    public string Name => "projected gradient";

    /// <summary>Halvings tried per iteration before giving up on ascent.</summary>
    public int MaxBacktracks { get; init; } = 30;

    public BoxMaximum Maximize(LossValueAndGradient objective, double[] lower, double[] upper, double[] start, int iterations)
    {
        int n = start.Length;
        var y = (double[])start.Clone();
        Project(y, lower, upper);
        var g = new double[n];
        var trial = new double[n];
        var gTrial = new double[n];
        double f = objective(y, g);
        int evaluations = 1;
        double width = 0;
        for (int i = 0; i < n; i++)
            width = Math.Max(width, upper[i] - lower[i]);
        for (int it = 0; it < iterations; it++)
        {
            double gInf = Math.Abs(TensorPrimitives.MaxMagnitude(g));
            if (!(gInf > 0) || !double.IsFinite(f))
                break;
            double t = width / gInf;
            bool improved = false;
            for (int b = 0; b < MaxBacktracks; b++, t *= 0.5)
            {
                for (int i = 0; i < n; i++)
                    trial[i] = Math.Clamp(y[i] + t * g[i], lower[i], upper[i]);
                double dot = 0;
                for (int i = 0; i < n; i++)
                    dot += g[i] * (trial[i] - y[i]);
                if (dot <= 0)
                    break; // projected step is not an ascent direction: y is stationary on the box
                double fTrial = objective(trial, gTrial);
                evaluations++;
                if (double.IsFinite(fTrial) && fTrial >= f + 1e-4 * dot)
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

    private static void Project(double[] y, double[] lower, double[] upper)
    {
        for (int i = 0; i < y.Length; i++)
            y[i] = Math.Clamp(y[i], lower[i], upper[i]);
    }
}
