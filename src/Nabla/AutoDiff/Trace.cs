using Nabla.Symbolic;

namespace Nabla.AutoDiff;

/// <summary>
/// A C# function traced into a symbolic expression at a point: the <see cref="Expression"/> of the
/// branch path taken, over variables x1..xn, valid wherever <see cref="Condition"/> (the
/// conjunction of every value comparison the code made, as it came out) holds. Branch-free code
/// gives the condition <c>true</c>: the expression is the function everywhere.
/// </summary>
public sealed class Trace
{
    CompiledFunction? check;

    internal Trace(Expr expression, IReadOnlyList<string> variables, IReadOnlyList<Expr> guards)
    {
        Expression = expression;
        Variables = variables;
        Guards = guards;
        var c = Expr.True;
        foreach (var g in guards) c = Expr.And(c, g);
        Condition = c;
    }

    public Expr Expression { get; }
    public IReadOnlyList<string> Variables { get; }
    /// <summary>The comparisons made, each as the condition that was true.</summary>
    public IReadOnlyList<Expr> Guards { get; }
    /// <summary>Where the trace is valid (the conjunction of the guards).</summary>
    public Expr Condition { get; }
    public bool IsBranchFree => Guards.Count == 0;

    /// <summary>Whether the traced path is the one the function takes at x (every guard holds).</summary>
    public bool Holds(ReadOnlySpan<double> x)
    {
        if (IsBranchFree) return true;
        var c = check ??= Expr.If(Condition, Expr.One, Expr.Zero).Compile(Variables);
        return c.Evaluate(x) == 1;
    }
}

public static partial class Differentiate
{
    /// <summary>Default limit on the operations a traced function may perform.</summary>
    public const int DefaultTraceLimit = 200_000;

    /// <summary>
    /// Runs f once on the tracing scalar <see cref="Traced"/> at x and returns the symbolic
    /// expression of the path taken with its guards (so it can be printed, differentiated
    /// symbolically and compiled). Throws <see cref="TraceTooLargeException"/> beyond
    /// <paramref name="maxOperations"/> operations.
    /// </summary>
    public static Trace Trace<TF>(TF f, ReadOnlySpan<double> x, int maxOperations = DefaultTraceLimit) where TF : IScalarFunction
    {
        int n = x.Length;
        var names = new string[n];
        var vars = new Traced[n];
        var ctx = TraceContext.Begin(maxOperations);
        try
        {
            for (int i = 0; i < n; i++)
            {
                names[i] = "x" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                vars[i] = new Traced(Expr.Variable(names[i]), x[i]);
            }
            var y = f.Evaluate<Traced>(vars);
            return new Trace(y.Expr, names, [.. ctx.Guards]);
        }
        finally { TraceContext.End(); }
    }

    /// <summary>Ready-compiled derivatives of f by tracing with guards (see <see cref="TracedFunction{TF}"/>).</summary>
    public static TracedFunction<TF> Compile<TF>(TF f, int n, int maxPaths = 8, int maxOperations = DefaultTraceLimit) where TF : IScalarFunction
        => new(f, n, maxPaths, maxOperations);

    /// <summary>An expression as a function for every AD mode (variables in natural order unless given).</summary>
    public static ExprFunction Of(Expr expression, IReadOnlyList<string>? variables = null) => new(expression, variables);
}
