using Nabla.Symbolic;

namespace Nabla.AutoDiff;

/// <summary>
/// The tracing scalar: running a C# function on it builds the symbolic <see cref="Expr"/> of the
/// path taken (alongside the double value, so branches follow the real values). Each comparison of
/// two non-constant values is recorded as a guard in the thread's trace; the trace is valid where
/// all guards hold (see <see cref="Differentiate.Trace{TF}"/>).
/// </summary>
/// <remarks>Branches on <see cref="Value"/> directly (not through the comparison operators) cannot
/// be seen; write <c>x &gt; T.Zero</c>, not <c>x.Value &gt; 0</c>.</remarks>
public readonly struct Traced : IScalar<Traced>
{
    public Expr Expr { get; }
    public double Value { get; }

    public Traced(Expr expr, double value)
    {
        Expr = expr;
        Value = value;
        TraceContext.Current?.Count();
    }

    public static Traced Zero => new(Expr.Zero, 0);
    public static Traced One => new(Expr.One, 1);
    public static Traced Constant(double value) => new(Expr.Number(value), value);
    public static implicit operator Traced(double value) => Constant(value);

    public static Traced operator +(Traced a, Traced b) => new(a.Expr + b.Expr, a.Value + b.Value);
    public static Traced operator -(Traced a, Traced b) => new(a.Expr - b.Expr, a.Value - b.Value);
    public static Traced operator *(Traced a, Traced b) => new(a.Expr * b.Expr, a.Value * b.Value);
    public static Traced operator /(Traced a, Traced b) => new(a.Expr / b.Expr, a.Value / b.Value);
    public static Traced operator -(Traced a) => new(-a.Expr, -a.Value);

    static bool Guard(CompareOp op, Traced a, Traced b, bool outcome)
    {
        var condition = Expr.Compare(op, a.Expr, b.Expr);
        if (condition.Kind != ExprKind.Boolean) TraceContext.Current?.AddGuard(outcome ? condition : Expr.Not(condition));
        return outcome;
    }

    public static bool operator <(Traced a, Traced b) => Guard(CompareOp.Less, a, b, a.Value < b.Value);
    public static bool operator >(Traced a, Traced b) => Guard(CompareOp.Greater, a, b, a.Value > b.Value);
    public static bool operator <=(Traced a, Traced b) => Guard(CompareOp.LessEqual, a, b, a.Value <= b.Value);
    public static bool operator >=(Traced a, Traced b) => Guard(CompareOp.GreaterEqual, a, b, a.Value >= b.Value);

    static Traced Call(Function f, Traced x) => new(Expr.Call(f, x.Expr), f.Evaluate(x.Value, 0));
    static Traced Call(Function f, Traced x, Traced y) => new(Expr.Call(f, x.Expr, y.Expr), f.Evaluate(x.Value, y.Value));

    public static Traced Sin(Traced x) => Call(Functions.Sin, x);
    public static Traced Cos(Traced x) => Call(Functions.Cos, x);
    public static Traced Tan(Traced x) => Call(Functions.Tan, x);
    public static Traced Asin(Traced x) => Call(Functions.Asin, x);
    public static Traced Acos(Traced x) => Call(Functions.Acos, x);
    public static Traced Atan(Traced x) => Call(Functions.Atan, x);
    public static Traced Atan2(Traced y, Traced x) => Call(Functions.Atan2, y, x);
    public static Traced Sinh(Traced x) => Call(Functions.Sinh, x);
    public static Traced Cosh(Traced x) => Call(Functions.Cosh, x);
    public static Traced Tanh(Traced x) => Call(Functions.Tanh, x);
    public static Traced Exp(Traced x) => Call(Functions.Exp, x);
    public static Traced Log(Traced x) => Call(Functions.Log, x);
    public static Traced Sqrt(Traced x) => Call(Functions.Sqrt, x);
    public static Traced Cbrt(Traced x) => Call(Functions.Cbrt, x);
    public static Traced Abs(Traced x) => Call(Functions.Abs, x);
    public static Traced Sign(Traced x) => Call(Functions.Sign, x);
    public static Traced Pow(Traced x, Traced y) => new(Expr.Pow(x.Expr, y.Expr), Ops.Pow(x.Value, y.Value));
    public static Traced Pow(Traced x, int n) => new(Expr.Pow(x.Expr, n), Math.Pow(x.Value, n));
    public static Traced Min(Traced a, Traced b) => Call(Functions.Min, a, b);
    public static Traced Max(Traced a, Traced b) => Call(Functions.Max, a, b);
    public static Traced Square(Traced x) => new(Expr.Pow(x.Expr, 2), x.Value * x.Value);
    public static Traced Sigmoid(Traced x) => Call(Functions.Sigmoid, x);
    public static Traced Softplus(Traced x) => Call(Functions.Softplus, x);
    public static Traced Relu(Traced x) => Call(Functions.Relu, x);

    public bool Equals(Traced other) => ReferenceEquals(Expr, other.Expr) && Value.Equals(other.Value);
    public override bool Equals(object? obj) => obj is Traced t && Equals(t);
    public override int GetHashCode() => HashCode.Combine(Expr, Value);
    public override string ToString() => Expr.ToString();
}

/// <summary>The guards and size of one trace in progress (per thread).</summary>
internal sealed class TraceContext
{
    [ThreadStatic] static TraceContext? current;
    internal static TraceContext? Current => current;

    readonly List<Expr> guards = [];
    readonly int maxOperations;
    int operations;

    TraceContext(int maxOperations) => this.maxOperations = maxOperations;

    internal IReadOnlyList<Expr> Guards => guards;

    internal void AddGuard(Expr condition)
    {
        if (!guards.Contains(condition)) guards.Add(condition);
    }

    internal void Count()
    {
        if (++operations > maxOperations) throw new TraceTooLargeException(maxOperations);
    }

    internal static TraceContext Begin(int maxOperations)
    {
        if (current is not null) throw new NablaInputException("Traces do not nest: a function being traced started another trace.");
        return current = new TraceContext(maxOperations);
    }

    internal static void End() => current = null;
}

/// <summary>The traced function has more operations than the trace limit allows.</summary>
public sealed class TraceTooLargeException(int limit)
    : NablaInputException($"The function performs more than {limit} operations; it is too large to trace (use the tape).");
