namespace Nabla.Symbolic;

/// <summary>
/// The canonical order of sum terms and product factors: a total order on nodes that reads well
/// (numbers first, variables in natural order, x before x^2 before y, x before x*y). Each node is
/// viewed as a monomial, a list of (base, exponent) pairs (a product: its factors; a power: one
/// pair; anything else: itself to the power 1), and views compare lexicographically. Recursion is
/// cut at a fixed depth, below which the deterministic structural hash decides, so the order is
/// total, the same in every run, and cheap on deep expressions.
/// </summary>
internal sealed class ExprOrder : IComparer<Expr>
{
    public static readonly ExprOrder Instance = new();
    private const int MaxDepth = 24;

    public int Compare(Expr? a, Expr? b) => Compare(a!, b!, 0);

    private static int Compare(Expr a, Expr b, int depth)
    {
        if (ReferenceEquals(a, b)) return 0;
        if (depth > MaxDepth)
        {
            int hc = a.shash.CompareTo(b.shash);
            return hc != 0 ? hc : a.Id.CompareTo(b.Id);
        }
        bool an = a.IsNumeric, bn = b.IsNumeric;
        if (an || bn)
        {
            if (!(an && bn)) return an ? -1 : 1;
            if (a.Kind != b.Kind) return a.Kind == ExprKind.Number ? -1 : 1;
            return a.Kind == ExprKind.Number ? a.Value.CompareTo(b.Value) : a.FloatValue.CompareTo(b.FloatValue);
        }
        int na = ViewLength(a), nb = ViewLength(b);
        for (int i = 0; i < Math.Min(na, nb); i++)
        {
            var (ba, ea) = ViewPair(a, i);
            var (bb, eb) = ViewPair(b, i);
            int c = ReferenceEquals(ba, a) || ReferenceEquals(bb, b) ? CompareAtoms(ba, bb, depth) : Compare(ba, bb, depth + 1);
            if (c != 0) return c;
            c = Compare(ea, eb, depth + 1);
            if (c != 0) return c;
        }
        if (na != nb) return na.CompareTo(nb);
        // Same monomial: the coefficient decides.
        return Compare(Coefficient(a), Coefficient(b), depth + 1);
    }

    private static Expr Coefficient(Expr e) => e.Kind == ExprKind.Product && e.args[0].IsNumeric ? e.args[0] : Expr.One;

    private static int ViewLength(Expr e) => e.Kind == ExprKind.Product
        ? e.args.Length - (e.args[0].IsNumeric ? 1 : 0) : 1;

    private static (Expr Base, Expr Exponent) ViewPair(Expr e, int i)
    {
        if (e.Kind == ExprKind.Product)
        {
            var f = e.args[i + (e.args[0].IsNumeric ? 1 : 0)];
            return f.Kind == ExprKind.Power ? (f.args[0], f.args[1]) : (f, Expr.One);
        }
        return e.Kind == ExprKind.Power ? (e.args[0], e.args[1]) : (e, Expr.One);
    }

    private static int Rank(ExprKind k) => k switch
    {
        ExprKind.Number or ExprKind.Float => 0,
        ExprKind.Constant => 1,
        ExprKind.Variable => 2,
        ExprKind.Call => 3,
        ExprKind.Power => 4,
        ExprKind.Product => 5,
        ExprKind.Sum => 6,
        ExprKind.If => 7,
        _ => 8 + (int)k,
    };

    /// <summary>Compares nodes that stand for themselves in a view (not products or powers, except numbers' bases).</summary>
    private static int CompareAtoms(Expr a, Expr b, int depth)
    {
        if (ReferenceEquals(a, b)) return 0;
        if (a.Kind != b.Kind)
        {
            if (a.Kind is ExprKind.Power or ExprKind.Product || b.Kind is ExprKind.Power or ExprKind.Product || a.IsNumeric || b.IsNumeric)
                return Compare(a, b, depth + 1);
            return Rank(a.Kind).CompareTo(Rank(b.Kind));
        }
        switch (a.Kind)
        {
            case ExprKind.Variable:
            {
                int c = NaturalComparer.Instance.Compare(a.Name, b.Name);
                return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
            }
            case ExprKind.Constant: return string.CompareOrdinal(a.Name, b.Name);
            case ExprKind.Boolean: return a.BooleanValue.CompareTo(b.BooleanValue);
            case ExprKind.Power:
            case ExprKind.Product:
            case ExprKind.Number:
            case ExprKind.Float:
                return Compare(a, b, depth + 1);
        }
        if (a.Kind == ExprKind.Call)
        {
            int c = string.CompareOrdinal(a.Function.Name, b.Function.Name);
            if (c != 0) return c;
        }
        if (a.Kind == ExprKind.Compare)
        {
            int c = a.Comparison.CompareTo(b.Comparison);
            if (c != 0) return c;
        }
        for (int i = 0; i < Math.Min(a.args.Length, b.args.Length); i++)
        {
            int c = Compare(a.args[i], b.args[i], depth + 1);
            if (c != 0) return c;
        }
        return a.args.Length.CompareTo(b.args.Length);
    }
}
