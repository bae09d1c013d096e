using Nabla.Symbolic.Polynomials;

namespace Nabla.Symbolic.Simplification;

/// <summary>
/// Normalizes one rational region (numbers, sums, products, integer powers over generators) to a
/// single fraction in lowest terms and writes it back in textbook form.
/// </summary>
internal static class RationalRegion
{
    public static Expr Simplify(SimplifierRun run, Expr root) => SimplifyMany(run, [root])[0];

    /// <summary>Several regions over one ring, so rational subexpressions they share are converted once.</summary>
    public static Expr[] SimplifyMany(SimplifierRun run, IReadOnlyList<Expr> roots)
    {
        var budget = run.Budget;
        var (order, generators) = Gather(run, roots);
        int arity = generators.Count;
        var index = new Dictionary<Expr, int>(arity);
        for (int i = 0; i < arity; i++) index[generators[i]] = i;

        var value = new Dictionary<Expr, RationalFunction>(order.Count);
        RationalFunction Of(Expr child)
        {
            var r = Resolve(run, child);
            return value.TryGetValue(r, out var v) ? v
                : r.Kind == ExprKind.Number ? RationalFunction.Constant(arity, r.Value)
                : RationalFunction.FromPolynomial(Polynomial.Variable(arity, index[r]));
        }

        foreach (var n in order)
        {
            budget.Check();
            RationalFunction f;
            switch (n.Kind)
            {
                case ExprKind.Number:
                    f = RationalFunction.Constant(arity, n.Value);
                    break;
                case ExprKind.Sum:
                    f = Of(n.Arguments[0]);
                    for (int i = 1; i < n.Arguments.Count; i++) f = f.Add(Of(n.Arguments[i]), budget);
                    break;
                case ExprKind.Product:
                    // polynomial factors first: they multiply without gcds
                    var factors = n.Arguments.Select(Of).OrderBy(q => q.IsPolynomial ? 0 : 1).ToList();
                    f = factors[0];
                    for (int i = 1; i < factors.Count; i++) f = f.Multiply(factors[i], budget);
                    break;
                default: // integer power
                    var b = Of(n.Arguments[0]);
                    int k = (int)n.Arguments[1].Value.Numerator;
                    if (PowerTermBound(b.Numerator, Math.Abs(k)) + PowerTermBound(b.Denominator, Math.Abs(k)) > run.Options.MaxTerms)
                        throw new SizeLimitException();
                    f = b.Pow(k, budget);
                    break;
            }
            if (f.Numerator.TermCount + f.Denominator.TermCount > run.Options.MaxTerms) throw new SizeLimitException();
            value[n] = f;
        }

        var results = new Expr[roots.Count];
        for (int i = 0; i < roots.Count; i++)
        {
            var start = Resolve(run, roots[i]);
            if (!run.IsRational(start)) { results[i] = start; continue; }
            var result = value[start];
            result = SqrtReduction.Apply(result, generators, g => Of(g.Arguments[0]), budget);
            if (run.Options.TrigonometricIdentities) result = TrigonometricReduction.Apply(result, generators, budget);
            results[i] = TextbookForm.ToExpr(result, generators, budget, run.Options.Budget / 4);
        }
        return results;
    }

    /// <summary>An upper bound on the number of terms of p^k (without computing it).</summary>
    private static double PowerTermBound(Polynomial p, int k)
    {
        int t = p.TermCount;
        if (t <= 1) return t;
        // multinomial bound C(k + t - 1, t - 1), and the dense bound prod_v (k deg_v + 1)
        double multinomial = 1;
        for (int i = 1; i < t && multinomial < 1e18; i++) multinomial = multinomial * (k + i) / i;
        double dense = 1;
        for (int v = 0; v < p.Arity && dense < 1e18; v++) dense *= (double)k * p.Degree(v) + 1;
        return Math.Min(multinomial, dense);
    }

    internal static bool IsSqrt(Expr e) => e.Kind == ExprKind.Call && e.Function == Functions.Sqrt;

    private static Expr Resolve(SimplifierRun run, Expr e) => run.IsRational(e) ? e : run.Atom(e);

    /// <summary>Rational nodes of the region children-first, and its generators in ring order.</summary>
    private static (List<Expr> Order, List<Expr> Generators) Gather(SimplifierRun run, IReadOnlyList<Expr> roots)
    {
        var order = new List<Expr>();
        var leaves = new HashSet<Expr>();
        var starts = new List<Expr>(roots);
        var sqrtArguments = new HashSet<Expr>();
        // the argument w of a generator sqrt(w) joins the region, so that sqrt(w)^2 can become w
        void AddLeaf(Expr leaf)
        {
            if (leaves.Add(leaf) && IsSqrt(leaf) && sqrtArguments.Add(leaf.Arguments[0])) starts.Add(leaf.Arguments[0]);
        }
        var seen = new HashSet<Expr>();
        var stack = new Stack<(Expr Node, int Next)>();
        for (int s = 0; s < starts.Count; s++)
        {
        var start = Resolve(run, starts[s]);
        if (!run.IsRational(start)) { if (s >= roots.Count) AddLeaf(start); continue; }
        if (seen.Add(start)) stack.Push((start, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < node.Arguments.Count)
            {
                stack.Push((node, next + 1));
                // the exponent of an integer power is a number, not a factor
                if (node.Kind == ExprKind.Power && next == 1) continue;
                var child = Resolve(run, node.Arguments[next]);
                if (!run.IsRational(child)) AddLeaf(child);
                else if (child.Kind != ExprKind.Number && seen.Add(child)) stack.Push((child, 0));
            }
            else order.Add(node);
        }
        }
        var generators = leaves.ToList();
        generators.Sort((a, b) =>
        {
            int va = a.Kind == ExprKind.Variable ? 0 : 1, vb = b.Kind == ExprKind.Variable ? 0 : 1;
            if (va != vb) return va.CompareTo(vb);
            return va == 0 ? NaturalComparer.Instance.Compare(a.Name, b.Name) : ExprOrder.Instance.Compare(a, b);
        });
        return (order, generators);
    }
}
