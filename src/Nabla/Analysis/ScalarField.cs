using Nabla.Intervals;
using Nabla.Symbolic;

namespace Nabla.Analysis;

/// <summary>
/// A formula f: ℝⁿ → ℝ prepared for analysis: its variables in a fixed order, its symbolic
/// gradient and Hessian (computed once, shared DAGs), double evaluation, and interval evaluation
/// of f, ∇f and Hf over boxes.
/// </summary>
public sealed class ScalarField
{
    private IntervalEvaluator? _valueIntervals, _gradientIntervals, _hessianIntervals;
    private Expr[]? _gradient;
    private Expr[][]? _hessian;

    public ScalarField(Expr expression, IReadOnlyList<string>? variables = null)
    {
        Expression = expression;
        var vars = (variables ?? expression.Variables).ToArray();
        foreach (var v in expression.Variables)
            if (!vars.Contains(v)) throw new NablaInputException($"the formula uses '{v}', which is not among the variables {string.Join(", ", vars)}");
        if (vars.Length == 0) vars = ["x"]; // a constant is a function of one variable
        if (vars.Length > 12) throw new NablaInputException($"analysis supports at most 12 variables, the formula has {vars.Length}");
        Variables = vars;
    }

    /// <summary>Parses a formula; variables in natural order unless given.</summary>
    public static ScalarField Parse(string formula, IReadOnlyList<string>? variables = null) => new(Expr.Parse(formula), variables);

    public Expr Expression { get; }
    public IReadOnlyList<string> Variables { get; }
    public int Dimension => Variables.Count;

    /// <summary>∂f/∂xᵢ.</summary>
    public Expr[] Gradient => _gradient ??= Expression.Gradient(Variables);

    /// <summary>H[i][j] = ∂/∂xᵢ(∂f/∂xⱼ).</summary>
    public Expr[][] Hessian => _hessian ??= Expression.Hessian(Variables);

    public double Value(ReadOnlySpan<double> x) => Expression.Evaluate(x, Variables);

    public double[] GradientAt(ReadOnlySpan<double> x)
    {
        var g = new double[Dimension];
        for (int i = 0; i < g.Length; i++) g[i] = Gradient[i].Evaluate(x, Variables);
        return g;
    }

    /// <summary>Row-major n×n Hessian at x.</summary>
    public double[] HessianAt(ReadOnlySpan<double> x)
    {
        int n = Dimension;
        var h = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
                h[i * n + j] = h[j * n + i] = Hessian[i][j].Evaluate(x, Variables);
        return h;
    }

    internal IntervalEvaluator ValueIntervals => _valueIntervals ??= new IntervalEvaluator([Expression], Variables);
    internal IntervalEvaluator GradientIntervals => _gradientIntervals ??= new IntervalEvaluator(Gradient, Variables);
    internal IntervalEvaluator HessianIntervals => _hessianIntervals ??= new IntervalEvaluator(Hessian.SelectMany(r => r).ToArray(), Variables);

    /// <summary>Enclosure of f over a box.</summary>
    public Interval ValueOver(ReadOnlySpan<Interval> box)
    {
        Span<Interval> r = stackalloc Interval[1];
        ValueIntervals.Evaluate(box, r);
        return r[0];
    }

    /// <summary>Enclosure of ∇f over a box.</summary>
    public Interval[] GradientOver(ReadOnlySpan<Interval> box)
    {
        var r = new Interval[Dimension];
        GradientIntervals.Evaluate(box, r);
        return r;
    }

    /// <summary>Enclosure of Hf over a box, row-major.</summary>
    public Interval[] HessianOver(ReadOnlySpan<Interval> box)
    {
        var r = new Interval[Dimension * Dimension];
        HessianIntervals.Evaluate(box, r);
        return r;
    }

    /// <summary>The gradient system ∇f = 0 with Jacobian Hf, and f itself as an objective, over boxes.</summary>
    public GradientSystem AsGradientSystem() => new(this);
}

/// <summary>∇f = 0 as an <see cref="IIntervalSystem"/> (Jacobian = Hessian) and f as an <see cref="IIntervalObjective"/>.</summary>
public sealed class GradientSystem : IIntervalSystem, IIntervalObjective
{
    private readonly ScalarField _f;
    private readonly IntervalEvaluator _g, _h, _v;

    internal GradientSystem(ScalarField f)
    {
        _f = f;
        // Own evaluators: the solver and the optimizer may run on different threads.
        _g = new IntervalEvaluator(f.Gradient, f.Variables);
        _h = new IntervalEvaluator(f.Hessian.SelectMany(r => r).ToArray(), f.Variables);
        _v = new IntervalEvaluator([f.Expression], f.Variables);
    }

    public int Dimension => _f.Dimension;

    public void Evaluate(ReadOnlySpan<Interval> x, Span<Interval> f) => _g.Evaluate(x, f);

    // H is symmetric as computed (lower triangle mirrored), so J = ∂gᵢ/∂xⱼ = H[j][i] = H[i][j].
    public void Jacobian(ReadOnlySpan<Interval> x, Span<Interval> jacobian) => _h.Evaluate(x, jacobian);

    Interval IIntervalObjective.Evaluate(ReadOnlySpan<Interval> x)
    {
        Span<Interval> r = stackalloc Interval[1];
        _v.Evaluate(x, r);
        return r[0];
    }

    public bool TryGradient(ReadOnlySpan<Interval> x, Span<Interval> gradient)
    {
        _g.Evaluate(x, gradient);
        return true;
    }
}
