namespace Nabla.Optimization;

/// <summary>The methods, by the names used on the command line.</summary>
public enum OptimizationMethod
{
    GradientDescent,
    Newton,
    DampedNewton,
    TrustRegion,
    NewtonCG,
    Bfgs,
    Lbfgs,
    Lbfgsb,
    LevenbergMarquardt,
}

/// <summary>One entry point for every method, and the method names.</summary>
public static class Minimizer
{
    /// <summary>Every method with its command-line name and aliases.</summary>
    public static IReadOnlyList<(OptimizationMethod Method, string Name, string[] Aliases, string Description)> Methods { get; } =
    [
        (OptimizationMethod.GradientDescent, GradientDescent.Name, ["gradient-descent"], "gradient descent with a strong Wolfe line search (or a fixed rate)"),
        (OptimizationMethod.Newton, Newton.Name, ["pure-newton"], "pure Newton: x <- x - H^-1 g, no safeguard (can diverge)"),
        (OptimizationMethod.DampedNewton, DampedNewton.Name, [], "Newton with Hessian modification (Cholesky + tau*I) and line search"),
        (OptimizationMethod.TrustRegion, TrustRegion.Name, ["trust-exact"], "trust region, exact subproblem incl. the hard case"),
        (OptimizationMethod.NewtonCG, NewtonCG.Name, ["trust-ncg", "steihaug"], "trust region, Steihaug-Toint CG on Hessian-vector products"),
        (OptimizationMethod.Bfgs, Bfgs.Name, [], "BFGS quasi-Newton with a strong Wolfe line search"),
        (OptimizationMethod.Lbfgs, Lbfgs.Name, ["l-bfgs"], "limited-memory BFGS (two-loop recursion)"),
        (OptimizationMethod.Lbfgsb, Lbfgsb.Name, ["l-bfgs-b"], "bound-constrained L-BFGS (two-metric projection)"),
        (OptimizationMethod.LevenbergMarquardt, LevenbergMarquardt.Name, ["lm"], "Levenberg-Marquardt for sums of squares"),
    ];

    /// <summary>Parses a method name or alias ("bfgs", "trust-exact"); throws <see cref="NablaInputException"/> otherwise.</summary>
    public static OptimizationMethod Parse(string name)
    {
        foreach (var (method, canonical, aliases, _) in Methods)
            if (string.Equals(name, canonical, StringComparison.OrdinalIgnoreCase) || aliases.Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase)))
                return method;
        throw new NablaInputException($"unknown method '{name}'; choose one of {string.Join(", ", Methods.Select(m => m.Name))}");
    }

    public static string NameOf(OptimizationMethod method) => Methods.First(m => m.Method == method).Name;

    /// <summary>Runs <paramref name="method"/> on <paramref name="objective"/> from <paramref name="x0"/>.</summary>
    public static OptimizationResult Minimize(Objective objective, ReadOnlySpan<double> x0, OptimizationMethod method, OptimizerOptions? options = null)
    {
        if (x0.Length != objective.Dimension)
            throw new NablaInputException($"starting point has {x0.Length} coordinates, the objective has {objective.Dimension} variables");
        return method switch
        {
            OptimizationMethod.GradientDescent => GradientDescent.Minimize(objective, x0, options),
            OptimizationMethod.Newton => Newton.Minimize(objective, x0, options),
            OptimizationMethod.DampedNewton => DampedNewton.Minimize(objective, x0, options),
            OptimizationMethod.TrustRegion => TrustRegion.Minimize(objective, x0, options),
            OptimizationMethod.NewtonCG => NewtonCG.Minimize(objective, x0, options),
            OptimizationMethod.Bfgs => Bfgs.Minimize(objective, x0, options),
            OptimizationMethod.Lbfgs => Lbfgs.Minimize(objective, x0, options),
            OptimizationMethod.Lbfgsb => Lbfgsb.Minimize(objective, x0, options),
            OptimizationMethod.LevenbergMarquardt => LevenbergMarquardt.Minimize(objective, x0, options),
            _ => throw new NablaInputException($"unknown method {method}"),
        };
    }
}
