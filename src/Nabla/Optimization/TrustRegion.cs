namespace Nabla.Optimization;

/// <summary>
/// Newton's method in a trust region with the subproblem min gᵀp + ½pᵀHp, ‖p‖ ≤ Δ solved exactly
/// (Nocedal and Wright, chapter 4, Algorithm 4.1 with Theorem 4.1): from the eigen-decomposition
/// H = QΛQᵀ, p(λ) = −(H + λI)⁻¹g with λ ≥ max(0, −λ₁) chosen so that ‖p(λ)‖ = Δ by safeguarded
/// Newton on 1/Δ − 1/‖p(λ)‖, including the hard case (g ⟂ the eigenspace of λ₁, where
/// p = p(−λ₁) + τ·q₁). Indefinite Hessians are used, not modified: negative curvature directions
/// are followed to the boundary. One f and gradient evaluation per iteration.
/// </summary>
public static class TrustRegion
{
    public const string Name = "trust-region";

    public static OptimizationResult Minimize(Objective objective, ReadOnlySpan<double> x0, OptimizerOptions? options = null)
    {
        options ??= new OptimizerOptions();
        LineSearchDriver.RejectBounds(Name, objective);
        int n = objective.Dimension;
        var solver = new ExactSubproblem(n);
        var h = new double[n * n];
        var scaledG = new double[n];
        var d = new double[n];
        return TrustRegionDriver.Run(Name, objective, x0, options, (ReadOnlySpan<double> x, ReadOnlySpan<double> g, double delta, Span<double> p, out double stepNorm, out double newtonDecrement) =>
        {
            stepNorm = 0;
            newtonDecrement = double.NaN;
            objective.Hessian(x, h);
            foreach (var v in h)
                if (!double.IsFinite(v))
                    return double.NaN;
            // Scaled trust region ‖D·p‖ ≤ Δ with D_i = max over the run of √|H_ii| (as MINPACK
            // scales by Jacobian column norms): badly scaled variables get steps of their own size.
            for (int i = 0; i < n; i++)
            {
                double di = Math.Sqrt(Math.Abs(h[i * n + i]));
                d[i] = Math.Max(d[i], di > 0 && double.IsFinite(di) ? di : 0);
            }
            double dMax = d.Max();
            for (int i = 0; i < n; i++)
                if (d[i] == 0)
                    d[i] = 1; // no curvature seen yet (Beale at x0: H_11 = 0): unscaled, as MINPACK does for a zero column
                else if (d[i] <= 1e-8 * dMax)
                    d[i] = 1e-8 * dMax;
            for (int i = 0; i < n; i++)
            {
                scaledG[i] = g[i] / d[i];
                for (int j = 0; j < n; j++)
                    h[i * n + j] /= d[i] * d[j];
            }
            double predicted = solver.Solve(h, scaledG, delta, p);
            newtonDecrement = solver.NewtonDecrement;
            stepNorm = Dense.Norm2(p);
            for (int i = 0; i < n; i++)
                p[i] /= d[i];
            return predicted;
        });
    }
}

/// <summary>The exact trust-region subproblem by eigen-decomposition (small n).</summary>
internal sealed class ExactSubproblem(int n)
{
    private readonly double[] _a = new double[n * n];
    private readonly double[] _values = new double[n];
    private readonly double[] _vectors = new double[n * n];
    private readonly double[] _gHat = new double[n];
    private readonly double[] _coefficients = new double[n];

    /// <summary>½·gᵀH⁻¹g when H is positive definite (the decrease the Newton step predicts), else NaN.</summary>
    public double NewtonDecrement { get; private set; } = double.NaN;

    /// <summary>Writes the minimizer of gᵀp + ½pᵀHp over ‖p‖ ≤ Δ into p and returns the predicted reduction −m(p).</summary>
    public double Solve(ReadOnlySpan<double> hessian, ReadOnlySpan<double> g, double delta, Span<double> p)
    {
        hessian.CopyTo(_a);
        Dense.SymmetricEigen(_a, n, _values, _vectors);
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int k = 0; k < n; k++)
                s += _vectors[k * n + i] * g[k];
            _gHat[i] = s;
        }
        double lambda1 = _values[0];
        double scale = Math.Max(Math.Abs(_values[n - 1]), Math.Abs(lambda1));
        double gNorm = Dense.Norm2(g);
        NewtonDecrement = double.NaN;
        if (lambda1 > 1e-14 * scale)
        {
            double dec = 0;
            for (int i = 0; i < n; i++)
                dec += _gHat[i] * _gHat[i] / _values[i];
            NewtonDecrement = 0.5 * dec;
        }

        double lambda;
        if (lambda1 > 1e-14 * scale && Norm(0) <= delta)
        {
            lambda = 0; // interior Newton step
        }
        else
        {
            double lo = Math.Max(0, -lambda1);
            // Eigenvalues within rounding of λ₁ form the eigenspace that decides the hard case.
            double cluster = Math.Max(1e-12 * scale, 1e-300);
            double gInCluster = 0;
            for (int i = 0; i < n && _values[i] <= lambda1 + cluster; i++)
                gInCluster += _gHat[i] * _gHat[i];
            bool hardCandidate = Math.Sqrt(gInCluster) <= 1e-10 * Math.Max(gNorm, 1e-300) || gNorm == 0;
            if (hardCandidate && NormExcludingCluster(lo, lambda1 + cluster) <= delta)
            {
                // Hard case: p = −Σ_{λi > λ1} ĝi/(λi − λ1)·qi + τ·q1 with ‖p‖ = Δ.
                double sumSquares = 0;
                for (int i = 0; i < n; i++)
                {
                    _coefficients[i] = _values[i] <= lambda1 + cluster ? 0 : -_gHat[i] / (_values[i] + lo);
                    sumSquares += _coefficients[i] * _coefficients[i];
                }
                _coefficients[0] += Math.Sqrt(Math.Max(0, delta * delta - sumSquares));
                return Assemble(p, g, lo);
            }
            lambda = SolveSecular(lo, delta, gNorm, scale);
        }
        for (int i = 0; i < n; i++)
            _coefficients[i] = -_gHat[i] / (_values[i] + lambda);
        return Assemble(p, g, lambda);
    }

    // ‖p(λ)‖ = 1/Δ: safeguarded Newton on φ(λ) = 1/Δ − 1/‖p(λ)‖ (nearly linear in λ), bracketed.
    private double SolveSecular(double lo, double delta, double gNorm, double scale)
    {
        double hi = lo + gNorm / delta + scale + 1e-300;
        while (Norm(hi) > delta)
            hi *= 2;
        double lambda = lo + Math.Max(1e-12 * Math.Max(lo, 1e-300), 1e-14 * (hi - lo));
        if (Norm(lambda) < delta)
            return lambda;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double norm = Norm(lambda);
            if (Math.Abs(norm - delta) <= 1e-12 * delta)
                break;
            if (norm > delta) lo = lambda; else hi = lambda;
            double q2 = 0;
            for (int i = 0; i < n; i++)
            {
                double d = _values[i] + lambda;
                q2 += _gHat[i] * _gHat[i] / (d * d * d);
            }
            double next = lambda + norm * norm / q2 * (norm - delta) / delta;
            lambda = next > lo && next < hi && double.IsFinite(next) ? next : 0.5 * (lo + hi);
            if (hi - lo <= 1e-15 * hi)
                break;
        }
        return lambda;
    }

    private double Norm(double lambda)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            double d = _values[i] + lambda;
            if (_gHat[i] == 0)
                continue;
            if (d <= 0)
                return double.PositiveInfinity;
            s += _gHat[i] * _gHat[i] / (d * d);
        }
        return Math.Sqrt(s);
    }

    private double NormExcludingCluster(double lambda, double clusterTop)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            if (_values[i] <= clusterTop)
                continue;
            double c = _gHat[i] / (_values[i] + lambda);
            s += c * c;
        }
        return Math.Sqrt(s);
    }

    // p = Q·c; predicted reduction −(ĝᵀc + ½ Σ λi ci²).
    private double Assemble(Span<double> p, ReadOnlySpan<double> g, double lambda)
    {
        _ = lambda;
        double model = 0;
        for (int i = 0; i < n; i++)
            model += _gHat[i] * _coefficients[i] + 0.5 * _values[i] * _coefficients[i] * _coefficients[i];
        for (int k = 0; k < n; k++)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
                s += _vectors[k * n + i] * _coefficients[i];
            p[k] = s;
        }
        _ = g;
        return -model;
    }
}

/// <summary>Writes the trial step for radius Δ into p and returns the predicted reduction (NaN when the model is not finite).</summary>
internal delegate double TrustRegionStep(ReadOnlySpan<double> x, ReadOnlySpan<double> gradient, double delta, Span<double> step, out double stepNorm, out double newtonDecrement);

/// <summary>The trust-region loop shared by the exact and the Steihaug-Toint (CG) subproblem solvers.</summary>
internal static class TrustRegionDriver
{

    public static OptimizationResult Run(string method, Objective objective, ReadOnlySpan<double> x0, OptimizerOptions options, TrustRegionStep subproblem)
    {
        int n = objective.Dimension;
        var state = new RunState(method, objective, options, 1000);
        var x = x0.ToArray();
        var g = new double[n];
        var p = new double[n];
        var xTrial = new double[n];
        var gTrial = new double[n];
        double f = objective.ValueAndGradient(x, g);
        double gnorm = Dense.NormInf(g);
        double delta = options.InitialTrustRadius > 0 ? options.InitialTrustRadius : 1;
        const double eta = 0.15;
        var stop = state.Begin(x, f, gnorm);
        while (stop is null)
        {
            stop = state.CheckBudget();
            if (stop is not null)
                break;
            double predicted = subproblem(x, g, delta, p, out double stepNorm, out double decrement);
            if (!double.IsFinite(predicted))
            {
                stop = Stop.Fail(OptimizationStatus.NonFinite, "the Hessian (or a Hessian-vector product) is not finite");
                break;
            }
            if (state.NegligibleModelDecrease(f, decrement))
            {
                stop = Stop.Converged(ConvergenceReason.Value, $"the Hessian is positive definite and the Newton step predicts a decrease of f by {decrement:G3} only (gradient norm {gnorm:G3})");
                break;
            }
            if (!(predicted > 0))
            {
                // The model predicts no decrease: x is stationary for the model to rounding.
                stop = state.Stalled(f, gnorm, OptimizationStatus.BadApproximation, "the quadratic model predicts no decrease", decrement);
                break;
            }
            for (int i = 0; i < n; i++)
                xTrial[i] = x[i] + p[i];
            double fTrial = objective.ValueAndGradient(xTrial, gTrial);
            double actual = f - fTrial;
            double rho = double.IsFinite(fTrial) ? actual / predicted : double.NegativeInfinity;
            if (rho < 0.25)
                delta = 0.25 * stepNorm;
            else if (rho > 0.75 && stepNorm >= 0.99 * delta)
                delta = Math.Min(2 * delta, options.MaxTrustRadius);
            if (rho > eta || (actual >= 0 && actual <= 4 * 2.220446049250313e-16 * Math.Abs(f) && predicted <= 4 * 2.220446049250313e-16 * Math.Abs(f) && fTrial <= f))
            {
                double stepInf = Dense.NormInf(p);
                double fPrevious = f;
                (x, xTrial) = (xTrial, x);
                (g, gTrial) = (gTrial, g);
                f = fTrial;
                gnorm = Dense.NormInf(g);
                stop = state.Accept(x, f, gnorm, Dense.Norm2(p), stepInf, fPrevious);
            }
            else
            {
                state.CountRejected();
                bool moved = false;
                for (int i = 0; i < n && !moved; i++)
                    moved = x[i] + p[i] != x[i];
                if (!moved)
                    stop = state.Stalled(f, gnorm, OptimizationStatus.BadApproximation, "the trust region collapsed", decrement);
            }
        }
        return state.Finish(stop!.Value, x, f, g, gnorm);
    }
}
