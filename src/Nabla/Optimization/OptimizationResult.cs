namespace Nabla.Optimization;

/// <summary>One iterate of a run, for traces and callbacks.</summary>
/// <param name="Iteration">0 for the starting point.</param>
/// <param name="X">The iterate (a copy).</param>
/// <param name="Value">f at the iterate.</param>
/// <param name="GradientNorm">‖∇f‖∞ (projected gradient for bound-constrained runs); NaN when the method does not use it.</param>
/// <param name="Step">‖x_k − x_(k−1)‖₂ (0 at the start).</param>
public sealed record TracePoint(int Iteration, double[] X, double Value, double GradientNorm, double Step);

/// <summary>
/// The one result type of every method (after SciPy's OptimizeResult): the final point and its
/// value and gradient, how the run ended and why, the evaluation counts, the best point seen (which
/// may differ from the final one when a run failed), and the trace when one was requested.
/// </summary>
public sealed record OptimizationResult
{
    public required string Method { get; init; }
    public required double[] X { get; init; }
    public required double Value { get; init; }
    /// <summary>∇f at <see cref="X"/>, or null when the method never evaluated one there.</summary>
    public required double[]? Gradient { get; init; }
    /// <summary>‖∇f‖∞ at X (projected for bound-constrained runs); NaN when unknown.</summary>
    public required double GradientNorm { get; init; }
    public required OptimizationStatus Status { get; init; }
    /// <summary>Which test declared convergence; null unless <see cref="Status"/> is Converged.</summary>
    public required ConvergenceReason? ConvergedBy { get; init; }
    public required string Message { get; init; }
    public required int Iterations { get; init; }
    public required EvaluationCounts Evaluations { get; init; }
    /// <summary>The point with the lowest finite f seen during the run.</summary>
    public required double[] BestX { get; init; }
    public required double BestValue { get; init; }
    /// <summary>The iterates, when <see cref="OptimizerOptions.RecordTrace"/> was set; otherwise null.</summary>
    public IReadOnlyList<TracePoint>? Trace { get; init; }

    public bool Success => Status == OptimizationStatus.Converged;

    public override string ToString() =>
        $"{Method}: {Status.ToName()}{(ConvergedBy is { } r ? $" ({r.ToName()})" : "")}, f = {Value:G10}, |g| = {GradientNorm:G3}, {Iterations} iterations, {Evaluations.Function} f-evaluations";
}
