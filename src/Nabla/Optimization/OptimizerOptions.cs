namespace Nabla.Optimization;

/// <summary>What a callback sees after each iteration; return false from the callback to stop the run (status cancelled).</summary>
public delegate bool IterationCallback(TracePoint iterate);

/// <summary>Options shared by every method; each method reads the ones it needs.</summary>
public sealed record OptimizerOptions
{
    /// <summary>Converged by gradient when ‖∇f‖∞ ≤ GradientTolerance (absolute, as SciPy's gtol).</summary>
    public double GradientTolerance { get; init; } = 1e-6;

    /// <summary>Converged by step when ‖Δx‖∞ ≤ StepTolerance · (StepTolerance + ‖x‖∞) and the gradient is small (see <see cref="StationarityTolerance"/>).</summary>
    public double StepTolerance { get; init; } = 1e-12;

    /// <summary>Converged by value when |Δf| ≤ ValueTolerance · max(1, |f|) and the gradient is small; 0 disables the test.</summary>
    public double ValueTolerance { get; init; }

    /// <summary>
    /// A step or value test (or a stall where f cannot decrease in floating point) only counts as
    /// convergence when ‖∇f‖∞ ≤ StationarityTolerance · max(1, |f|) and ‖∇f‖∞ ≤ max(10³·GradientTolerance,
    /// 10⁻⁴·‖∇f(x0)‖∞): a method that stalls far from a stationary point reports failure, never success.
    /// </summary>
    public double StationarityTolerance { get; init; } = 1e-4;

    /// <summary>Iteration budget; null means the method's default (gd 10000, newton 100, others 1000).</summary>
    public int? MaxIterations { get; init; }

    /// <summary>Budget of f evaluations (0 = unlimited).</summary>
    public long MaxFunctionEvaluations { get; init; }

    /// <summary>Diverged when ‖x‖∞ exceeds this.</summary>
    public double DivergenceLimit { get; init; } = 1e20;

    /// <summary>Diverged ("unbounded below") when f falls below this.</summary>
    public double UnboundedValue { get; init; } = -1e100;

    /// <summary>Record every iterate in <see cref="OptimizationResult.Trace"/>.</summary>
    public bool RecordTrace { get; init; }

    /// <summary>Called after every iteration (and at the start); returning false stops the run.</summary>
    public IterationCallback? Callback { get; init; }

    public CancellationToken CancellationToken { get; init; }

    /// <summary>Line search for the methods that use one (gd, damped-newton, bfgs, lbfgs).</summary>
    public LineSearchKind LineSearch { get; init; } = LineSearchKind.MoreThuente;

    /// <summary>
    /// The curvature constant c2 of the strong Wolfe conditions (default 0.9, as for quasi-Newton
    /// methods). A tiny value (1e-10) makes the search nearly exact.
    /// </summary>
    public double WolfeCurvature { get; init; } = 0.9;

    /// <summary>Fixed step for gradient descent without line search (0 = use the line search).</summary>
    public double LearningRate { get; init; }

    /// <summary>Number of correction pairs kept by L-BFGS and L-BFGS-B.</summary>
    public int Memory { get; init; } = 10;

    /// <summary>Initial trust radius for the trust-region methods (in the scaled norm ‖D·p‖ of the exact method; 0.1 is the most robust on the MGH set, see docs/optimization.md).</summary>
    public double InitialTrustRadius { get; init; } = 0.1;

    /// <summary>Largest trust radius (effectively none by default, so that a run along unbounded negative curvature reaches the divergence limit).</summary>
    public double MaxTrustRadius { get; init; } = 1e300;
}

/// <summary>Line search choice.</summary>
public enum LineSearchKind
{
    /// <summary>Strong Wolfe conditions, Moré-Thuente (MINPACK-2 dcsrch).</summary>
    MoreThuente,
    /// <summary>Backtracking with the Armijo condition and safeguarded quadratic/cubic interpolation.</summary>
    Backtracking,
}
