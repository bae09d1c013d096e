namespace Nabla.Symbolic.Simplification;

/// <summary>How a simplification ended.</summary>
public enum SimplifyStatus
{
    /// <summary>Every part was normalized.</summary>
    Complete,
    /// <summary>The time budget ran out (or the token was cancelled): the result is the best form found so far.</summary>
    BudgetExceeded,
    /// <summary>Some part would have exceeded <see cref="SimplifyOptions.MaxTerms"/> and was kept as it was.</summary>
    SizeLimited,
    /// <summary>An unexpected internal failure: the result is the input, unchanged.</summary>
    Failed,
}

/// <summary>The simplified expression and how sure we are it is the simplest form we can give.</summary>
public sealed record SimplifyResult(Expr Expression, SimplifyStatus Status, TimeSpan Elapsed, string? Message = null);
