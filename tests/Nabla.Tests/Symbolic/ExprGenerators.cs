using CsCheck;
using Nabla.Symbolic;

namespace Nabla.Tests.Symbolic;

/// <summary>
/// Random expression DAGs for property tests (reusable by other layers): every function of the
/// table, +, -, *, /, ^ with integer, rational and symbolic exponents, if() with comparisons and
/// logic, depth up to the given maximum, and shared subexpressions (a pool of earlier subtrees is
/// reused), so the results are DAGs, not only trees.
/// </summary>
public static class ExprGenerators
{
    public static readonly string[] DefaultVariables = ["x", "y", "z"];

    /// <summary>Random expressions of depth up to <paramref name="maxDepth"/> over <paramref name="variables"/>.</summary>
    public static Gen<Expr> Expression(int maxDepth = 8, string[]? variables = null) =>
        Gen.Int.Select(seed => Build(new Random(seed), maxDepth, variables ?? DefaultVariables));

    /// <summary>Random formula text (what a user might type), built from a random expression and random spacing.</summary>
    public static Gen<string> Formula(int maxDepth = 6) => Expression(maxDepth).Select(e => e.ToString());

    /// <summary>A random point (each coordinate in [lo, hi]).</summary>
    public static Gen<double[]> Point(int n, double lo = -2, double hi = 2) => Gen.Double[lo, hi].Array[n];

    public static Expr Build(Random rng, int maxDepth, string[] variables)
    {
        var pool = new List<Expr>();
        return Node(rng, rng.Next(1, maxDepth + 1), variables, pool);
    }

    private static readonly Function[] unary = Functions.All.Where(f => f.Arity == 1).ToArray();
    private static readonly Function[] binary = Functions.All.Where(f => f.Arity == 2).ToArray();

    private static Expr Leaf(Random rng, string[] vars) => rng.Next(10) switch
    {
        < 6 => Expr.Variable(vars[rng.Next(vars.Length)]),
        6 => Expr.Number(new Rational(rng.Next(-5, 6), rng.Next(1, 4))),
        7 => rng.Next(2) == 0 ? Expr.Pi : Expr.E,
        _ => Expr.Number(rng.Next(1, 4)),
    };

    private static Expr Node(Random rng, int depth, string[] vars, List<Expr> pool)
    {
        if (depth <= 1 || rng.Next(8) == 0) return Leaf(rng, vars);
        if (pool.Count > 0 && rng.Next(6) == 0) return pool[rng.Next(pool.Count)];   // sharing: a DAG
        Expr Sub() => Node(rng, depth - 1 - (rng.Next(3) == 0 ? 1 : 0), vars, pool);
        Expr e = rng.Next(14) switch
        {
            0 or 1 => Sub() + Sub(),
            2 => Sub() - Sub(),
            3 or 4 => Sub() * Sub(),
            5 => Sub() / Sub(),
            6 => Expr.Pow(Sub(), rng.Next(-3, 5)),
            7 => Expr.Pow(Sub(), rng.Next(3) switch { 0 => Expr.Number(new Rational(1, 2)), 1 => Expr.Number(new Rational(-1, 3)), _ => Leaf(rng, vars) }),
            8 or 9 or 10 => Expr.Call(unary[rng.Next(unary.Length)], Sub()),
            11 => Expr.Call(binary[rng.Next(binary.Length)], Sub(), Sub()),
            12 => Expr.If(Condition(rng, vars, pool, depth), Sub(), Sub()),
            _ => Expr.Number(rng.Next(-3, 4)) * Sub() + Leaf(rng, vars),
        };
        pool.Add(e);
        return e;
    }

    private static Expr Condition(Random rng, string[] vars, List<Expr> pool, int depth)
    {
        var op = (CompareOp)rng.Next(6);
        var c = Expr.Compare(op, Node(rng, Math.Max(1, depth - 2), vars, pool), Leaf(rng, vars));
        return rng.Next(5) switch
        {
            0 => Expr.And(c, Expr.Compare(CompareOp.Less, Leaf(rng, vars), Leaf(rng, vars))),
            1 => Expr.Or(c, Expr.Compare(CompareOp.GreaterEqual, Leaf(rng, vars), Leaf(rng, vars))),
            2 => Expr.Not(c),
            _ => c,
        };
    }
}
