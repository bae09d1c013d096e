using Nabla.AutoDiff;
using Nabla.Optimization.Problems;
using Nabla.Symbolic;

namespace Nabla.Optimization;

/// <summary>
/// Objectives whose derivatives are derived automatically: from a C# function object by AutoDiff,
/// from a formula by the symbolic engine's compiled gradient and Hessian, and from a residual
/// function (sum of squares) by AutoDiff Jacobians.
/// </summary>
public static class Objectives
{
    /// <summary>
    /// f written once over <see cref="IScalar{T}"/>; gradient, Hessian and Hessian-vector products
    /// come from <see cref="Differentiate"/> (exact to rounding).
    /// </summary>
    public static Objective FromFunction<TF>(TF function, int dimension, Bounds? bounds = null) where TF : IScalarFunction =>
        new(dimension,
            value: x => Differentiate.Value(function, x),
            valueAndGradient: (x, g) => Differentiate.Gradient(function, x, g),
            hessian: (x, h) => Differentiate.Hessian(function, x, Span<double>.Empty, h),
            hessianVector: (x, v, hv) => Differentiate.HessianVectorProduct(function, x, v, hv),
            bounds: bounds);

    /// <summary>
    /// A sum of squares given by its residuals (for example an MGH problem): f = Σr², the residual
    /// Jacobian by forward AutoDiff (for Levenberg-Marquardt), gradient, Hessian and Hessian-vector
    /// products of f by AutoDiff.
    /// </summary>
    public static Objective FromLeastSquares<TF>(TF function, Bounds? bounds = null) where TF : struct, ILeastSquaresFunction
    {
        int n = function.Dimension;
        return Objective.LeastSquares(n, function.ResidualCount,
            residuals: (x, r) => function.Evaluate(Real.View(x), Real.View(r)),
            residualsAndJacobian: (x, r, j) => Differentiate.Jacobian(function, x, r, j),
            hessian: (x, h) => Differentiate.Hessian(function, x, Span<double>.Empty, h),
            hessianVector: (x, v, hv) => Differentiate.HessianVectorProduct(function, x, v, hv),
            bounds: bounds)
            .WithScalarGradient((x, g) => Differentiate.Gradient(function, x, g));
    }

    /// <summary>An MGH test problem as an objective with AutoDiff derivatives.</summary>
    public static Objective FromProblem(TestProblem problem, Bounds? bounds = null) =>
        problem.Accept(new ProblemObjective(bounds));

    private sealed class ProblemObjective(Bounds? bounds) : IProblemVisitor<Objective>
    {
        public Objective Visit<TF>(TestProblem problem, TF function) where TF : struct, ILeastSquaresFunction =>
            FromLeastSquares(function, bounds);
    }

    /// <summary>
    /// A formula: value, gradient and Hessian compiled from the symbolic derivatives (common
    /// subexpressions shared); Hessian-vector products from the compiled Hessian.
    /// </summary>
    public static Objective FromExpression(Expr expression, IReadOnlyList<string>? variables = null, Bounds? bounds = null)
    {
        variables ??= expression.Variables;
        int n = variables.Count;
        if (n == 0)
            throw new NablaInputException($"the formula '{expression}' has no variables to minimize over");
        var value = expression.Compile(variables);
        var gradient = expression.CompileGradient(variables);
        CompiledHessian? hessian = null; // compiled on first use: gradient-only methods never pay for it
        var scratch = new double[n];
        return new Objective(n,
            value: x => value.Evaluate(x),
            valueAndGradient: (x, g) => gradient.Evaluate(x, g),
            hessian: (x, h) =>
            {
                hessian ??= expression.CompileHessian(variables);
                hessian.Evaluate(x, scratch, h);
            },
            bounds: bounds);
    }
}
