namespace Nabla.Symbolic;

/// <summary>Documented input limits of the symbolic engine.</summary>
public static class SymbolicLimits
{
    /// <summary>Longest formula <see cref="Expr.Parse"/> accepts.</summary>
    public const int MaxFormulaLength = 100_000;
    /// <summary>Deepest nesting of parentheses, function calls and operators the parser accepts.</summary>
    public const int MaxNestingDepth = 10_000;
    /// <summary>Highest derivative order accepted by <see cref="Expr.Diff(string, int)"/>.</summary>
    public const int MaxDerivativeOrder = 1000;
    /// <summary>Most nodes one differentiation (all orders of one call) may visit before it stops with a clear error.</summary>
    public const int MaxDerivativeNodes = 4_000_000;
    /// <summary>Longest text a printer produces (a DAG printed as a tree can be exponentially long).</summary>
    public const long MaxPrintedLength = 50_000_000;
    /// <summary>Largest exact integer power folded (bits of the result); beyond it the power stays symbolic.</summary>
    public const long MaxFoldedBits = 1_000_000;
}
