using Nabla.Symbolic.Polynomials;

namespace Nabla.Symbolic.Simplification;

/// <summary>
/// One simplification: walks the DAG children-first (iteratively, so deep chains are fine).
/// Non-rational nodes (calls, non-integer powers, if, conditions) are rebuilt over simplified
/// arguments and rewritten by <see cref="AtomIdentities"/>; each maximal rational region under
/// them is normalized by <see cref="RationalRegion"/>. Results are memoized per node, so shared
/// subexpressions are simplified once.
/// </summary>
internal sealed class SimplifierRun(SimplifyOptions options, Budget budget)
{
    private readonly Dictionary<Expr, Expr> atoms = new();   // simplified non-rational nodes
    private readonly Dictionary<Expr, Expr> regions = new(); // simplified rational regions, by root

    /// <summary>Exponent vectors are ints: larger powers of a variable stay as written.</summary>
    private const int MaxVariablePower = 1 << 20;

    public SimplifyOptions Options => options;
    public Budget Budget => budget;
    public bool SizeLimited { get; set; }

    public Expr Run(Expr root) => Run([root])[0];

    /// <summary>Simplifies several expressions together: what they share is simplified once.</summary>
    public Expr[] Run(IReadOnlyList<Expr> roots)
    {
        foreach (var n in Traversal.PostOrder(roots, null))
        {
            budget.Check();
            if (IsRational(n)) continue;
            atoms[n] = SimplifyAtom(n);
        }
        if (roots.Count > 1)
        {
            // one ring for all top-level regions; on trouble, fall back to one region at a time
            try
            {
                var together = RationalRegion.SimplifyMany(this, roots);
                for (int i = 0; i < roots.Count; i++) if (IsRational(roots[i])) regions[roots[i]] = NotLarger(roots[i], together[i]);
            }
            catch (SizeLimitException) { }
            catch (DivideByZeroException) { }
        }
        var results = new Expr[roots.Count];
        for (int i = 0; i < roots.Count; i++) results[i] = SimplifyRegion(roots[i]);
        return results;
    }

    /// <summary>
    /// After a budget overrun: the input with every region and atom finished so far replaced by
    /// its simplified form (a linear pass; everything already computed is equivalent), or the input
    /// itself when that is not smaller.
    /// </summary>
    public Expr BestSoFar(Expr root)
    {
        if (regions.Count == 0 && atoms.Count == 0) return root;
        var map = new Dictionary<Expr, Expr>();
        foreach (var n in Traversal.PostOrder(root))
        {
            if (regions.TryGetValue(n, out var r) || atoms.TryGetValue(n, out r)) { map[n] = r; continue; }
            if (n.Arguments.Count == 0) { map[n] = n; continue; }
            var args = new Expr[n.Arguments.Count];
            bool changed = false;
            for (int i = 0; i < args.Length; i++) { args[i] = map[n.Arguments[i]]; changed |= !ReferenceEquals(args[i], n.Arguments[i]); }
            map[n] = changed ? Expr.Rebuild(n, args) : n;
        }
        var partial = map[root];
        return partial.NodeCount < root.NodeCount ? partial : root;
    }

    /// <summary>True for the nodes a rational function is made of: numbers, sums, products, integer powers.</summary>
    public bool IsRational(Expr e) => e.Kind switch
    {
        ExprKind.Number or ExprKind.Sum or ExprKind.Product => true,
        ExprKind.Power => e.Arguments[1].IsIntegerNumber &&
                          System.Numerics.BigInteger.Abs(e.Arguments[1].Value.Numerator) is var k &&
                          (k <= options.MaxExpandedPower || e.Arguments[0].Kind == ExprKind.Variable && k <= MaxVariablePower),
        _ => false,
    };

    /// <summary>The simplified form of a non-rational node (itself if never seen: already simplified).</summary>
    public Expr Atom(Expr e) => atoms.TryGetValue(e, out var s) ? s : e;

    private Expr SimplifyAtom(Expr n)
    {
        if (n.Arguments.Count == 0) return n;
        var args = new Expr[n.Arguments.Count];
        bool changed = false;
        for (int i = 0; i < args.Length; i++)
        {
            args[i] = SimplifyRegion(n.Arguments[i]);
            changed |= !ReferenceEquals(args[i], n.Arguments[i]);
        }
        var rebuilt = changed ? Expr.Rebuild(n, args) : n;
        return AtomIdentities.Rewrite(rebuilt);
    }

    /// <summary>
    /// The normalized form of a region, or the region as written (over its simplified atoms) when
    /// the normal form is larger: expanding ((pi - 2)*(y + z))^12 gives ~150 terms that are both
    /// bigger and numerically worse (their double evaluation cancels catastrophically). Applied to
    /// every region, including those inside a power's base and function arguments, so the result
    /// is never much larger than the input by <see cref="Expr.TreeSize"/>. The slack (half the
    /// input's size) admits the textbook forms' small constant overhead, x/2 + y/3 = (3*x + 2*y)/6
    /// (7 nodes to 9), while rejecting expansions, whose growth is multiplicative.
    /// </summary>
    private Expr NotLarger(Expr root, Expr normalized)
    {
        var written = AsWritten(root);
        double w = written.TreeSize;
        if (normalized.TreeSize > w + w / 2) return written;
        // a common denominator can move a huge constant where doubles cannot hold it:
        // A*u/(B*v) + 3 with B ~ 1e340 becomes (A*u/v + 3*B)/B, which evaluates to inf/inf
        if (Unrepresentable(normalized) > Unrepresentable(written)) return written;
        return normalized;
    }

    private const double SmallestNormal = 2.2250738585072014E-308;

    /// <summary>Numbers whose double value overflows or underflows to zero (or subnormal).</summary>
    private static int Unrepresentable(Expr e)
    {
        int count = 0;
        foreach (var n in Traversal.PostOrder(e))
        {
            if (n.Kind != ExprKind.Number || n.IsZero) continue;
            double d = Math.Abs(n.Value.ToDouble());
            if (!double.IsFinite(d) || d < SmallestNormal) count++;
        }
        return count;
    }

    /// <summary>The region rooted at root with its non-rational leaves replaced by their simplified forms.</summary>
    private Expr AsWritten(Expr root)
    {
        var map = new Dictionary<Expr, Expr>();
        foreach (var n in Traversal.PostOrder([root], e => !IsRational(e)))
        {
            if (n.Arguments.Count == 0) { map[n] = n; continue; }
            var args = new Expr[n.Arguments.Count];
            bool changed = false;
            for (int i = 0; i < args.Length; i++) { var a = n.Arguments[i]; args[i] = map.TryGetValue(a, out var m) ? m : Atom(a); changed |= !ReferenceEquals(args[i], n.Arguments[i]); }
            map[n] = changed ? Expr.Rebuild(n, args) : n;
        }
        return map[root];
    }

    /// <summary>The simplified form of the expression rooted at <paramref name="root"/>.</summary>
    public Expr SimplifyRegion(Expr root)
    {
        if (!IsRational(root)) return Atom(root);
        if (regions.TryGetValue(root, out var done)) return done;
        Expr result;
        try
        {
            result = NotLarger(root, RationalRegion.Simplify(this, root));
        }
        catch (Exception ex) when (ex is SizeLimitException or OverflowException)
        {
            SizeLimited = true;
            result = root;
        }
        catch (DivideByZeroException)
        {
            result = root; // a part is undefined everywhere (1/0): keep it as written
        }
        regions[root] = result;
        return result;
    }
}

/// <summary>A polynomial grew beyond <see cref="SimplifyOptions.MaxTerms"/>.</summary>
internal sealed class SizeLimitException() : Exception("a polynomial exceeded the simplifier's size limit");
