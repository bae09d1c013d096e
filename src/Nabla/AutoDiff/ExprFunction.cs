using Nabla.Symbolic;

namespace Nabla.AutoDiff;

/// <summary>
/// A symbolic expression as an <see cref="IScalarFunction"/>: every AD mode (dual, multi-dual,
/// Taylor, tape, forward over reverse) evaluates it through the symbolic engine's generic
/// <see cref="Expr.Evaluate{T}(ReadOnlySpan{T}, IReadOnlyList{string})"/>. This is the AutoDiff
/// side of the bridge; the only other file that knows about Nabla.Symbolic is the tracer.
/// </summary>
public readonly struct ExprFunction(Expr expression, IReadOnlyList<string>? variables = null) : IScalarFunction
{
    public Expr Expression { get; } = expression ?? throw new NablaInputException("expression is null");

    /// <summary>The variables in the order of the input span (default: the expression's natural order).</summary>
    public IReadOnlyList<string> Variables { get; } = variables ?? expression.Variables;

    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T>
    {
        if (x.Length != Variables.Count)
            throw new NablaInputException($"The expression has {Variables.Count} variables ({string.Join(", ", Variables)}); got {x.Length} values.");
        return Expression.Evaluate(x, Variables);
    }
}
