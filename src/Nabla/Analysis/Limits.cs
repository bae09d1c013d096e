namespace Nabla.Analysis;

/// <summary>How a numerical limit came out.</summary>
public enum LimitStatus
{
    /// <summary>The limit exists (to the stated error estimate).</summary>
    Converged,
    /// <summary>The values grow without bound.</summary>
    Diverged,
    /// <summary>Both one-sided limits exist and differ: the two-sided limit does not exist.</summary>
    OneSidedValuesDiffer,
    /// <summary>Neither convergence nor divergence could be established (oscillation, noise, undefined values).</summary>
    Undecided,
}

/// <summary>A limit computed numerically, with its evidence.</summary>
/// <param name="Status">Whether the limit was found.</param>
/// <param name="Value">The limit when converged (else null).</param>
/// <param name="ErrorEstimate">Estimated absolute error of <paramref name="Value"/> (Richardson tableau differences).</param>
/// <param name="Left">Limit from the left (h → 0⁻), when it was computed and converged.</param>
/// <param name="Right">Limit from the right (h → 0⁺), when it converged.</param>
/// <param name="Note">One sentence of explanation.</param>
public sealed record LimitResult(LimitStatus Status, double? Value, double? ErrorEstimate, double? Left, double? Right, string Note)
{
    /// <summary>The status in the words of the JSON contract: "converged", "diverged", "one-sided values differ", "undecided".</summary>
    public string StatusText => Status switch
    {
        LimitStatus.Converged => "converged",
        LimitStatus.Diverged => "diverged",
        LimitStatus.OneSidedValuesDiffer => "one-sided values differ",
        _ => "undecided",
    };

    internal static LimitResult Undecided(string note) => new(LimitStatus.Undecided, null, null, null, null, note);
}

/// <summary>
/// Numerical limits: lim_{h→0} g(h) by Richardson extrapolation of g on h = h₀, h₀/2, h₀/4, ...
/// (assuming g(h) = L + c₁h + c₂h² + ... on each side), with tests for divergence, for one-sided
/// values that differ, and for noise taking over. This is how a derivative is computed from its
/// definition at a point where the formula cannot be differentiated (a removable singularity, a
/// piecewise definition, a kink).
/// </summary>
public static class Limits
{
    /// <summary>Relative tolerance below which a Richardson error estimate counts as converged.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>lim_{h→0⁺} g(h).</summary>
    public static LimitResult OneSided(Func<double, double> g, double h0 = 0.0625, int steps = 22)
    {
        var values = new double[steps];
        var hs = new double[steps];
        int defined = 0;
        double h = h0;
        for (int k = 0; k < steps; k++, h *= 0.5)
        {
            hs[k] = h;
            values[k] = g(h);
            if (double.IsFinite(values[k])) defined++;
        }
        if (defined == 0) return LimitResult.Undecided("the function is undefined at every sampled point");
        // Undefined (or infinite) values near 0: look for growth first.
        int tail = Math.Min(6, steps);
        bool allFiniteTail = true;
        for (int k = steps - tail; k < steps; k++) allFiniteTail &= double.IsFinite(values[k]);
        if (!allFiniteTail)
        {
            bool infinite = values[^1] is double.PositiveInfinity or double.NegativeInfinity;
            return infinite
                ? new LimitResult(LimitStatus.Diverged, null, null, null, null, "the values become infinite")
                : LimitResult.Undecided("the function is undefined arbitrarily close to the point");
        }
        if (Grows(values)) return new LimitResult(LimitStatus.Diverged, null, null, null, null, $"the values grow without bound (|g| = {Math.Abs(values[^1]):G3} at h = {hs[^1]:G3})");

        // Richardson tableau for ratio 2 and an expansion in integer powers of h (Ridders' scheme).
        int m = steps;
        var prev = new double[m];
        var cur = new double[m];
        double best = values[0], bestErr = double.PositiveInfinity;
        for (int k = 0; k < m; k++)
        {
            cur[0] = values[k];
            double factor = 1;
            for (int j = 1; j <= k; j++)
            {
                factor *= 2;
                cur[j] = cur[j - 1] + (cur[j - 1] - prev[j - 1]) / (factor - 1);
                double err = Math.Max(Math.Abs(cur[j] - cur[j - 1]), Math.Abs(cur[j] - prev[j - 1]));
                if (err <= bestErr)
                {
                    bestErr = err;
                    best = cur[j];
                }
            }
            // Ridders' stopping rule: once the diagonal moves away from the best estimate, noise has taken over.
            if (k > 1 && Math.Abs(cur[k] - prev[k - 1]) >= 2 * bestErr) break;
            (prev, cur) = (cur, prev);
        }
        // The plain tail of the sequence (first-order convergence: the remaining error is about
        // the last step) rescues cases where extrapolation amplifies noise (tiny or high-order terms).
        double tailErr = 2 * Math.Abs(values[^1] - values[^2]);
        if (tailErr < bestErr) { best = values[^1]; bestErr = tailErr; }
        if (AllEqual(values, out double exact)) { best = exact; bestErr = 0; }
        if (double.IsFinite(bestErr) && bestErr <= Tolerance * Math.Max(1, Math.Abs(best)))
            return new LimitResult(LimitStatus.Converged, Clean(best, bestErr), bestErr, null, best, "Richardson extrapolation converged");
        return new LimitResult(LimitStatus.Undecided, null, double.IsFinite(bestErr) ? bestErr : null, null, null,
            $"no convergence (best estimate {best:G6}, error estimate {bestErr:G3}): the values oscillate or are too noisy");
    }

    /// <summary>lim_{h→0} g(h) from both sides; the sides are compared.</summary>
    public static LimitResult TwoSided(Func<double, double> g, double h0 = 0.0625, int steps = 22)
    {
        var right = OneSided(g, h0, steps);
        var left = OneSided(h => g(-h), h0, steps);
        return Combine(left, right);
    }

    internal static LimitResult Combine(LimitResult left, LimitResult right)
    {
        bool l = left.Status == LimitStatus.Converged, r = right.Status == LimitStatus.Converged;
        if (l && r)
        {
            double a = left.Value!.Value, b = right.Value!.Value;
            double err = left.ErrorEstimate!.Value + right.ErrorEstimate!.Value;
            double scale = Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));
            if (Math.Abs(a - b) <= Math.Max(10 * err, 1e-6 * scale))
                return new LimitResult(LimitStatus.Converged, Clean(0.5 * (a + b), err), err, a, b, "both one-sided limits agree");
            return new LimitResult(LimitStatus.OneSidedValuesDiffer, null, null, a, b, $"limit from the left {a:G6} differs from the limit from the right {b:G6}");
        }
        if (left.Status == LimitStatus.Diverged || right.Status == LimitStatus.Diverged)
            return new LimitResult(LimitStatus.Diverged, null, null, l ? left.Value : null, r ? right.Value : null,
                left.Status == LimitStatus.Diverged && right.Status == LimitStatus.Diverged ? "diverges on both sides" : "diverges on one side");
        // Only one side where the function is defined (boundary of the domain): the one-sided limit is the answer.
        if (r && left.Note.Contains("undefined", StringComparison.Ordinal))
            return right with { Left = null, Note = "only the limit from the right exists (undefined on the left)" };
        if (l && right.Note.Contains("undefined", StringComparison.Ordinal))
            return new LimitResult(LimitStatus.Converged, left.Value, left.ErrorEstimate, left.Value, null, "only the limit from the left exists (undefined on the right)");
        return new LimitResult(LimitStatus.Undecided, null, null, l ? left.Value : null, r ? right.Value : null,
            $"left: {left.Note}; right: {right.Note}");
    }

    /// <summary>
    /// The derivative of a function of one variable from its definition,
    /// lim_{h→0} (f(a + h) − f(a))/h, with f(a) given (the value AT the point, which a piecewise
    /// definition may set apart from its surroundings).
    /// </summary>
    public static LimitResult Derivative(Func<double, double> f, double a, double valueAtA, double h0 = 0.0625)
    {
        if (!double.IsFinite(valueAtA)) return LimitResult.Undecided("the function is undefined at the point");
        double scale = Math.Max(1, Math.Abs(a)) * h0;
        var right = OneSided(h => (f(a + h) - valueAtA) / h, scale);
        var left = OneSided(h => (valueAtA - f(a - h)) / h, scale);
        return Combine(left, right);
    }

    // All values are exactly equal from the start (a linear piece): exact.
    private static bool AllEqual(double[] values, out double value)
    {
        value = values[0];
        for (int k = 1; k < values.Length; k++) if (values[k] != value) return false;
        return true;
    }

    private static bool Grows(double[] v)
    {
        int n = v.Length;
        if (n < 8) return false;
        double last = Math.Abs(v[n - 1]);
        if (last < 1e3) return false;
        // Steady growth over the last steps (|g| ~ h^-a, a > 0 gives a constant ratio 2^a > 1).
        for (int k = n - 6; k < n; k++)
            if (!(Math.Abs(v[k]) > 1.2 * Math.Abs(v[k - 1]))) return false;
        return true;
    }

    /// <summary>Rounds a limit to a nearby simple number (integer or short decimal) when that lies within the error: 0.99999999997 → 1.</summary>
    internal static double Clean(double value, double error)
    {
        double tol = Math.Max(error * 10, 1e-12 * Math.Max(1, Math.Abs(value)));
        tol = Math.Min(tol, 1e-7 * Math.Max(1, Math.Abs(value)));
        for (int digits = 0; digits <= 6; digits++)
        {
            double scale = Math.Pow(10, digits);
            double r = Math.Round(value * scale) / scale;
            if (Math.Abs(r - value) <= tol) return r == 0 ? 0 : r;
        }
        return value;
    }
}
