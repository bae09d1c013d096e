namespace Nabla.Optimization.Problems;

/// <summary>
/// A test problem with its standard data: name, number in Moré, Garbow and Hillstrom (1981), n, m,
/// standard starting point x0, the known minimum value f*, documented local minima, and the
/// published f(x0). The function itself is a struct (<see cref="TestProblem{TF}"/>); generic code
/// reaches it with <see cref="Accept{TResult}"/> so that every evaluation mode is specialised.
/// </summary>
public abstract class TestProblem
{
    private readonly double[] _x0;
    private readonly double[] _localMinima;
    private readonly double[]? _minimizer;

    protected TestProblem(string name, int number, int dimension, int residualCount, double[] startingPoint,
        double minimumValue, double publishedStartValue, double[]? localMinimumValues, double[]? minimizer)
    {
        Name = name;
        Number = number;
        Dimension = dimension;
        ResidualCount = residualCount;
        _x0 = startingPoint;
        MinimumValue = minimumValue;
        PublishedStartValue = publishedStartValue;
        _localMinima = localMinimumValues ?? [];
        _minimizer = minimizer;
    }

    /// <summary>Short name as in the literature ("Rosenbrock", "Biggs EXP6").</summary>
    public string Name { get; }

    /// <summary>Number of the problem in Moré, Garbow and Hillstrom (1981).</summary>
    public int Number { get; }

    /// <summary>Number of variables n.</summary>
    public int Dimension { get; }

    /// <summary>Number of residuals m.</summary>
    public int ResidualCount { get; }

    /// <summary>The standard starting point x0 (a fresh copy).</summary>
    public double[] StartingPoint => (double[])_x0.Clone();

    /// <summary>The known (global, or best known) minimum value f*.</summary>
    public double MinimumValue { get; }

    /// <summary>Documented local minima that a local method may legitimately reach from x0.</summary>
    public IReadOnlyList<double> LocalMinimumValues => _localMinima;

    /// <summary>f(x0) as published (MGH 1981 and test suites derived from it).</summary>
    public double PublishedStartValue { get; }

    /// <summary>A known minimizer (to the digits published), or null.</summary>
    public double[]? Minimizer => (double[]?)_minimizer?.Clone();

    /// <summary>
    /// Whether a final value counts as solved: |f − f*| ≤ tol·max(1, |f*|), or the same for one of
    /// the documented local minima.
    /// </summary>
    public bool IsSolved(double value, double tolerance = 1e-6)
    {
        if (!double.IsFinite(value))
            return false;
        if (Math.Abs(value - MinimumValue) <= tolerance * Math.Max(1, Math.Abs(MinimumValue)))
            return true;
        foreach (var local in _localMinima)
            if (Math.Abs(value - local) <= tolerance * Math.Max(1, Math.Abs(local)))
                return true;
        return false;
    }

    /// <summary>f(x) in plain doubles.</summary>
    public abstract double Value(ReadOnlySpan<double> x);

    /// <summary>The residual vector r(x) (length m) in plain doubles.</summary>
    public abstract void Residuals(ReadOnlySpan<double> x, Span<double> residuals);

    /// <summary>Calls <paramref name="visitor"/> with the problem's struct function type.</summary>
    public abstract TResult Accept<TResult>(IProblemVisitor<TResult> visitor);

    public override string ToString() => $"MGH {Number} {Name} (n={Dimension}, m={ResidualCount})";
}

/// <summary>Generic code run on a test problem's concrete function type.</summary>
public interface IProblemVisitor<out TResult>
{
    TResult Visit<TF>(TestProblem problem, TF function) where TF : struct, ILeastSquaresFunction;
}

/// <summary>A test problem whose function is the struct <typeparamref name="TF"/>.</summary>
public sealed class TestProblem<TF> : TestProblem where TF : struct, ILeastSquaresFunction
{
    public TestProblem(string name, int number, TF function, double[] startingPoint, double minimumValue,
        double publishedStartValue, double[]? localMinimumValues = null, double[]? minimizer = null)
        : base(name, number, function.Dimension, function.ResidualCount, startingPoint, minimumValue,
            publishedStartValue, localMinimumValues, minimizer)
    {
        if (startingPoint.Length != function.Dimension)
            throw new ArgumentException($"{name}: x0 has {startingPoint.Length} coordinates, n = {function.Dimension}");
        Function = function;
    }

    /// <summary>The function object (objective and residuals).</summary>
    public TF Function { get; }

    public override double Value(ReadOnlySpan<double> x) => Function.Evaluate(Real.View(x)).Value;

    public override void Residuals(ReadOnlySpan<double> x, Span<double> residuals) =>
        Function.Evaluate(Real.View(x), Real.View(residuals));

    public override TResult Accept<TResult>(IProblemVisitor<TResult> visitor) => visitor.Visit(this, Function);
}
