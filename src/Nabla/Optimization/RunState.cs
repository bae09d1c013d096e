namespace Nabla.Optimization;

/// <summary>Why a run stops: the status, the convergence test (if any) and a message for people.</summary>
internal readonly record struct Stop(OptimizationStatus Status, ConvergenceReason? Reason, string Message)
{
    public static Stop Converged(ConvergenceReason reason, string message) => new(OptimizationStatus.Converged, reason, message);
    public static Stop Fail(OptimizationStatus status, string message) => new(status, null, message);
}

/// <summary>
/// The bookkeeping every method shares, so that each method file is only its algorithm: the
/// iteration budget, cancellation, the callback, the trace, the best point seen, divergence and
/// the convergence tests, and building the one result type.
/// </summary>
internal sealed class RunState
{
    private readonly string _method;
    private readonly Objective _objective;
    private readonly OptimizerOptions _options;
    private readonly EvaluationCounts _start;
    private readonly List<TracePoint>? _trace;
    private readonly double[] _bestX;
    private double _bestValue = double.PositiveInfinity;
    private int _increasing;
    private double _previousNorm;
    private double _initialGradientNorm;

    public RunState(string method, Objective objective, OptimizerOptions options, int defaultMaxIterations, bool watchForRunaway = false)
    {
        _method = method;
        _objective = objective;
        _options = options;
        _start = objective.Evaluations;
        MaxIterations = options.MaxIterations ?? defaultMaxIterations;
        if (MaxIterations < 0)
            throw new NablaInputException($"maximum iterations must be non-negative (got {MaxIterations})");
        _trace = options.RecordTrace ? [] : null;
        _bestX = new double[objective.Dimension];
        WatchForRunaway = watchForRunaway;
    }

    public int Iteration { get; private set; }
    public int MaxIterations { get; }
    public OptimizerOptions Options => _options;

    /// <summary>Methods without a descent guarantee (pure Newton, fixed-step gd) also stop when f and ‖x‖ grow together for 5 iterations in a row.</summary>
    public bool WatchForRunaway { get; }

    public double BestValue => _bestValue;

    /// <summary>Records the starting point; returns a stop when the run cannot or need not proceed.</summary>
    public Stop? Begin(ReadOnlySpan<double> x, double f, double gradientNorm)
    {
        if (!double.IsFinite(f))
            return Stop.Fail(OptimizationStatus.NonFinite, $"f(x0) = {f}: the objective is not finite at the starting point");
        if (double.IsNaN(gradientNorm) || double.IsInfinity(gradientNorm))
            return Stop.Fail(OptimizationStatus.NonFinite, "the gradient is not finite at the starting point");
        Remember(x, f);
        _previousNorm = InfNorm(x);
        Record(x, f, gradientNorm, 0);
        if (!CallbackAllows(x, f, gradientNorm, 0))
            return Stop.Fail(OptimizationStatus.Cancelled, "stopped by the callback");
        _initialGradientNorm = gradientNorm;
        if (gradientNorm <= _options.GradientTolerance)
            return Stop.Converged(ConvergenceReason.Gradient, "the starting point is already stationary to tolerance");
        return null;
    }

    /// <summary>Checked at the top of every iteration: cancellation and budgets.</summary>
    public Stop? CheckBudget()
    {
        if (_options.CancellationToken.IsCancellationRequested)
            return Stop.Fail(OptimizationStatus.Cancelled, "cancelled");
        if (Iteration >= MaxIterations)
            return Stop.Fail(OptimizationStatus.MaxIterations, $"reached the maximum of {MaxIterations} iterations");
        if (_options.MaxFunctionEvaluations > 0 && (_objective.Evaluations - _start).Function >= _options.MaxFunctionEvaluations)
            return Stop.Fail(OptimizationStatus.MaxIterations, $"reached the maximum of {_options.MaxFunctionEvaluations} function evaluations");
        return null;
    }

    /// <summary>Records an accepted iterate and applies the divergence and convergence tests.</summary>
    public Stop? Accept(ReadOnlySpan<double> x, double f, double gradientNorm, double stepNorm2, double stepNormInf, double previousValue)
    {
        Iteration++;
        double norm = InfNorm(x);
        if (!double.IsFinite(norm) || norm > _options.DivergenceLimit)
        {
            Record(x, f, gradientNorm, stepNorm2);
            return Stop.Fail(OptimizationStatus.Diverged, $"diverged: |x| reached {norm:G3} after {Iteration} iterations");
        }
        if (f < _options.UnboundedValue || double.IsNegativeInfinity(f))
        {
            Record(x, f, gradientNorm, stepNorm2);
            return Stop.Fail(OptimizationStatus.Diverged, $"diverged: f = {f:G3}, the objective appears unbounded below");
        }
        if (!double.IsFinite(f) || !double.IsFinite(gradientNorm))
        {
            Record(x, f, gradientNorm, stepNorm2);
            return Stop.Fail(OptimizationStatus.NonFinite, $"the objective or its gradient is not finite at iteration {Iteration} (f = {f})");
        }
        Remember(x, f);
        Record(x, f, gradientNorm, stepNorm2);
        if (!CallbackAllows(x, f, gradientNorm, stepNorm2))
            return Stop.Fail(OptimizationStatus.Cancelled, "stopped by the callback");

        double scale = Math.Max(1, Math.Abs(f));
        if (gradientNorm <= _options.GradientTolerance)
            return Stop.Converged(ConvergenceReason.Gradient, $"gradient norm {gradientNorm:G3} below tolerance");
        bool nearlyStationary = NearlyStationary(f, gradientNorm);
        if (nearlyStationary && stepNormInf <= _options.StepTolerance * (_options.StepTolerance + norm))
            return Stop.Converged(ConvergenceReason.Step, $"step {stepNormInf:G3} negligible and gradient norm {gradientNorm:G3} small");
        if (nearlyStationary && _options.ValueTolerance > 0 && Math.Abs(previousValue - f) <= _options.ValueTolerance * scale)
            return Stop.Converged(ConvergenceReason.Value, $"f changed by {Math.Abs(previousValue - f):G3} only, gradient norm {gradientNorm:G3} small");

        if (WatchForRunaway)
        {
            _increasing = f > previousValue && norm > _previousNorm ? _increasing + 1 : 0;
            if (_increasing >= 5)
                return Stop.Fail(OptimizationStatus.Diverged, $"diverged: f and |x| increased for {_increasing} iterations in a row (|x| = {norm:G3})");
        }
        _previousNorm = norm;
        return null;
    }

    /// <summary>Counts a rejected trial step (trust-region methods) against the iteration budget.</summary>
    public void CountRejected() => Iteration++;

    /// <summary>
    /// For a method that cannot make progress (a failed line search, a collapsed trust region):
    /// convergence if the point is stationary to the looser tolerance, failure otherwise.
    /// </summary>
    public Stop Stalled(double f, double gradientNorm, OptimizationStatus failure, string why, double newtonDecrement = double.NaN)
    {
        if (newtonDecrement >= 0 && newtonDecrement <= 1e-10 * Math.Max(1, Math.Abs(f)))
            return Stop.Converged(ConvergenceReason.Value, $"{why}; the Hessian is positive definite and the Newton step predicts a decrease of f by {newtonDecrement:G3} only");
        if (NearlyStationary(f, gradientNorm) && f <= _bestValue)
            return Stop.Converged(ConvergenceReason.Value, $"{why}; f cannot be decreased further in floating point and the gradient norm {gradientNorm:G3} is small");
        return Stop.Fail(failure, $"{why} (gradient norm {gradientNorm:G3})");
    }

    /// <summary>
    /// Whether the Newton decrement ½gᵀH⁻¹g (a positive definite model's predicted decrease) is
    /// below rounding in f: ≤ 10⁻¹³·max(1, |f|). Then no method can make f visibly smaller near here.
    /// </summary>
    public bool NegligibleModelDecrease(double f, double decrement) =>
        decrement >= 0 && decrement <= 1e-13 * Math.Max(1, Math.Abs(f));

    // Stationary to the looser tolerance that step and value tests need: small relative to f and
    // small relative to the starting gradient, so that a stall far from a minimizer is never success.
    private bool NearlyStationary(double f, double gradientNorm) =>
        gradientNorm <= _options.StationarityTolerance * Math.Max(1, Math.Abs(f))
        && gradientNorm <= Math.Max(1e3 * _options.GradientTolerance, 1e-4 * _initialGradientNorm);

    public OptimizationResult Finish(Stop stop, ReadOnlySpan<double> x, double f, ReadOnlySpan<double> gradient, double gradientNorm)
    {
        var bestX = _bestValue < double.PositiveInfinity ? (double[])_bestX.Clone() : x.ToArray();
        double bestValue = _bestValue < double.PositiveInfinity ? _bestValue : f;
        return new OptimizationResult
        {
            Method = _method,
            X = x.ToArray(),
            Value = f,
            Gradient = gradient.IsEmpty ? null : gradient.ToArray(),
            GradientNorm = gradientNorm,
            Status = stop.Status,
            ConvergedBy = stop.Reason,
            Message = stop.Message,
            Iterations = Iteration,
            Evaluations = _objective.Evaluations - _start,
            BestX = bestX,
            BestValue = bestValue,
            Trace = _trace,
        };
    }

    private void Remember(ReadOnlySpan<double> x, double f)
    {
        if (f < _bestValue)
        {
            _bestValue = f;
            x.CopyTo(_bestX);
        }
    }

    private void Record(ReadOnlySpan<double> x, double f, double gradientNorm, double step) =>
        _trace?.Add(new TracePoint(Iteration, x.ToArray(), f, gradientNorm, step));

    private bool CallbackAllows(ReadOnlySpan<double> x, double f, double gradientNorm, double step)
    {
        if (_options.Callback is not { } callback)
            return true;
        return callback(new TracePoint(Iteration, x.ToArray(), f, gradientNorm, step));
    }

    internal static double InfNorm(ReadOnlySpan<double> v)
    {
        double m = 0;
        foreach (var e in v)
        {
            double a = Math.Abs(e);
            if (a > m || double.IsNaN(a))
                m = double.IsNaN(a) ? double.NaN : a;
            if (double.IsNaN(m))
                return m;
        }
        return m;
    }
}
