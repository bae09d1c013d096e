using System.Globalization;

using Nabla.Intervals;
using Nabla.Symbolic;

namespace Nabla.Analysis;

/// <summary>∂/∂Then(∂f/∂First) at a point: differentiate by <paramref name="First"/> first, then by <paramref name="Then"/>.</summary>
/// <param name="First">The variable differentiated by first.</param>
/// <param name="Then">The variable differentiated by second.</param>
/// <param name="Result">The value and how it was obtained.</param>
/// <param name="Method">"symbolic" (the formula is smooth around the point) or "limit definition".</param>
public sealed record SecondPartial(string First, string Then, LimitResult Result, string Method);

/// <summary>The mixed second partials at a point in both orders, Schwarz's symmetry, and the evidence on smoothness.</summary>
/// <param name="Function">The function.</param>
/// <param name="Point">The point.</param>
/// <param name="Partials">Both orders of every mixed second partial (first by x then y, first by y then x, ...).</param>
/// <param name="Symmetric">Whether every pair of orders agrees (null when a value is missing).</param>
/// <param name="FContinuous">Evidence that f is continuous at the point.</param>
/// <param name="FirstPartialsContinuous">Evidence for the first partials (null when undecided).</param>
/// <param name="SecondPartialsContinuous">Evidence for the second partials (null when undecided).</param>
/// <param name="Evidence">Per-function path-limit evidence, e.g. ("∂f/∂x", ...).</param>
/// <param name="Summary">One sentence, e.g. "f is C¹ but not C² at (0, 0)".</param>
public sealed record MixedPartialsReport(
    ScalarField Function,
    double[] Point,
    IReadOnlyList<SecondPartial> Partials,
    bool? Symmetric,
    ContinuityEvidence FContinuous,
    bool? FirstPartialsContinuous,
    bool? SecondPartialsContinuous,
    IReadOnlyList<(string Name, ContinuityEvidence Evidence)> Evidence,
    string Summary);

/// <summary>
/// Partial derivatives at a point from their limit definitions where the formula cannot be
/// differentiated there (a removable singularity defined by if(), a kink), and from the symbolic
/// derivative wherever the formula is smooth around the point (checked by interval evaluation
/// over a tiny box: no branch switch, no singularity). Second partials nest the two:
/// ∂/∂y(∂f/∂x)(p) = lim_k (∂f/∂x(p + k e_y) − ∂f/∂x(p))/k.
/// </summary>
public static class MixedPartials
{
    public static MixedPartialsReport At(ScalarField f, IReadOnlyList<double> point)
    {
        int n = f.Dimension;
        var p = point.ToArray();
        if (p.Length != n) throw new NablaInputException($"the point has {p.Length} coordinates, the function {n} variables ({string.Join(", ", f.Variables)})");
        var d = new Partials(f);
        var names = f.Variables;

        // All second partials (pure and mixed, both orders) at p.
        var second = new Dictionary<(int, int), SecondPartial>();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                second[(i, j)] = d.SecondAt(i, j, p);
        var mixed = new List<SecondPartial>();
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                mixed.Add(second[(i, j)]);
                mixed.Add(second[(j, i)]);
            }

        bool? symmetric = true;
        for (int k = 0; k + 1 < mixed.Count; k += 2)
        {
            var a = mixed[k].Result;
            var b = mixed[k + 1].Result;
            if (a.Status != LimitStatus.Converged || b.Status != LimitStatus.Converged) { symmetric = symmetric == false ? false : null; continue; }
            double tol = Math.Max(1e-6 * Math.Max(1, Math.Max(Math.Abs(a.Value!.Value), Math.Abs(b.Value!.Value))), 10 * ((a.ErrorEstimate ?? 0) + (b.ErrorEstimate ?? 0)));
            if (Math.Abs(a.Value!.Value - b.Value!.Value) > tol) symmetric = false;
        }
        if (n == 1) symmetric = null;

        var evidence = new List<(string, ContinuityEvidence)>();
        var fEvidence = PathContinuity.At(q => f.Value(q), p, f.Value(p), names);
        evidence.Add(("f", fEvidence));

        bool? first = true;
        for (int i = 0; i < n; i++)
        {
            int a = i;
            var atP = d.FirstAt(a, p);
            var ev = atP.Status == LimitStatus.Converged
                ? PathContinuity.At(q => d.FirstAt(a, q).Value ?? double.NaN, p, atP.Value!.Value, names)
                : new ContinuityEvidence(false, null, [], $"∂f/∂{names[a]} does not exist at the point ({atP.StatusText})");
            evidence.Add(($"∂f/∂{names[a]}", ev));
            first = And(first, ev.Continuous);
        }

        bool? secondOk = true;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                int a = i, b = j;
                var atP = second[(a, b)].Result;
                string name = a == b ? $"∂²f/∂{names[a]}²" : $"∂/∂{names[b]}(∂f/∂{names[a]})";
                var ev = atP.Status == LimitStatus.Converged
                    ? PathContinuity.At(q => d.SecondAt(a, b, q, nearOnly: true).Result.Value ?? double.NaN, p, atP.Value!.Value, names)
                    : new ContinuityEvidence(false, null, [], $"{name} does not exist at the point ({atP.StatusText})");
                evidence.Add((name, ev));
                secondOk = And(secondOk, ev.Continuous);
            }

        string at = "(" + string.Join(", ", p.Select(v => v.ToString("G6", CultureInfo.InvariantCulture))) + ")";
        string summary = Summarize(fEvidence.Continuous, first, secondOk, at);
        if (symmetric == false) summary += $"; the mixed partials differ, so by Schwarz's theorem f cannot be C² at {at}";
        return new MixedPartialsReport(f, p, mixed, symmetric, fEvidence, first, secondOk, evidence, summary);
    }

    private static bool? And(bool? a, bool? b) => a == false || b == false ? false : a == true && b == true ? true : null;

    private static string Summarize(bool? c0, bool? c1, bool? c2, string at)
    {
        if (c0 == false) return $"f is not continuous at {at}";
        if (c0 is null) return $"could not decide whether f is continuous at {at}";
        if (c1 == false) return $"f is continuous but not C¹ at {at}";
        if (c1 is null) return $"f is continuous at {at}; could not decide whether it is C¹";
        if (c2 == false) return $"f is C¹ but not C² at {at}";
        if (c2 is null) return $"f is C¹ at {at}; could not decide whether it is C²";
        return $"f is C² at {at} (evidence from limits along paths)";
    }

    /// <summary>Pointwise first and second partials: symbolic where the formula is smooth nearby, else the limit definition.</summary>
    internal sealed class Partials(ScalarField f)
    {
        private readonly Dictionary<(int, int), (Expr E, IntervalEvaluator I)> _second = new();

        private static Interval[] Near(double[] q)
        {
            double r = 1e-9 * Math.Max(1, q.Max(Math.Abs));
            return q.Select(v => new Interval(v - r, v + r)).ToArray();
        }

        private static bool Valid(Interval v) => !v.IsEmpty && v.IsBounded && v.IsContinuous;

        public LimitResult FirstAt(int i, double[] q)
        {
            var g = new Interval[f.Dimension];
            f.GradientIntervals.Evaluate(Near(q), g);
            var fv = f.ValueOver(Near(q));
            if (Valid(g[i]) && Valid(fv))
            {
                double v = f.Gradient[i].Evaluate(q, f.Variables);
                if (double.IsFinite(v)) return new LimitResult(LimitStatus.Converged, v, 0, null, null, "symbolic derivative (the formula is smooth around the point)");
            }
            double fq = f.Value(q);
            return Limits.Derivative(h =>
            {
                var x = (double[])q.Clone();
                x[i] = h;
                return f.Value(x);
            }, q[i], fq);
        }

        public SecondPartial SecondAt(int first, int then, double[] q, bool nearOnly = false)
        {
            string a = f.Variables[first], b = f.Variables[then];
            if (!_second.TryGetValue((first, then), out var s))
            {
                var e = f.Expression.Diff(a).Diff(b);
                _second[(first, then)] = s = (e, new IntervalEvaluator([e], f.Variables));
            }
            var r = new Interval[1];
            s.I.Evaluate(Near(q), r);
            var g = new Interval[f.Dimension];
            f.GradientIntervals.Evaluate(Near(q), g);
            if (Valid(r[0]) && Valid(g[first]) && Valid(f.ValueOver(Near(q))))
            {
                double v = s.E.Evaluate(q, f.Variables);
                if (double.IsFinite(v))
                    return new SecondPartial(a, b, new LimitResult(LimitStatus.Converged, v, 0, null, null, "symbolic derivative (the formula is smooth around the point)"), "symbolic");
            }
            if (nearOnly)
            {
                // Along paths, points off the singular set are smooth; a nested limit here would be
                // expensive and is only needed at the point itself.
                return new SecondPartial(a, b, LimitResult.Undecided("not smooth here"), "limit definition");
            }
            var inner = FirstAt(first, q);
            if (inner.Status != LimitStatus.Converged)
                return new SecondPartial(a, b, LimitResult.Undecided($"∂f/∂{a} does not exist at the point ({inner.StatusText})"), "limit definition");
            var outer = Limits.Derivative(k =>
            {
                var x = (double[])q.Clone();
                x[then] = k;
                var v = FirstAt(first, x);
                return v.Status == LimitStatus.Converged ? v.Value!.Value : double.NaN;
            }, q[then], inner.Value!.Value);
            return new SecondPartial(a, b, outer, "limit definition");
        }
    }
}
