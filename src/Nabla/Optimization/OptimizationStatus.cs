namespace Nabla.Optimization;

/// <summary>How a run ended. Only <see cref="Converged"/> is success.</summary>
public enum OptimizationStatus
{
    /// <summary>A convergence test passed (see <see cref="ConvergenceReason"/>).</summary>
    Converged,
    /// <summary>The iteration (or evaluation) budget ran out first.</summary>
    MaxIterations,
    /// <summary>The iterates ran away (|x| or f grew without bound, or f is unbounded below).</summary>
    Diverged,
    /// <summary>No step satisfying the line-search conditions was found, away from a stationary point.</summary>
    LineSearchFailed,
    /// <summary>The objective or a derivative returned NaN or ±∞ at the start.</summary>
    NonFinite,
    /// <summary>The CancellationToken fired or the callback asked to stop.</summary>
    Cancelled,
    /// <summary>The model could not be trusted: a singular Hessian for pure Newton, an uphill quasi-Newton direction, a collapsed trust region.</summary>
    BadApproximation,
}

/// <summary>Which test declared convergence.</summary>
public enum ConvergenceReason
{
    /// <summary>‖∇f‖∞ ≤ gradient tolerance.</summary>
    Gradient,
    /// <summary>The step became negligible relative to x, with the gradient small.</summary>
    Step,
    /// <summary>f stopped decreasing relative to its size, with the gradient small.</summary>
    Value,
}

public static class OptimizationStatusNames
{
    /// <summary>The name used in JSON and on the command line ("max-iterations").</summary>
    public static string ToName(this OptimizationStatus status) => status switch
    {
        OptimizationStatus.Converged => "converged",
        OptimizationStatus.MaxIterations => "max-iterations",
        OptimizationStatus.Diverged => "diverged",
        OptimizationStatus.LineSearchFailed => "line-search-failed",
        OptimizationStatus.NonFinite => "non-finite",
        OptimizationStatus.Cancelled => "cancelled",
        OptimizationStatus.BadApproximation => "bad-approximation",
        _ => status.ToString(),
    };

    public static string ToName(this ConvergenceReason reason) => reason switch
    {
        ConvergenceReason.Gradient => "gradient",
        ConvergenceReason.Step => "step",
        ConvergenceReason.Value => "value",
        _ => reason.ToString(),
    };
}
