namespace Nabla.Optimization;

/// <summary>
/// Levenberg-Marquardt for f(x) = Σ r_i(x)²: steps solve (JᵀJ + μ·D)h = −Jᵀr with Marquardt's
/// scaling D = diag(JᵀJ), and μ is adapted from the gain ratio (Nielsen's rule, as in Madsen,
/// Nielsen and Tingleff, "Methods for non-linear least squares problems", 2004). Needs the residual
/// form (<see cref="Objective.LeastSquares"/>). Gradient-norm reports use ∇f = 2Jᵀr.
/// </summary>
public static class LevenbergMarquardt
{
    public const string Name = "levenberg-marquardt";

    public static OptimizationResult Minimize(Objective objective, ReadOnlySpan<double> x0, OptimizerOptions? options = null)
    {
        options ??= new OptimizerOptions();
        LineSearchDriver.RejectBounds(Name, objective);
        if (!objective.HasResiduals)
            throw new NablaInputException("levenberg-marquardt needs a sum-of-squares objective (residuals and Jacobian)");
        int n = objective.Dimension, m = objective.ResidualCount;
        var state = new RunState(Name, objective, options, 1000);
        var x = x0.ToArray();
        var xTrial = new double[n];
        var r = new double[m];
        var rTrial = new double[m];
        var jac = new double[m * n];
        var a = new double[n * n];
        var factor = new double[n * n];
        var g = new double[n]; // Jᵀr = ∇f / 2
        var h = new double[n];
        var gradient = new double[n];
        var diag = new double[n];

        objective.ResidualsAndJacobian(x, r, jac);
        double f = Dense.Dot(r, r);
        Normal(jac, r, m, n, a, g);
        double gnorm = GradientNorm(g, gradient);
        var stop = state.Begin(x, f, double.IsFinite(f) ? gnorm : double.NaN);
        double maxDiag = 0;
        for (int i = 0; i < n; i++)
            maxDiag = Math.Max(maxDiag, a[i * n + i]);
        double mu = 1e-3 * Math.Max(maxDiag, 1e-300), nu = 2;
        while (stop is null)
        {
            stop = state.CheckBudget();
            if (stop is not null)
                break;
            for (int i = 0; i < n; i++)
                diag[i] = Math.Max(a[i * n + i], 1e-12 * Math.Max(maxDiag, 1e-300));
            a.CopyTo(factor.AsSpan());
            for (int i = 0; i < n; i++)
                factor[i * n + i] += mu * diag[i];
            if (!Dense.Cholesky(factor, n))
            {
                mu *= nu;
                nu *= 2;
                state.CountRejected();
                if (!double.IsFinite(mu) || mu > 1e300)
                {
                    stop = state.Stalled(f, gnorm, OptimizationStatus.BadApproximation, "the damped normal equations cannot be solved");
                    break;
                }
                continue;
            }
            for (int i = 0; i < n; i++)
                h[i] = -g[i];
            Dense.CholeskySolve(factor, n, h);
            for (int i = 0; i < n; i++)
                xTrial[i] = x[i] + h[i];
            objective.Residuals(xTrial, rTrial);
            double fTrial = Dense.Dot(rTrial, rTrial);
            // Predicted decrease of Σr² by the linear model: hᵀ(μDh − Jᵀr)·1 (factor 2 of ½‖r‖² folded in).
            double predicted = 0;
            for (int i = 0; i < n; i++)
                predicted += h[i] * (mu * diag[i] * h[i] - g[i]);
            double rho = double.IsFinite(fTrial) && predicted > 0 ? (f - fTrial) / predicted : -1;
            if (rho > 0)
            {
                double stepInf = Dense.NormInf(h), step2 = Dense.Norm2(h);
                double fPrevious = f;
                (x, xTrial) = (xTrial, x);
                objective.ResidualsAndJacobian(x, r, jac);
                f = Dense.Dot(r, r);
                Normal(jac, r, m, n, a, g);
                gnorm = GradientNorm(g, gradient);
                mu *= Math.Max(1.0 / 3, 1 - Math.Pow(2 * rho - 1, 3));
                nu = 2;
                for (int i = 0; i < n; i++)
                    maxDiag = Math.Max(maxDiag, a[i * n + i]);
                stop = state.Accept(x, f, gnorm, step2, stepInf, fPrevious);
            }
            else
            {
                state.CountRejected();
                mu *= nu;
                nu *= 2;
                if (!double.IsFinite(mu) || Dense.NormInf(h) <= 1e-16 * (Dense.NormInf(x) + 1e-16))
                    stop = state.Stalled(f, gnorm, OptimizationStatus.BadApproximation, "no damping gives a decrease");
            }
        }
        return state.Finish(stop!.Value, x, f, gradient, gnorm);
    }

    private static void Normal(ReadOnlySpan<double> jac, ReadOnlySpan<double> r, int m, int n, Span<double> a, Span<double> g)
    {
        a.Clear();
        g.Clear();
        for (int k = 0; k < m; k++)
        {
            var row = jac.Slice(k * n, n);
            for (int i = 0; i < n; i++)
            {
                double ji = row[i];
                if (ji == 0)
                    continue;
                g[i] += ji * r[k];
                for (int j = 0; j < n; j++)
                    a[i * n + j] += ji * row[j];
            }
        }
    }

    private static double GradientNorm(ReadOnlySpan<double> g, Span<double> gradient)
    {
        for (int i = 0; i < g.Length; i++)
            gradient[i] = 2 * g[i];
        return Dense.NormInf(gradient);
    }
}
