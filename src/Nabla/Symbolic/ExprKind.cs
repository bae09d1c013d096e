namespace Nabla.Symbolic;

/// <summary>The kind of an <see cref="Expr"/> node.</summary>
public enum ExprKind : byte
{
    /// <summary>Exact rational constant (<see cref="Expr.Value"/>).</summary>
    Number,
    /// <summary>Inexact double constant, only where a value cannot be exact (<see cref="Expr.FloatValue"/>).</summary>
    Float,
    /// <summary>Symbolic constant <c>pi</c> or <c>e</c>.</summary>
    Constant,
    Variable,
    /// <summary>n-ary sum, flattened and canonically ordered, numeric constant first.</summary>
    Sum,
    /// <summary>n-ary product, flattened and canonically ordered, numeric coefficient first.</summary>
    Product,
    /// <summary>base ^ exponent.</summary>
    Power,
    /// <summary>Elementary function call (<see cref="Expr.Function"/>).</summary>
    Call,
    /// <summary><c>if(condition, then, else)</c>.</summary>
    If,
    /// <summary>Comparison <c>a op b</c> (<see cref="Expr.Comparison"/>): a condition.</summary>
    Compare,
    And,
    Or,
    Not,
    /// <summary>Constant condition true or false.</summary>
    Boolean,
}

/// <summary>Comparison operators of conditions.</summary>
public enum CompareOp : byte { Less, LessEqual, Greater, GreaterEqual, Equal, NotEqual }
