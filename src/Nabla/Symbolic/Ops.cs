using System.Runtime.CompilerServices;

namespace Nabla.Symbolic;

/// <summary>Double operations shared by <see cref="Expr.Evaluate(IReadOnlyDictionary{string, double})"/> and compiled code, so both agree to the bit.</summary>
public static class Ops
{
    /// <summary>x^y; undefined (NaN) for 0 to a negative power and for an undefined base.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Pow(double x, double y)
    {
        if (double.IsNaN(x) || (x == 0 && y < 0)) return double.NaN;
        return Math.Pow(x, y);
    }

    /// <summary>x^n for an integer n by multiplication for small |n| (exact at x = 0 and for negative x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double PowInt(double x, int n)
    {
        switch (n)
        {
            case 2: return x * x;
            case 3: return x * (x * x);
            case 4: { double s = x * x; return s * s; }
            case 1: return x;
            case -1: return x == 0 ? double.NaN : 1 / x;
            case -2: return x == 0 ? double.NaN : 1 / (x * x);
            case 0: return double.IsNaN(x) ? double.NaN : 1;
            default: return Pow(x, n);
        }
    }

    public static double Bool(bool b) => b ? 1.0 : 0.0;
}

/// <summary>
/// Conditions as doubles (1 true, 0 false, NaN undefined), shared by evaluation and compiled code.
/// A comparison involving an undefined value is undefined, and so is if() on it: an undefined
/// point stays undefined even behind a branch.
/// </summary>
public static class LogicOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Compare(double a, double b, int op)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return double.NaN;
        bool r = (CompareOp)op switch
        {
            CompareOp.Less => a < b,
            CompareOp.LessEqual => a <= b,
            CompareOp.Greater => a > b,
            CompareOp.GreaterEqual => a >= b,
            CompareOp.Equal => a == b,
            _ => a != b,
        };
        return r ? 1.0 : 0.0;
    }

    public static double And(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : a != 0 && b != 0 ? 1.0 : 0.0;
    public static double Or(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : a != 0 || b != 0 ? 1.0 : 0.0;
    public static double Not(double a) => double.IsNaN(a) ? double.NaN : a == 0 ? 1.0 : 0.0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Select(double condition, double then, double otherwise) =>
        double.IsNaN(condition) ? double.NaN : condition != 0 ? then : otherwise;
}
