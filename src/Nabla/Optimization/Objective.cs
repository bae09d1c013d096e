namespace Nabla.Optimization;

/// <summary>f(x).</summary>
public delegate double ValueFunction(ReadOnlySpan<double> x);

/// <summary>f(x), writing ∇f(x) into <paramref name="gradient"/>.</summary>
public delegate double ValueAndGradientFunction(ReadOnlySpan<double> x, Span<double> gradient);

/// <summary>Writes the Hessian ∇²f(x) (n×n, row-major) into <paramref name="hessian"/>.</summary>
public delegate void HessianFunction(ReadOnlySpan<double> x, Span<double> hessian);

/// <summary>Writes the Hessian-vector product ∇²f(x)·v into <paramref name="product"/>.</summary>
public delegate void HessianVectorFunction(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> product);

/// <summary>Writes the residual vector r(x) (length m) into <paramref name="residuals"/>.</summary>
public delegate void ResidualFunction(ReadOnlySpan<double> x, Span<double> residuals);

/// <summary>Writes r(x) and its Jacobian J(x) (m×n, row-major) into the buffers.</summary>
public delegate void ResidualJacobianFunction(ReadOnlySpan<double> x, Span<double> residuals, Span<double> jacobian);

/// <summary>
/// What a method may ask of an objective: its value, gradient, Hessian and Hessian-vector product,
/// each optional. A missing Hessian is assembled from n Hessian-vector products and a missing
/// Hessian-vector product is computed from the Hessian, so a user supplies whichever is cheaper.
/// Every call is counted (<see cref="Evaluations"/>); the counters are what the result reports.
/// </summary>
/// <remarks>
/// An objective is not thread-safe: it owns scratch buffers and counters. Create one per run
/// (the factories are cheap) or call <see cref="ResetCounters"/>.
/// </remarks>
public sealed class Objective
{
    private readonly ValueFunction? _value;
    private readonly ValueAndGradientFunction? _valueAndGradient;
    private readonly HessianFunction? _hessian;
    private readonly HessianVectorFunction? _hessianVector;
    private ResidualFunction? _residuals;
    private ResidualJacobianFunction? _residualJacobian;
    private double[]? _scratch;
    private long _f, _g, _h, _hv;

    public Objective(int dimension, ValueFunction? value = null, ValueAndGradientFunction? valueAndGradient = null,
        HessianFunction? hessian = null, HessianVectorFunction? hessianVector = null, Bounds? bounds = null)
    {
        if (dimension < 1)
            throw new NablaInputException($"an objective needs at least one variable (dimension {dimension})");
        if (value is null && valueAndGradient is null)
            throw new NablaInputException("an objective needs a value function or a value-and-gradient function");
        if (bounds is not null && bounds.Dimension != dimension)
            throw new NablaInputException($"bounds have {bounds.Dimension} entries, the objective has {dimension} variables");
        Dimension = dimension;
        _value = value;
        _valueAndGradient = valueAndGradient;
        _hessian = hessian;
        _hessianVector = hessianVector;
        Bounds = bounds;
    }

    /// <summary>Number of variables n.</summary>
    public int Dimension { get; }

    /// <summary>Box constraints lo ≤ x ≤ hi, or null. Only bound-aware methods (L-BFGS-B) accept them.</summary>
    public Bounds? Bounds { get; }

    public bool HasGradient => _valueAndGradient is not null;
    public bool HasHessian => _hessian is not null || _hessianVector is not null;
    public bool HasHessianVector => _hessianVector is not null || _hessian is not null;

    /// <summary>Evaluations so far: f, gradient, Hessian, Hessian-vector products.</summary>
    public EvaluationCounts Evaluations => new(_f, _g, _h, _hv);

    public void ResetCounters() => _f = _g = _h = _hv = 0;

    /// <summary>The same functions with box constraints.</summary>
    public Objective WithBounds(Bounds? bounds) =>
        new(Dimension, _value, _valueAndGradient, _hessian, _hessianVector, bounds)
        {
            _residuals = _residuals,
            _residualJacobian = _residualJacobian,
            ResidualCount = ResidualCount,
        };

    /// <summary>
    /// A sum of squares f(x) = Σ r_i(x)² from its residuals and their Jacobian: the value and the
    /// gradient 2Jᵀr are derived, and Levenberg-Marquardt can use the residual form directly.
    /// </summary>
    public static Objective LeastSquares(int dimension, int residualCount, ResidualFunction residuals,
        ResidualJacobianFunction residualsAndJacobian, HessianFunction? hessian = null, HessianVectorFunction? hessianVector = null,
        Bounds? bounds = null)
    {
        if (residualCount < 1)
            throw new NablaInputException($"a least-squares objective needs at least one residual (got {residualCount})");
        var r = new double[residualCount];
        var j = new double[residualCount * dimension];
        double Value(ReadOnlySpan<double> x)
        {
            residuals(x, r);
            return Dense.Dot(r, r);
        }
        double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
        {
            residualsAndJacobian(x, r, j);
            g.Clear();
            for (int i = 0; i < residualCount; i++)
                Dense.Axpy(2 * r[i], j.AsSpan(i * dimension, dimension), g);
            return Dense.Dot(r, r);
        }
        return new Objective(dimension, Value, ValueAndGradient, hessian, hessianVector, bounds)
        {
            _residuals = residuals,
            _residualJacobian = residualsAndJacobian,
            ResidualCount = residualCount,
        };
    }

    /// <summary>
    /// The same objective with a cheaper value-and-gradient function (for a sum of squares whose
    /// gradient is cheaper by reverse AD than through the m×n Jacobian). The residual form is kept.
    /// </summary>
    public Objective WithScalarGradient(ValueAndGradientFunction valueAndGradient) =>
        new(Dimension, _value, valueAndGradient, _hessian, _hessianVector, Bounds)
        {
            _residuals = _residuals,
            _residualJacobian = _residualJacobian,
            ResidualCount = ResidualCount,
        };

    /// <summary>Number of residuals m when the objective is a sum of squares, else 0.</summary>
    public int ResidualCount { get; private init; }

    public bool HasResiduals => _residualJacobian is not null;

    /// <summary>r(x) (counts one f evaluation).</summary>
    public void Residuals(ReadOnlySpan<double> x, Span<double> residuals)
    {
        CheckLength(x.Length);
        if (_residuals is null)
            throw new NablaInputException("this method needs the objective as a sum of squares (residuals), and it has none");
        _f++;
        _residuals(x, residuals);
    }

    /// <summary>r(x) and J(x) (counts one f and one gradient evaluation).</summary>
    public void ResidualsAndJacobian(ReadOnlySpan<double> x, Span<double> residuals, Span<double> jacobian)
    {
        CheckLength(x.Length);
        if (_residualJacobian is null)
            throw new NablaInputException("this method needs the objective as a sum of squares (residuals), and it has none");
        _f++;
        _g++;
        _residualJacobian(x, residuals, jacobian);
    }

    /// <summary>f(x) (counts one f evaluation).</summary>
    public double Value(ReadOnlySpan<double> x)
    {
        CheckLength(x.Length);
        _f++;
        if (_value is not null)
            return _value(x);
        var g = Scratch();
        return _valueAndGradient!(x, g);
    }

    /// <summary>f(x) and ∇f(x) (counts one f and one gradient evaluation).</summary>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        CheckLength(x.Length);
        if (_valueAndGradient is null)
            throw new NablaInputException("this method needs the gradient, and the objective has none (supply one, or build the objective from a function so that AutoDiff derives it)");
        _f++;
        _g++;
        return _valueAndGradient(x, gradient);
    }

    /// <summary>∇²f(x) row-major (counts one Hessian evaluation, or n Hessian-vector products when only those exist).</summary>
    public void Hessian(ReadOnlySpan<double> x, Span<double> hessian)
    {
        CheckLength(x.Length);
        int n = Dimension;
        if (_hessian is not null)
        {
            _h++;
            _hessian(x, hessian);
            return;
        }
        if (_hessianVector is null)
            throw new NablaInputException("this method needs the Hessian, and the objective has neither a Hessian nor Hessian-vector products");
        var e = new double[n];
        for (int j = 0; j < n; j++)
        {
            e[j] = 1;
            _hv++;
            _hessianVector(x, e, hessian.Slice(j * n, n)); // column j = row j by symmetry
            e[j] = 0;
        }
    }

    /// <summary>∇²f(x)·v (counts one Hessian-vector product, or one Hessian when only that exists).</summary>
    public void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> product)
    {
        CheckLength(x.Length);
        if (_hessianVector is not null)
        {
            _hv++;
            _hessianVector(x, v, product);
            return;
        }
        if (_hessian is null)
            throw new NablaInputException("this method needs Hessian-vector products, and the objective has neither a Hessian nor Hessian-vector products");
        int n = Dimension;
        var h = new double[n * n];
        _h++;
        _hessian(x, h);
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int j = 0; j < n; j++)
                s += h[i * n + j] * v[j];
            product[i] = s;
        }
    }

    private double[] Scratch() => _scratch ??= new double[Dimension];

    private void CheckLength(int length)
    {
        if (length != Dimension)
            throw new NablaInputException($"point has {length} coordinates, the objective has {Dimension} variables");
    }
}

/// <summary>Counts of evaluations of f, the gradient, the Hessian and Hessian-vector products.</summary>
public readonly record struct EvaluationCounts(long Function, long Gradient, long Hessian, long HessianVector)
{
    public static EvaluationCounts operator -(EvaluationCounts a, EvaluationCounts b) =>
        new(a.Function - b.Function, a.Gradient - b.Gradient, a.Hessian - b.Hessian, a.HessianVector - b.HessianVector);

    public static EvaluationCounts operator +(EvaluationCounts a, EvaluationCounts b) =>
        new(a.Function + b.Function, a.Gradient + b.Gradient, a.Hessian + b.Hessian, a.HessianVector + b.HessianVector);
}
