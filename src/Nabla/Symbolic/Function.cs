using System.Reflection;

namespace Nabla.Symbolic;

/// <summary>
/// An elementary function, declared once (see <see cref="Functions"/>): its name and arity, its
/// double value (a static method <c>F</c>, which the compiler calls), its generic value over any
/// <see cref="IScalar{T}"/> (the extension slot for dual, Taylor, tape and interval numbers), its
/// partial derivatives as expressions, its exact folds and its printed forms.
/// </summary>
public abstract class Function
{
    protected Function(string name, int arity, bool isTotal, string latex)
    {
        Name = name;
        Arity = arity;
        IsTotal = isTotal;
        Latex = latex;
        DoubleMethod = GetType().GetMethod("F", BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"function {name} lacks a static F");
    }

    /// <summary>The name in formulas and in printed text.</summary>
    public string Name { get; }
    public int Arity { get; }
    /// <summary>Defined and finite for every real argument (sin, exp...; not log, sqrt, tan...).</summary>
    public bool IsTotal { get; }
    /// <summary>LaTeX operator name, e.g. <c>\sin</c>; functions with special layout (sqrt, abs) are handled by the printer.</summary>
    public string Latex { get; }
    /// <summary>The static <c>double F(double[, double])</c> the compiler emits calls to.</summary>
    public MethodInfo DoubleMethod { get; }

    /// <summary>Value at doubles (the second argument is ignored by unary functions). Undefined gives NaN.</summary>
    public abstract double Evaluate(double a, double b);

    /// <summary>Value over any scalar type: the one generic evaluation (AD modes, intervals).</summary>
    public abstract T Apply<T>(T a, T b) where T : IScalar<T>;

    /// <summary>∂f/∂(argument i) as an expression in the arguments (valid away from kinks).</summary>
    public abstract Expr Partial(int i, ReadOnlySpan<Expr> args);

    /// <summary>An exact simplification of f(args) (e.g. sin(0) = 0), or null.</summary>
    public virtual Expr? Fold(ReadOnlySpan<Expr> args) => null;

    public override string ToString() => Name;
}
