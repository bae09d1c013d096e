namespace Nabla.MatrixCalculus;

/// <summary>Which way a derivative is laid out (Matrix Cookbook terms).</summary>
public enum MatrixLayout
{
    /// <summary>∂f/∂X has the shape of X (the Cookbook's and Nabla's default): d tr(AX)/dX = A'.</summary>
    Denominator,
    /// <summary>The transpose of the denominator layout: d tr(AX)/dX = A.</summary>
    Numerator,
}

/// <summary>Options of <see cref="MatrixDifferentiation.Differentiate(string, string, MatrixDiffOptions?)"/>.</summary>
public sealed record MatrixDiffOptions
{
    /// <summary>Shape declarations, e.g. <c>"X:n*m, a:m, C:n*n, c:scalar"</c>.</summary>
    public string? Dims { get; init; }
    public MatrixLayout Layout { get; init; } = MatrixLayout.Denominator;
    public bool Hessian { get; init; }
    public bool Check { get; init; }
    /// <summary>Random instances drawn by the check.</summary>
    public int Instances { get; init; } = 3;
    public int Seed { get; init; } = 12345;
}

/// <summary>The result of a numerical check: the largest relative difference from central finite differences and from the AutoDiff layer.</summary>
public sealed record MatrixCheck(double MaxRelativeError, int Instances, string? Error = null)
{
    /// <summary>Against central finite differences (Richardson-refined).</summary>
    public double FiniteDifferenceError { get; init; } = double.NaN;
    /// <summary>Against automatic differentiation (Nabla.AutoDiff Jacobian/Hessian of the same expression).</summary>
    public double AutoDiffError { get; init; } = double.NaN;

    public bool Passed(double tolerance = 1e-6) => Error is null && MaxRelativeError < tolerance;
}

/// <summary>
/// A derivative of a matrix expression: in matrix notation when one exists (<see cref="Matrix"/>),
/// always in index notation (<see cref="IndexForm"/>) and as a differential; the vec/Kronecker form
/// for matrix-by-matrix derivatives; optionally the Hessian; the side conditions; a numerical check.
/// </summary>
public sealed class MatrixDerivative
{
    public required MatrixExpression Expression { get; init; }
    public required Node Variable { get; init; }
    public string Wrt => Variable.Name;
    public required MatrixLayout Layout { get; init; }
    /// <summary>The derivative in matrix notation, or null when it has none (then see <see cref="IndexForm"/>).</summary>
    public Node? Matrix { get; init; }
    /// <summary>∂F_ij/∂X_uv in index notation (repeated indices summed).</summary>
    public required string IndexForm { get; init; }
    /// <summary>d f as an expression linear in dX.</summary>
    public Node? Differential { get; init; }
    /// <summary>For a matrix-valued function of a matrix: ∂vec(F)/∂vec(X) as Kronecker products (column-major vec; the Jacobian, i.e. numerator layout, in either layout).</summary>
    public Node? VecForm { get; init; }
    public Node? Hessian { get; init; }
    /// <summary>What <see cref="Hessian"/> is, e.g. "d²f/dvec(X)² (column-major vec)".</summary>
    public string? HessianForm { get; init; }
    /// <summary>The Hessian in index form when it has no Kronecker form.</summary>
    public string? HessianIndexForm { get; init; }
    public required IReadOnlyList<string> Conditions { get; init; }
    public MatrixCheck? Check { get; internal set; }

    // what the check needs: the raw terms and the roles of the result's rows and columns
    internal IReadOnlyList<IndexTerm> GradientTerms { get; init; } = [];
    internal IndexSpace Space { get; init; } = new();
    internal (int? I, int? J, int? U, int? V) Indices { get; init; }
    internal (int? Row, int? Col) Roles { get; init; }
    internal Node? DenominatorGradient { get; init; }

    /// <summary>The derivative as printed: matrix notation when it exists, else the index form.</summary>
    public string Text => Matrix?.Key ?? (VecForm is not null ? $"dvec(F)/dvec({Wrt}) = {VecForm.Key}" : IndexForm);
    public string DifferentialText => Differential is null ? "" : $"d({Expression.Root.Key}) = {Differential.Key}";
    public string? HessianText => Hessian?.Key ?? HessianIndexForm;
    public string Latex => Matrix is not null
        ? $@"\frac{{\partial f}}{{\partial {Wrt}}} = {LatexPrinter.Print(Matrix)}"
        : Differential is not null ? $@"\mathrm{{d}}f = {LatexPrinter.Print(Differential)}" : "";

    /// <summary>What the layout means for this result.</summary>
    public string LayoutText => Layout == MatrixLayout.Denominator
        ? $"denominator layout (∂f/∂{Wrt} has the shape of {Wrt} for a scalar f)"
        : $"numerator layout (∂f/∂{Wrt} has the shape of {Wrt}' for a scalar f)";
}
