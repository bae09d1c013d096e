namespace Nabla.Optimization;

/// <summary>
/// Pure Newton, the lecture's iteration x ← x − (∇²f(x))⁻¹∇f(x): no line search, no Hessian
/// modification, no trust region. It converges quadratically near a minimizer with a positive
/// definite Hessian and can diverge from farther away (f(x) = √(1 + x²) from |x0| > 1 gives
/// x ← −x³). Nothing here hides that: a run-away iteration ends with status diverged and its trace.
/// A singular Hessian ends with status bad-approximation.
/// </summary>
public static class Newton
{
    public const string Name = "newton";

    public static OptimizationResult Minimize(Objective objective, ReadOnlySpan<double> x0, OptimizerOptions? options = null)
    {
        options ??= new OptimizerOptions();
        LineSearchDriver.RejectBounds(Name, objective);
        int n = objective.Dimension;
        var state = new RunState(Name, objective, options, 100, watchForRunaway: true);
        var x = x0.ToArray();
        var g = new double[n];
        var h = new double[n * n];
        var p = new double[n];
        double f = objective.ValueAndGradient(x, g);
        double gnorm = Dense.NormInf(g);
        var stop = state.Begin(x, f, gnorm);
        while (stop is null)
        {
            stop = state.CheckBudget();
            if (stop is not null)
                break;
            objective.Hessian(x, h);
            for (int i = 0; i < n; i++)
                p[i] = -g[i];
            if (!Dense.LuSolve(h, n, p))
            {
                stop = Stop.Fail(OptimizationStatus.BadApproximation, $"the Hessian is singular at iteration {state.Iteration}: the Newton step is undefined");
                break;
            }
            double stepInf = Dense.NormInf(p), step2 = Dense.Norm2(p);
            for (int i = 0; i < n; i++)
                x[i] += p[i];
            double fPrevious = f;
            f = objective.ValueAndGradient(x, g);
            gnorm = Dense.NormInf(g);
            stop = state.Accept(x, f, gnorm, step2, stepInf, fPrevious);
        }
        if (stop!.Value.Status == OptimizationStatus.Converged)
            stop = SecondOrderCheck(objective, x, h, stop.Value);
        return state.Finish(stop!.Value, x, f, g, gnorm);
    }

    // Pure Newton finds critical points of any kind. A critical point where the Hessian has a
    // clearly negative eigenvalue is a saddle point or a maximum, never reported as success.
    private static Stop SecondOrderCheck(Objective objective, double[] x, double[] h, Stop converged)
    {
        int n = objective.Dimension;
        objective.Hessian(x, h);
        var values = new double[n];
        var vectors = new double[n * n];
        var a = (double[])h.Clone();
        Dense.SymmetricEigen(a, n, values, vectors);
        double scale = Math.Max(Math.Abs(values[0]), Math.Abs(values[n - 1]));
        if (values[0] < -1e-8 * Math.Max(scale, 1e-300) || !double.IsFinite(values[0]))
            return Stop.Fail(OptimizationStatus.BadApproximation,
                $"converged to a critical point that is not a minimizer: the Hessian has the negative eigenvalue {values[0]:G3} (a saddle point or a maximum)");
        return converged;
    }
}
