namespace Nabla.Symbolic.Simplification;

/// <summary>Limits and switches of <see cref="Simplifier"/>. The defaults suit interactive use.</summary>
public sealed record SimplifyOptions
{
    public static SimplifyOptions Default { get; } = new();

    /// <summary>Time after which Simplify returns the best form found so far.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Cancels the simplification (it then returns the best form so far, like a budget overrun).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>
    /// Largest number of terms a polynomial may reach while normalizing one rational
    /// subexpression; beyond it that subexpression is left as it was (no unbounded expansion).
    /// </summary>
    public int MaxTerms { get; init; } = 20_000;

    /// <summary>Integer powers of sums up to this exponent are expanded; higher ones stay powers.</summary>
    public int MaxExpandedPower { get; init; } = 64;

    /// <summary>Use sin^2 + cos^2 = 1 where it shortens the result.</summary>
    public bool TrigonometricIdentities { get; init; } = true;
}
