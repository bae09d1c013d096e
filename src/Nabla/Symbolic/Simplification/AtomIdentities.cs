namespace Nabla.Symbolic.Simplification;

/// <summary>
/// Cheap, safe rewrites of one non-rational node whose arguments are already simplified. Each
/// keeps the value wherever the input is defined: log(exp(u)) = u for every real u;
/// exp(log(u)) = u where u &gt; 0 (the only place the left side is defined).
/// </summary>
internal static class AtomIdentities
{
    public static Expr Rewrite(Expr e)
    {
        if (e.Kind != ExprKind.Call) return e;
        var f = e.Function;
        var a = e.Arguments[0];
        if (f == Functions.Log && a.Kind == ExprKind.Call && a.Function == Functions.Exp) return a.Arguments[0];
        if (f == Functions.Exp && a.Kind == ExprKind.Call && a.Function == Functions.Log) return a.Arguments[0];
        return e;
    }
}
