namespace Nabla.Intervals;

/// <summary>
/// A square system F: ℝⁿ → ℝⁿ given by interval extensions of F and of its Jacobian, evaluated
/// over boxes (a point is a degenerate box). Both must enclose the true values at every point of
/// the box where F is defined; results that crossed a discontinuity must be flagged
/// (<see cref="Interval.PossiblyDiscontinuous"/>), so that no existence proof relies on them.
/// </summary>
public interface IIntervalSystem
{
    int Dimension { get; }

    void Evaluate(ReadOnlySpan<Interval> x, Span<Interval> f);

    /// <summary>Row-major n×n: jacobian[i*n + j] encloses ∂Fᵢ/∂xⱼ over the box.</summary>
    void Jacobian(ReadOnlySpan<Interval> x, Span<Interval> jacobian);
}

/// <summary>A scalar objective over boxes, for global optimization by branch and bound.</summary>
public interface IIntervalObjective
{
    int Dimension { get; }

    /// <summary>Enclosure of f over the box.</summary>
    Interval Evaluate(ReadOnlySpan<Interval> x);

    /// <summary>Enclosure of ∇f over the box; false when no gradient is available (then no monotonicity test is made).</summary>
    bool TryGradient(ReadOnlySpan<Interval> x, Span<Interval> gradient);
}
