namespace Nabla.Symbolic.Simplification;

/// <summary>Placeholder: the simplify branch owns and extends this type.</summary>
public sealed record SimplifyOptions
{
    /// <summary>Time after which Simplify returns the best form found so far.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromSeconds(2);
}
