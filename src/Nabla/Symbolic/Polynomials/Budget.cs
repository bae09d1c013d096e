using Nabla.Symbolic;
using System.Diagnostics;

namespace Nabla.Symbolic.Polynomials;

/// <summary>
/// A time (and cancellation) budget that long-running exact algorithms poll. When it runs out,
/// <see cref="Check"/> throws <see cref="BudgetExceededException"/>; callers such as the
/// simplifier catch it and fall back to the best answer they already have.
/// </summary>
public sealed class Budget
{
    private readonly long _deadline; // Stopwatch ticks; long.MaxValue = unlimited
    private readonly CancellationToken _token;

    [ThreadStatic] private static Budget? ambient;

    public Budget(TimeSpan timeLimit, CancellationToken token = default)
    {
        _deadline = timeLimit == Timeout.InfiniteTimeSpan || timeLimit >= TimeSpan.FromDays(1)
            ? long.MaxValue
            : Stopwatch.GetTimestamp() + (long)(timeLimit.TotalSeconds * Stopwatch.Frequency);
        _token = token;
    }

    /// <summary>No time limit (still honours nothing but the thread's own fate).</summary>
    public static Budget Unlimited => new(Timeout.InfiniteTimeSpan);

    /// <summary>The ambient budget of this thread (see <see cref="Enter"/>), or an unlimited one.</summary>
    public static Budget Current => ambient ?? Unlimited;

    private Budget(long deadline, CancellationToken token)
    {
        _deadline = deadline;
        _token = token;
    }

    /// <summary>A budget for a sub-task: at most <paramref name="limit"/>, never beyond this one.</summary>
    public Budget Child(TimeSpan limit)
    {
        if (limit < TimeSpan.Zero || limit >= TimeSpan.FromDays(1)) return new Budget(_deadline, _token); // unlimited sub-task
        long own = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        return new Budget(Math.Min(own, _deadline), _token);
    }

    public bool IsExhausted =>
        _token.IsCancellationRequested || (_deadline != long.MaxValue && Stopwatch.GetTimestamp() > _deadline);

    /// <summary>Throws <see cref="BudgetExceededException"/> when the budget is used up (reads the clock: ~25 ns).</summary>
    public void Check()
    {
        if (IsExhausted) throw new BudgetExceededException();
    }

    /// <summary>
    /// Makes this budget the ambient one of the current thread until the returned scope is
    /// disposed: polynomial arithmetic (<see cref="Poll"/>) then honours it without threading a
    /// parameter through every operator.
    /// </summary>
    public Scope Enter()
    {
        var previous = ambient;
        ambient = this;
        return new Scope(previous);
    }

    /// <summary>Checks the ambient budget, if any.</summary>
    public static void Poll() => ambient?.Check();

    public readonly struct Scope(Budget? previous) : IDisposable
    {
        public void Dispose() => ambient = previous;
    }
}

/// <summary>The time budget of an exact computation ran out (or it was cancelled).</summary>
public sealed class BudgetExceededException : OperationCanceledException
{
    public BudgetExceededException() : base("the time budget of the computation was exceeded") { }
}
