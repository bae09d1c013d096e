namespace Nabla.Optimization;

/// <summary>
/// Newton's method made safe: the Hessian is modified to be positive definite by adding a
/// multiple of the identity until a Cholesky factorization succeeds (Nocedal and Wright,
/// Algorithm 3.3), so the Newton direction is always downhill, and a line search (strong Wolfe,
/// first trial step 1) damps the step. Near a minimizer with a positive definite Hessian the
/// modification vanishes and the unit step is accepted: quadratic convergence.
/// </summary>
public static class DampedNewton
{
    public const string Name = "damped-newton";

    public static OptimizationResult Minimize(Objective objective, ReadOnlySpan<double> x0, OptimizerOptions? options = null)
    {
        options ??= new OptimizerOptions();
        return LineSearchDriver.Run(Name, objective, x0, options, new Rule(objective), 1000, new LineSearchParameters(C2: options.WolfeCurvature));
    }

    private sealed class Rule(Objective objective) : IDescentDirection
    {
        private readonly double[] _h = new double[objective.Dimension * objective.Dimension];
        private readonly double[] _factor = new double[objective.Dimension * objective.Dimension];

        public Stop? Direction(ReadOnlySpan<double> x, double f, ReadOnlySpan<double> gradient, Span<double> direction)
        {
            int n = objective.Dimension;
            objective.Hessian(x, _h);
            foreach (var v in _h)
                if (!double.IsFinite(v))
                    return Stop.Fail(OptimizationStatus.NonFinite, "the Hessian is not finite");
            if (!ModifiedCholesky.Factor(_h, n, _factor, out _))
                return Stop.Fail(OptimizationStatus.BadApproximation, "the Hessian could not be made positive definite");
            for (int i = 0; i < n; i++)
                direction[i] = -gradient[i];
            Dense.CholeskySolve(_factor, n, direction);
            return null;
        }

        public double InitialStep(int iteration, ReadOnlySpan<double> gradient, ReadOnlySpan<double> direction, double previousStep) => 1;

        public void Update(ReadOnlySpan<double> s, ReadOnlySpan<double> y) { }

        public bool Reset() => false;
    }
}

/// <summary>Cholesky with an added multiple of the identity (Nocedal and Wright, Algorithm 3.3).</summary>
internal static class ModifiedCholesky
{
    /// <summary>
    /// Factors H + τI = L·Lᵀ with the smallest τ ∈ {0, β, 10β, 100β, …} (β = 10⁻⁵·max|h_ij|) that works,
    /// writing L into <paramref name="factor"/>. False only if no τ up to 10¹⁵·scale works (non-finite H).
    /// </summary>
    public static bool Factor(ReadOnlySpan<double> h, int n, Span<double> factor, out double tau)
    {
        double minDiagonal = double.PositiveInfinity, scale = 0;
        for (int i = 0; i < n; i++)
        {
            minDiagonal = Math.Min(minDiagonal, h[i * n + i]);
            for (int j = 0; j < n; j++)
                scale = Math.Max(scale, Math.Abs(h[i * n + j]));
        }
        // β = 10⁻⁵·max|h_ij| and growth ×10 (N&W suggest 10⁻³ and ×2): on the MGH set this keeps
        // more of the true Hessian when it is indefinite, and every choice in [10⁻⁶, 10⁻⁴] × 10
        // solves all 20 problems (docs/optimization.md); ×2 with 10⁻³ strays on Osborne 2.
        double beta = 1e-5 * Math.Max(scale, 1e-8);
        const double grow = 10;
        tau = minDiagonal > 0 ? 0 : -minDiagonal + beta;
        for (int attempt = 0; attempt < 80; attempt++)
        {
            h.CopyTo(factor);
            for (int i = 0; i < n; i++)
                factor[i * n + i] += tau;
            if (Dense.Cholesky(factor, n))
                return true;
            tau = Math.Max(grow * tau, beta);
        }
        return false;
    }
}
