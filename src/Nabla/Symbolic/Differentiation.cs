namespace Nabla.Symbolic;

/// <summary>
/// Symbolic differentiation over the DAG: one iterative post-order pass, memoised per node, so a
/// shared subexpression is differentiated once and its derivative is shared too. The memo of a
/// variable is reused across repeated differentiation (n-th derivatives, Hessian columns), which is
/// what keeps high-order derivatives from swelling.
/// </summary>
/// <remarks>
/// Rules: if(c, a, b)' = if(c, a', b') (branch-wise: exact away from the switching surface);
/// abs' = sign, sign' = 0, relu' = if(x > 0, 1, 0), min/max' = the derivative of the active
/// argument: all valid away from the kinks, which the Analysis layer handles. A subexpression that
/// does not contain the variable has derivative 0, also where it is undefined.
/// </remarks>
public sealed class Differentiator
{
    private readonly Expr variable;
    private readonly Dictionary<Expr, Expr> memo = new();

    public Differentiator(string variable) => this.variable = Expr.Variable(variable);

    public string VariableName => variable.Name;

    /// <summary>∂e/∂variable.</summary>
    public Expr Diff(Expr e)
    {
        if (memo.TryGetValue(e, out var done)) return done;
        foreach (var n in Traversal.PostOrder([e], memo.ContainsKey))
        {
            memo[n] = Rule(n);
            if (memo.Count > SymbolicLimits.MaxDerivativeNodes)
                throw new NablaInputException($"the derivative by {variable.Name} grows beyond {SymbolicLimits.MaxDerivativeNodes} nodes; ask for a lower order or use numeric (Taylor) differentiation");
        }
        return memo[e];
    }

    private Expr D(Expr child) => memo[child];

    private Expr Rule(Expr n)
    {
        switch (n.Kind)
        {
            case ExprKind.Variable: return n == variable ? Expr.One : Expr.Zero;
            case ExprKind.Sum:
            {
                var terms = new List<Expr>(n.args.Length);
                foreach (var t in n.args) { var d = D(t); if (!d.IsZero) terms.Add(d); }
                return terms.Count == 0 ? Expr.Zero : Expr.Add(terms.ToArray());
            }
            case ExprKind.Product:
            {
                var terms = new List<Expr>();
                for (int i = 0; i < n.args.Length; i++)
                {
                    var d = D(n.args[i]);
                    if (d.IsZero) continue;
                    var f = (Expr[])n.args.Clone();
                    f[i] = d;
                    terms.Add(Expr.Mul(f));
                }
                return terms.Count == 0 ? Expr.Zero : Expr.Add(terms.ToArray());
            }
            case ExprKind.Power:
            {
                Expr b = n.args[0], e = n.args[1], db = D(b), de = D(e);
                Expr result = Expr.Zero;
                if (!db.IsZero)
                        result = Expr.Mul(e, Expr.Pow(b, Expr.Add(e, Expr.MinusOne)), db);
                if (!de.IsZero)
                    result = Expr.Add(result, Expr.Mul(n, Expr.Log(b), de));
                return result;
            }
            case ExprKind.Call:
            {
                var f = n.Function;
                var terms = new List<Expr>(n.args.Length);
                for (int i = 0; i < n.args.Length; i++)
                {
                    var d = D(n.args[i]);
                    if (d.IsZero) continue;
                    terms.Add(Expr.Mul(f.Partial(i, n.args), d));
                }
                return terms.Count == 0 ? Expr.Zero : Expr.Add(terms.ToArray());
            }
            case ExprKind.If:
            {
                Expr da = D(n.args[1]), db = D(n.args[2]);
                return da.IsZero && db.IsZero ? Expr.Zero : Expr.If(n.args[0], da, db);
            }
            default: return Expr.Zero;   // numbers, constants, conditions
        }
    }
}

public sealed partial class Expr
{
    /// <summary>∂this/∂variable.</summary>
    public Expr Diff(string variable) => new Differentiator(variable).Diff(this);

    /// <summary>The n-th derivative with respect to one variable (n ≥ 0).</summary>
    public Expr Diff(string variable, int order)
    {
        if (order < 0 || order > SymbolicLimits.MaxDerivativeOrder)
            throw new NablaInputException($"derivative order must be between 0 and {SymbolicLimits.MaxDerivativeOrder}, not {order}");
        var d = new Differentiator(variable);
        var e = this;
        for (int k = 0; k < order; k++) e = d.Diff(e);
        return e;
    }

    /// <summary>Differentiates by each variable in turn, left to right: Diff("x", "y") = ∂/∂y(∂f/∂x).</summary>
    public Expr Diff(params string[] variables)
    {
        var e = this;
        var byVar = new Dictionary<string, Differentiator>();
        foreach (var v in variables)
        {
            if (!byVar.TryGetValue(v, out var d)) byVar[v] = d = new Differentiator(v);
            e = d.Diff(e);
        }
        return e;
    }

    /// <summary>The gradient (∂f/∂v for each variable, in the given order; default <see cref="Variables"/>).</summary>
    public Expr[] Gradient(IReadOnlyList<string>? variables = null)
    {
        variables ??= Variables;
        var g = new Expr[variables.Count];
        for (int i = 0; i < g.Length; i++) g[i] = Diff(variables[i]);
        return g;
    }

    /// <summary>
    /// The Hessian H[i][j] = ∂²f/∂x_i∂x_j = ∂/∂x_i(∂f/∂x_j). The lower triangle is computed and
    /// mirrored (the mixed partials agree wherever f is twice continuously differentiable).
    /// </summary>
    public Expr[][] Hessian(IReadOnlyList<string>? variables = null) => HessianOf(Gradient(variables ??= Variables), variables);

    /// <summary>The Hessian from an already computed gradient (g[j] = ∂f/∂x_j).</summary>
    internal static Expr[][] HessianOf(Expr[] g, IReadOnlyList<string> variables)
    {
        int n = variables.Count;
        var h = new Expr[n][];
        for (int i = 0; i < n; i++) h[i] = new Expr[n];
        for (int i = 0; i < n; i++)
        {
            var d = new Differentiator(variables[i]);
            for (int j = 0; j <= i; j++) h[i][j] = h[j][i] = d.Diff(g[j]);
        }
        return h;
    }

    /// <summary>The Jacobian J[i][j] = ∂f_i/∂x_j.</summary>
    public static Expr[][] Jacobian(IReadOnlyList<Expr> functions, IReadOnlyList<string> variables)
    {
        var diffs = variables.Select(v => new Differentiator(v)).ToArray();
        var j = new Expr[functions.Count][];
        for (int i = 0; i < functions.Count; i++)
        {
            j[i] = new Expr[variables.Count];
            for (int k = 0; k < variables.Count; k++) j[i][k] = diffs[k].Diff(functions[i]);
        }
        return j;
    }

    /// <summary>Simplifies (see <see cref="Simplification.Simplifier"/>), within the options' budget.</summary>
    public Expr Simplify(Simplification.SimplifyOptions? options = null) => Simplification.Simplifier.Simplify(this, options);
}
