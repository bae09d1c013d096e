namespace Nabla.Optimization;

/// <summary>The outcome of a line search along x + α·p.</summary>
/// <param name="Success">The conditions (Armijo, or strong Wolfe) hold at <paramref name="Step"/>.</param>
/// <param name="Step">The step α whose point, value and gradient were left in the output buffers.</param>
/// <param name="Value">f(x + α·p).</param>
/// <param name="Evaluations">Number of f (and gradient) evaluations used.</param>
/// <param name="Message">Why it failed, or null.</param>
public readonly record struct LineSearchResult(bool Success, double Step, double Value, int Evaluations, string? Message);

/// <summary>Parameters of the line searches.</summary>
/// <param name="C1">Sufficient decrease (Armijo) constant, 0 &lt; c1 &lt; c2 &lt; 1.</param>
/// <param name="C2">Curvature constant of the strong Wolfe condition |φ'(α)| ≤ c2·|φ'(0)|.</param>
/// <param name="MaxEvaluations">Evaluations allowed per search.</param>
/// <param name="MaxStep">Largest step α.</param>
public readonly record struct LineSearchParameters(double C1 = 1e-4, double C2 = 0.9, int MaxEvaluations = 40, double MaxStep = 1e20);

/// <summary>
/// The line searches shared by every method that needs one. Both evaluate f and ∇f together at
/// each trial point x + α·p and leave the accepted point, its gradient and value in the caller's
/// buffers, so the method never re-evaluates it. Non-finite trial values shrink the step instead
/// of failing. They never throw on numerical trouble; failure is in the result.
/// </summary>
public static class LineSearch
{
    /// <summary>Searches with the method chosen by <paramref name="kind"/>.</summary>
    public static LineSearchResult Search(LineSearchKind kind, Objective objective, ReadOnlySpan<double> x, double f0,
        ReadOnlySpan<double> g0, ReadOnlySpan<double> direction, double initialStep, Span<double> xOut, Span<double> gOut,
        LineSearchParameters parameters = default) =>
        kind == LineSearchKind.Backtracking
            ? Backtracking(objective, x, f0, g0, direction, initialStep, xOut, gOut, parameters)
            : MoreThuente(objective, x, f0, g0, direction, initialStep, xOut, gOut, parameters);

    /// <summary>
    /// Backtracking from <paramref name="initialStep"/> until the Armijo condition
    /// f(x + αp) ≤ f(x) + c1·α·∇f(x)ᵀp holds; each reduction takes the minimizer of the quadratic
    /// interpolating φ(0), φ'(0), φ(α), safeguarded to [α/10, α/2].
    /// </summary>
    public static LineSearchResult Backtracking(Objective objective, ReadOnlySpan<double> x, double f0, ReadOnlySpan<double> g0,
        ReadOnlySpan<double> direction, double initialStep, Span<double> xOut, Span<double> gOut, LineSearchParameters parameters = default)
    {
        parameters = Defaults(parameters);
        double slope = Dense.Dot(g0, direction);
        if (!(slope < 0))
            return Fallback(x, f0, g0, xOut, gOut, 0, "the direction is not a descent direction");
        double alpha = Math.Min(initialStep, parameters.MaxStep);
        double bestAlpha = 0, bestF = f0;
        for (int k = 1; k <= parameters.MaxEvaluations; k++)
        {
            double f = Evaluate(objective, x, direction, alpha, xOut, gOut);
            if (double.IsFinite(f) && f <= f0 + parameters.C1 * alpha * slope)
                return new LineSearchResult(true, alpha, f, k, null);
            if (double.IsFinite(f) && f < bestF)
                (bestAlpha, bestF) = (alpha, f);
            double next = double.IsFinite(f)
                ? -slope * alpha * alpha / (2 * (f - f0 - slope * alpha))
                : 0.1 * alpha;
            alpha = Math.Clamp(double.IsFinite(next) ? next : 0.5 * alpha, 0.1 * alpha, 0.5 * alpha);
            if (alpha * Dense.NormInf(direction) <= 1e-17 * Math.Max(1, Dense.NormInf(x)))
                break;
        }
        return Restore(objective, x, f0, g0, direction, bestAlpha, bestF, xOut, gOut, parameters.MaxEvaluations,
            "no step satisfies the sufficient-decrease condition");
    }

    /// <summary>
    /// Moré and Thuente's line search (ACM TOMS 20, 1994; MINPACK-2 dcsrch/dcstep): finds α with
    /// f(x + αp) ≤ f(x) + c1·α·∇f(x)ᵀp and |∇f(x + αp)ᵀp| ≤ c2·|∇f(x)ᵀp| by safeguarded cubic and
    /// quadratic interpolation inside an interval of uncertainty.
    /// </summary>
    public static LineSearchResult MoreThuente(Objective objective, ReadOnlySpan<double> x, double f0, ReadOnlySpan<double> g0,
        ReadOnlySpan<double> direction, double initialStep, Span<double> xOut, Span<double> gOut, LineSearchParameters parameters = default)
    {
        parameters = Defaults(parameters);
        const double xtol = 1e-12, xtrapl = 1.1, xtrapu = 4.0;
        double ginit = Dense.Dot(g0, direction);
        if (!(ginit < 0))
            return Fallback(x, f0, g0, xOut, gOut, 0, "the direction is not a descent direction");
        double ftol = parameters.C1, gtol = parameters.C2;
        double stpmin = 0, stpmax = parameters.MaxStep;
        double stp = Math.Min(initialStep, stpmax);
        double finit = f0, gtest = ftol * ginit;
        double width = stpmax - stpmin, width1 = 2 * width;
        bool brackt = false;
        int stage = 1;
        double stx = 0, fx = finit, gx = ginit;
        double sty = 0, fy = finit, gy = ginit;
        double stmin = 0, stmax = stp + xtrapu * stp;
        double bestAlpha = 0, bestF = f0;
        int evaluations = 0;
        while (evaluations < parameters.MaxEvaluations)
        {
            double f = Evaluate(objective, x, direction, stp, xOut, gOut);
            evaluations++;
            if (!double.IsFinite(f) || !AllFinite(gOut))
            {
                // Overflow or a domain error: the step went too far. Shrink towards the best
                // point and never come back beyond this step.
                stpmax = stp;
                stp = stx + 0.25 * (stp - stx);
                stmax = Math.Min(stmax, stpmax);
                if (stp - stx <= xtol * Math.Max(1, stx) || stp <= 0)
                    break;
                continue;
            }
            double g = Dense.Dot(gOut, direction);
            if (f < bestF)
                (bestAlpha, bestF) = (stp, f);
            double ftest = finit + stp * gtest;
            if (stage == 1 && f <= ftest && g >= 0)
                stage = 2;

            if (f <= ftest && Math.Abs(g) <= gtol * -ginit)
                return new LineSearchResult(true, stp, f, evaluations, null);
            string? warning = null;
            if (brackt && (stp <= stmin || stp >= stmax))
                warning = "rounding errors prevent progress";
            else if (brackt && stmax - stmin <= xtol * stmax)
                warning = "the interval of uncertainty is below tolerance";
            else if (stp == stpmax && f <= ftest && g <= gtest)
                warning = "the step is at the largest allowed step";
            if (warning is not null)
            {
                // The last evaluated point is in the buffers: keep it if it decreased f enough.
                if (f <= ftest && f <= bestF)
                    return new LineSearchResult(true, stp, f, evaluations, warning);
                return Restore(objective, x, f0, g0, direction, bestAlpha, bestF, xOut, gOut, evaluations, warning);
            }
            if (stp == stpmin && (f > ftest || g >= gtest))
                break;

            if (stage == 1 && f <= fx && f > ftest)
            {
                // The modified function ψ(α) = φ(α) − φ(0) − c1·α·φ'(0) while no step with
                // sufficient decrease and non-negative slope has been seen.
                double fm = f - stp * gtest, fxm = fx - stx * gtest, fym = fy - sty * gtest;
                double gm = g - gtest, gxm = gx - gtest, gym = gy - gtest;
                Step(ref stx, ref fxm, ref gxm, ref sty, ref fym, ref gym, ref stp, fm, gm, ref brackt, stmin, stmax);
                fx = fxm + stx * gtest;
                fy = fym + sty * gtest;
                gx = gxm + gtest;
                gy = gym + gtest;
            }
            else
            {
                Step(ref stx, ref fx, ref gx, ref sty, ref fy, ref gy, ref stp, f, g, ref brackt, stmin, stmax);
            }

            if (brackt)
            {
                if (Math.Abs(sty - stx) >= 0.66 * width1)
                    stp = stx + 0.5 * (sty - stx);
                width1 = width;
                width = Math.Abs(sty - stx);
                stmin = Math.Min(stx, sty);
                stmax = Math.Max(stx, sty);
            }
            else
            {
                stmin = stp + xtrapl * (stp - stx);
                stmax = stp + xtrapu * (stp - stx);
            }
            stp = Math.Clamp(stp, stpmin, stpmax);
            if (brackt && (stp <= stmin || stp >= stmax) || brackt && stmax - stmin <= xtol * stmax)
                stp = stx;
        }
        return Restore(objective, x, f0, g0, direction, bestAlpha, bestF, xOut, gOut, evaluations,
            $"no step satisfies the strong Wolfe conditions within {parameters.MaxEvaluations} evaluations");

    }

    /// <summary>MINPACK-2 dcstep: the safeguarded step and the update of the interval of uncertainty.</summary>
    private static void Step(ref double stx, ref double fx, ref double dx, ref double sty, ref double fy, ref double dy,
        ref double stp, double fp, double dp, ref bool brackt, double stpmin, double stpmax)
    {
        double sgnd = dp * Math.Sign(dx);
        double stpf;
        if (fp > fx)
        {
            // Higher function value: the minimum is bracketed. Cubic step if closer to stx, else
            // average of cubic and quadratic steps.
            double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            double s = Math.Max(Math.Abs(theta), Math.Max(Math.Abs(dx), Math.Abs(dp)));
            double gamma = s * Math.Sqrt(Math.Max(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
            if (stp < stx) gamma = -gamma;
            double p = (gamma - dx) + theta, q = ((gamma - dx) + gamma) + dp, r = p / q;
            double stpc = stx + r * (stp - stx);
            double stpq = stx + ((dx / ((fx - fp) / (stp - stx) + dx)) / 2) * (stp - stx);
            stpf = Math.Abs(stpc - stx) < Math.Abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2;
            brackt = true;
        }
        else if (sgnd < 0)
        {
            // Derivatives of opposite sign: bracketed. The step farther from stp wins.
            double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            double s = Math.Max(Math.Abs(theta), Math.Max(Math.Abs(dx), Math.Abs(dp)));
            double gamma = s * Math.Sqrt(Math.Max(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
            if (stp > stx) gamma = -gamma;
            double p = (gamma - dp) + theta, q = ((gamma - dp) + gamma) + dx, r = p / q;
            double stpc = stp + r * (stx - stp);
            double stpq = stp + (dp / (dp - dx)) * (stx - stp);
            stpf = Math.Abs(stpc - stp) > Math.Abs(stpq - stp) ? stpc : stpq;
            brackt = true;
        }
        else if (Math.Abs(dp) < Math.Abs(dx))
        {
            // Same sign, decreasing magnitude: the cubic step is used only if it tends to infinity
            // in the direction of the step or the minimum of the cubic is beyond stp.
            double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            double s = Math.Max(Math.Abs(theta), Math.Max(Math.Abs(dx), Math.Abs(dp)));
            double gamma = s * Math.Sqrt(Math.Max(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
            if (stp > stx) gamma = -gamma;
            double p = (gamma - dp) + theta, q = (gamma + (dx - dp)) + gamma, r = p / q;
            double stpc;
            if (r < 0 && gamma != 0)
                stpc = stp + r * (stx - stp);
            else
                stpc = stp > stx ? stpmax : stpmin;
            double stpq = stp + (dp / (dp - dx)) * (stx - stp);
            if (brackt)
            {
                stpf = Math.Abs(stpc - stp) < Math.Abs(stpq - stp) ? stpc : stpq;
                stpf = stp > stx ? Math.Min(stp + 0.66 * (sty - stp), stpf) : Math.Max(stp + 0.66 * (sty - stp), stpf);
            }
            else
            {
                stpf = Math.Abs(stpc - stp) > Math.Abs(stpq - stp) ? stpc : stpq;
                stpf = Math.Clamp(stpf, stpmin, stpmax);
            }
        }
        else
        {
            // Same sign, magnitude not decreasing: step to the end of the interval or by the cubic
            // through stp and sty.
            if (brackt)
            {
                double theta = 3 * (fp - fy) / (sty - stp) + dy + dp;
                double s = Math.Max(Math.Abs(theta), Math.Max(Math.Abs(dy), Math.Abs(dp)));
                double gamma = s * Math.Sqrt(Math.Max(0, (theta / s) * (theta / s) - (dy / s) * (dp / s)));
                if (stp > sty) gamma = -gamma;
                double p = (gamma - dp) + theta, q = ((gamma - dp) + gamma) + dy, r = p / q;
                stpf = stp + r * (sty - stp);
            }
            else
            {
                stpf = stp > stx ? stpmax : stpmin;
            }
        }

        if (fp > fx)
        {
            sty = stp; fy = fp; dy = dp;
        }
        else
        {
            if (sgnd < 0)
            {
                sty = stx; fy = fx; dy = dx;
            }
            stx = stp; fx = fp; dx = dp;
        }
        stp = double.IsFinite(stpf) ? stpf : stx + 0.5 * (sty - stx);
    }

    private static LineSearchParameters Defaults(LineSearchParameters p) =>
        p == default ? new LineSearchParameters() : p with
        {
            MaxEvaluations = p.MaxEvaluations > 0 ? p.MaxEvaluations : 40,
            MaxStep = p.MaxStep > 0 ? p.MaxStep : 1e20,
            C1 = p.C1 > 0 ? p.C1 : 1e-4,
            C2 = p.C2 > 0 ? p.C2 : 0.9,
        };

    private static double Evaluate(Objective objective, ReadOnlySpan<double> x, ReadOnlySpan<double> p, double alpha,
        Span<double> xOut, Span<double> gOut)
    {
        for (int i = 0; i < x.Length; i++)
            xOut[i] = x[i] + alpha * p[i];
        return objective.ValueAndGradient(xOut, gOut);
    }

    private static bool AllFinite(ReadOnlySpan<double> v)
    {
        foreach (var e in v)
            if (!double.IsFinite(e))
                return false;
        return true;
    }

    private static LineSearchResult Fallback(ReadOnlySpan<double> x, double f0, ReadOnlySpan<double> g0, Span<double> xOut,
        Span<double> gOut, int evaluations, string message)
    {
        x.CopyTo(xOut);
        g0.CopyTo(gOut);
        return new LineSearchResult(false, 0, f0, evaluations, message);
    }

    // Leaves the best point seen (or x itself) in the buffers, re-evaluating it when it is not
    // the last evaluated point, and reports failure.
    private static LineSearchResult Restore(Objective objective, ReadOnlySpan<double> x, double f0, ReadOnlySpan<double> g0,
        ReadOnlySpan<double> direction, double bestAlpha, double bestF, Span<double> xOut, Span<double> gOut, int evaluations, string message)
    {
        if (bestAlpha == 0)
            return Fallback(x, f0, g0, xOut, gOut, evaluations, message);
        double f = Evaluate(objective, x, direction, bestAlpha, xOut, gOut);
        return new LineSearchResult(false, bestAlpha, f, evaluations + 1, message);
    }
}
