using Nabla.Symbolic;

namespace Nabla.Analysis;

/// <summary>
/// What <c>nabla analyze</c> reports about f: the symbolic gradient and Hessian and, at a point, their
/// values with the Hessian's eigenvalues and definiteness. The Analysis layer extends this
/// (critical points, limits, classification); the CLI only prints it.
/// </summary>
public sealed record FunctionAnalysis(
    Expr Expression,
    IReadOnlyList<string> Variables,
    bool IsBuiltInExample,
    Expr[] Gradient,
    Expr[][] Hessian,
    double[]? Point,
    double? Value,
    double[]? GradientValue,
    HessianAtPoint? HessianValue)
{
    /// <summary>The lecture's example, analyzed when no formula is given: undefined at the origin.</summary>
    public const string BuiltInExample = "x*y^3/(x^2+y^2)";

    /// <summary>Analyzes f (simplifying the symbolic results); with a point, evaluates them there.</summary>
    public static FunctionAnalysis Analyze(Expr f, IReadOnlyList<string>? variables = null, double[]? point = null, bool isBuiltInExample = false)
    {
        variables ??= f.Variables;
        var g = f.Gradient(variables).Select(d => d.Simplify()).ToArray();
        var h = f.Hessian(variables).Select(row => row.Select(d => d.Simplify()).ToArray()).ToArray();
        if (point is null) return new(f, variables, isBuiltInExample, g, h, null, null, null, null);
        if (point.Length != variables.Count)
            throw new NablaInputException($"the point has {point.Length} coordinates but there are {variables.Count} variables");
        int n = variables.Count;
        var compiled = f.CompileHessian(variables);
        var grad = new double[n];
        var hess = new double[n * n];
        double value = compiled.Evaluate(point, grad, hess);
        return new(f, variables, isBuiltInExample, g, h, point, value, grad, HessianAtPoint.Analyze(hess, n));
    }
}
