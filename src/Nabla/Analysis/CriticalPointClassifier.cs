using System.Globalization;

using MathNet.Numerics.LinearAlgebra;

using Nabla.Intervals;
using Nabla.Symbolic;

namespace Nabla.Analysis;

/// <summary>
/// Classifies a critical point p of f, following the lecture's Theorem 5 and going beyond it when
/// the Hessian is semidefinite:
/// <list type="number">
/// <item>Hessian eigenvalues, with a certified margin (Weyl's inequality on the interval Hessian
/// over the point's enclosure): positive definite ⇒ strict local minimum, negative definite ⇒
/// strict local maximum, indefinite ⇒ saddle point.</item>
/// <item>One variable, f''(p) = 0: the lowest non-vanishing derivative decides (even order: extremum
/// by its sign; odd order: saddle/inflection point). Exact when the lower derivatives vanish
/// exactly in interval arithmetic.</item>
/// <item>Several variables, semidefinite: directional Taylor expansions (an odd lowest order, or
/// opposite signs in two directions, prove a saddle point), then the splitting lemma numerically:
/// along the Hessian's null directions, after minimizing (or maximizing) over the other
/// directions, the sign of f − f(p) on shrinking spheres decides strict / non-strict extremum or
/// saddle point (numerical evidence).</item>
/// </list>
/// </summary>
public static class CriticalPointClassifier
{
    private static readonly double[] Radii = [0.25, 0.125, 0.0625, 0.03125, 0.015625, 0.0078125, 0.00390625];

    /// <summary>Whether the gradient vanishes at p: 0 ∈ ∇f(p) in interval arithmetic, or |∇f(p)| tiny relative to the scale of f.</summary>
    public static bool IsCritical(ScalarField f, IReadOnlyList<double> p, out double[] gradient)
    {
        var pt = p.ToArray();
        var gi = f.GradientIntervals.EvaluateAt(pt);
        gradient = gi.Select(g => g.IsEmpty ? double.NaN : g.Mid).ToArray();
        if (gi.All(g => !g.IsEmpty && g.ContainsZero)) return true;
        double scale = Math.Max(1, Math.Abs(f.Value(pt)));
        return gradient.All(g => double.IsFinite(g) && Math.Abs(g) <= 1e-8 * scale);
    }

    /// <param name="f">The function.</param>
    /// <param name="p">The critical point (approximate unless <paramref name="certified"/>).</param>
    /// <param name="enclosure">A box proven to contain the critical point, if known.</param>
    /// <param name="certified">True when <paramref name="enclosure"/> is proven to contain exactly one critical point (or p is exactly critical).</param>
    public static Classification Classify(ScalarField f, IReadOnlyList<double> p, Box? enclosure = null, bool certified = false)
    {
        int n = f.Dimension;
        var point = p.ToArray();
        if (point.Length != n) throw new NablaInputException($"the point has {point.Length} coordinates, the function {n} variables");
        double fp = f.Value(point);
        if (!double.IsFinite(fp))
            return new Classification(PointClass.Undetermined, "f is undefined at the point", false, [], "undefined");

        // Hessian over the enclosure (or at the point), and whether the formula is C² there.
        var box = enclosure ?? Box.FromPoint(point);
        var near = Box.FromPoint(point).Inflate(0, 1e-9 * Math.Max(1, point.Max(Math.Abs)));
        var hNear = f.HessianOver(near.Components);
        bool smooth = hNear.All(h => h.IsContinuous && h.IsBounded) && f.GradientOver(near.Components).All(g => g.IsContinuous);
        var hBox = f.HessianOver(box.Components);
        bool hessianDefined = hBox.All(h => !h.IsEmpty && h.IsBounded);

        double[] eig = [];
        string definiteness = "undefined";
        Matrix<double>? vectors = null;
        double margin = 0;
        if (hessianDefined)
        {
            var mid = Matrix<double>.Build.Dense(n, n, (i, j) => 0.5 * (hBox[i * n + j].Mid + hBox[j * n + i].Mid));
            double rad2 = 0;
            foreach (var h in hBox) rad2 += h.Radius * h.Radius;
            var evd = mid.Evd(Symmetricity.Symmetric);
            var order = Enumerable.Range(0, n).OrderBy(i => evd.EigenValues[i].Real).ToArray();
            eig = order.Select(i => evd.EigenValues[i].Real).ToArray();
            vectors = Matrix<double>.Build.Dense(n, n, (i, j) => evd.EigenVectors[i, order[j]]);
            double lmax = eig.Max(Math.Abs);
            margin = Math.Sqrt(rad2) + 1e-13 * n * lmax;
            double thr = Math.Max(margin, 1e-9 * Math.Max(1, lmax));
            definiteness = Definiteness(eig, thr);
            bool proof = certified && smooth;
            string eigText = "eigenvalues " + Fmt(eig);
            if (smooth && eig[0] > thr)
                return new Classification(PointClass.StrictLocalMinimum,
                    $"the Hessian is positive definite ({eigText}): strict local minimum by Theorem 5 (ii)" + Certainty(proof, certified), proof, eig, definiteness);
            if (smooth && eig[^1] < -thr)
                return new Classification(PointClass.StrictLocalMaximum,
                    $"the Hessian is negative definite ({eigText}): strict local maximum by Theorem 5 (ii)" + Certainty(proof, certified), proof, eig, definiteness);
            if (smooth && eig[0] < -thr && eig[^1] > thr)
                return new Classification(PointClass.SaddlePoint,
                    $"the Hessian is indefinite ({eigText}): saddle point by Theorem 5 (ii)" + Certainty(proof, certified), proof, eig, definiteness);
        }

        if (!smooth)
        {
            // The symbolic Hessian at such a point is that of one branch: do not report it as f's.
            eig = [];
            definiteness = "undefined";
        }

        string prefix = !smooth
            ? "f is not twice continuously differentiable at the point (the formula switches branches or is singular there), so the Hessian test does not apply; "
            : $"the Hessian is {definiteness} ({"eigenvalues " + Fmt(eig)}), so Theorem 5 is inconclusive; ";

        if (n == 1 && smooth)
        {
            var oneD = ClassifyOneVariable(f, point, fp, eig, definiteness, prefix);
            if (oneD is not null) return oneD;
        }

        // Range (clearly non-zero eigenvalues) and null directions of the Hessian.
        int[] range = [], nullDirs = Enumerable.Range(0, n).ToArray();
        int sign = 0;
        if (hessianDefined && smooth && vectors is not null)
        {
            double thr = Math.Max(margin, 1e-9 * Math.Max(1, eig.Max(Math.Abs)));
            range = Enumerable.Range(0, n).Where(i => Math.Abs(eig[i]) > thr).ToArray();
            nullDirs = Enumerable.Range(0, n).Where(i => Math.Abs(eig[i]) <= thr).ToArray();
            sign = range.Length == 0 ? 0 : Math.Sign(eig[range[0]]);
        }

        // Exact directional expansions: a proof of a saddle point when they disagree.
        if (smooth)
        {
            var directions = new List<(string Name, double[] W)>();
            for (int i = 0; i < n; i++) directions.Add(($"the {f.Variables[i]}-axis", Unit(n, i, 1)));
            for (int i = 0; i < n; i++)
                for (int j = i + 1; j < n; j++)
                {
                    var d1 = Unit(n, i, 1); d1[j] = 1;
                    var d2 = Unit(n, i, 1); d2[j] = -1;
                    directions.Add(($"the diagonal {f.Variables[j]} = {f.Variables[i]}", d1));
                    directions.Add(($"the diagonal {f.Variables[j]} = -{f.Variables[i]}", d2));
                }
            if (vectors is not null)
                foreach (int k in nullDirs)
                    directions.Add(($"the null eigenvector ({Fmt(vectors.Column(k).ToArray())})", vectors.Column(k).ToArray()));
            var saddle = DirectionalSaddleProof(f, point, directions, sign, eig, range);
            if (saddle is not null)
                return new Classification(PointClass.SaddlePoint, prefix + saddle.Value.Reason, saddle.Value.Exact, eig, definiteness);
        }

        // Two variables, Hessian zero: a definite lowest-order form is a proof.
        if (smooth && n == 2 && range.Length == 0)
        {
            var form = LeadingFormProof(f, point);
            if (form is not null)
                return new Classification(form.Value.Class, prefix + form.Value.Reason, true, eig, definiteness);
        }

        // The splitting lemma, numerically, on shrinking spheres.
        return SphereSearch(f, point, fp, vectors, range, nullDirs, sign, eig, definiteness, prefix, smooth);
    }

    private static string Certainty(bool proof, bool certified) => proof
        ? " (proof: the interval Hessian over the certified enclosure has this sign pattern)"
        : certified ? "" : " (at the computed point; the point itself is not certified)";

    /// <summary>The definiteness word for eigenvalues, treating |λ| ≤ thr as zero.</summary>
    public static string Definiteness(double[] eig, double thr)
    {
        bool pos = eig.Any(l => l > thr), neg = eig.Any(l => l < -thr), zero = eig.Any(l => Math.Abs(l) <= thr);
        if (pos && neg) return "indefinite";
        if (!zero) return pos ? "positive definite" : "negative definite";
        if (pos) return "positive semidefinite";
        if (neg) return "negative semidefinite";
        return "positive semidefinite and negative semidefinite (zero)";
    }

    // ------------------------------------------------------------------ one variable

    private static Classification? ClassifyOneVariable(ScalarField f, double[] p, double fp, double[] eig, string definiteness, string prefix)
    {
        string x = f.Variables[0];
        var derivatives = new List<Expr>();
        var d = new Differentiator(x);
        var e = f.Expression;
        for (int k = 1; k <= 12; k++)
        {
            e = d.Diff(e);
            derivatives.Add(e);
        }
        var values = new IntervalEvaluator(derivatives, f.Variables).EvaluateAt(p);
        bool exact = values[0].IsPoint && values[0].Lo == 0;
        double scale = Math.Max(1, Math.Abs(fp));
        for (int k = 2; k <= 12; k++)
        {
            var v = values[k - 1];
            if (v.IsEmpty || !v.IsBounded) return null;
            if (v.IsPoint && v.Lo == 0) continue;
            bool nonzero = !v.ContainsZero;
            if (!nonzero && Math.Abs(v.Mid) <= 1e-7 * scale * Factorial(k)) { exact = false; continue; }
            exact &= nonzero;
            string zeros = k == 2 ? "" : $"f''({x}0) = ... = f^({k - 1})({x}0) = 0, ";
            string valueText = $"f^({k})({x}0) = {Fmt(v.Mid)}";
            string proof = exact ? " (proof: the lower derivatives vanish exactly)" : " (numerical: the lower derivatives are zero to rounding)";
            string? note = null;
            PointClass cls;
            string why;
            if (k % 2 == 1)
            {
                cls = PointClass.SaddlePoint;
                why = $"{zeros}{valueText} ≠ 0: the lowest non-vanishing derivative has odd order {k}, so f − f({x}0) changes sign: a saddle (inflection) point";
                if (k > 2) note = "f'' = 0 here and this is a saddle point, as the lecture's rule \"f'(x0) = 0, f''(x0) = 0 ⇒ saddle point\" says; but that rule is not valid in general: x^4 has f'(0) = f''(0) = 0 and a strict minimum. The lowest non-vanishing derivative decides.";
            }
            else
            {
                cls = v.Mid > 0 ? PointClass.StrictLocalMinimum : PointClass.StrictLocalMaximum;
                why = $"{zeros}{valueText} {(v.Mid > 0 ? ">" : "<")} 0: the lowest non-vanishing derivative has even order {k}, so f has a {(v.Mid > 0 ? "strict local minimum" : "strict local maximum")}";
                if (k > 2) note = $"The lecture's rule \"f'(x0) = 0, f''(x0) = 0 ⇒ saddle point\" fails here: f'' = 0 but the point is a {Classification.Text(cls)} (like x^4 at 0). The lowest non-vanishing derivative decides.";
            }
            return new Classification(cls, prefix + why + proof, exact, eig, definiteness, note);
        }
        return null; // all derivatives up to order 12 vanish: fall back to sampling
    }

    private static double Factorial(int k)
    {
        double r = 1;
        for (int i = 2; i <= k; i++) r *= i;
        return r;
    }

    // ------------------------------------------------------------------ directional expansions

    private const string T = "_t";

    /// <summary>Lowest non-vanishing order of t ↦ f(p + t w) at 0, its coefficient, and whether the lower orders vanish exactly.</summary>
    internal static (int Order, double Coefficient, bool Exact)? LowestOrder(ScalarField f, double[] p, double[] w, int maxOrder)
    {
        var t = Expr.Variable(T);
        var map = new Dictionary<string, Expr>();
        for (int i = 0; i < p.Length; i++) map[f.Variables[i]] = Expr.Number(p[i]) + Expr.Number(w[i]) * t;
        var phi = f.Expression.Substitute(map);
        var d = new Differentiator(T);
        var ds = new List<Expr>();
        var e = phi;
        for (int k = 1; k <= maxOrder; k++)
        {
            e = d.Diff(e);
            ds.Add(e);
        }
        var values = new IntervalEvaluator(ds, [T]).EvaluateAt([0.0]);
        bool exact = true;
        double scale = Math.Max(1, Math.Abs(f.Value(p)));
        for (int k = 1; k <= maxOrder; k++)
        {
            var v = values[k - 1];
            if (v.IsEmpty || !v.IsBounded || v.PossiblyDiscontinuous) return null;
            if (v.IsPoint && v.Lo == 0) continue;
            if (v.ContainsZero && Math.Abs(v.Mid) <= 1e-7 * scale * Factorial(k)) { exact = false; continue; }
            if (k == 1) return null; // not a critical point along w
            return (k, v.Mid / Factorial(k), exact && !v.ContainsZero);
        }
        return null;
    }

    private static (string Reason, bool Exact)? DirectionalSaddleProof(ScalarField f, double[] p, List<(string Name, double[] W)> directions, int rangeSign, double[] eig, int[] range)
    {
        int n = p.Length;
        int maxOrder = n <= 2 ? 6 : 4;
        (string Name, int Order, double C, bool Exact)? up = null, down = null;
        foreach (var (name, w) in directions)
        {
            var r = LowestOrder(f, p, w, maxOrder);
            if (r is null) continue;
            var (k, c, exact) = r.Value;
            if (k % 2 == 1)
                return ($"along {name}, f(p + t·w) − f(p) = {Fmt(c)}·t^{k} + ... has odd lowest order {k}, so it takes both signs arbitrarily close to the point: saddle point" +
                        (exact ? " (proof: the lower-order terms vanish exactly)" : " (numerical: lower-order terms are zero to rounding)"), exact);
            if (c > 0 && (up is null || (exact && !up.Value.Exact))) up = (name, k, c, exact);
            if (c < 0 && (down is null || (exact && !down.Value.Exact))) down = (name, k, c, exact);
        }
        if (up is not null && down is not null)
        {
            bool exact = up.Value.Exact && down.Value.Exact;
            return ($"along {up.Value.Name}, f − f(p) = {Fmt(up.Value.C)}·t^{up.Value.Order} + ... > 0 but along {down.Value.Name}, f − f(p) = {Fmt(down.Value.C)}·t^{down.Value.Order} + ... < 0: saddle point" +
                    (exact ? " (proof: the lower-order terms vanish exactly)" : " (numerical)"), exact);
        }
        _ = rangeSign; _ = eig; _ = range;
        return null;
    }

    // ------------------------------------------------------------------ definite leading forms

    /// <summary>
    /// For f of two variables: with φ(t, θ) = f(p + t(cos θ, sin θ)), if ∂ʲφ/∂tʲ(0, θ) vanishes
    /// identically for j &lt; k (k even) and interval branch and bound proves
    /// Q(θ) = ∂ᵏφ/∂tᵏ(0, θ) &gt; 0 for every θ, then f(p + r u) − f(p) ≥ rᵏ min Q / k! − O(rᵏ⁺¹) &gt; 0
    /// near p: a strict local minimum (negative: maximum). x⁴ + y⁴ at the origin.
    /// </summary>
    private static (PointClass Class, string Reason)? LeadingFormProof(ScalarField f, double[] p)
    {
        const string th = "_th";
        var t = Expr.Variable(T);
        var theta = Expr.Variable(th);
        var map = new Dictionary<string, Expr>
        {
            [f.Variables[0]] = Expr.Number(p[0]) + t * Expr.Cos(theta),
            [f.Variables[1]] = Expr.Number(p[1]) + t * Expr.Sin(theta),
        };
        var phi = f.Expression.Substitute(map);
        var d = new Differentiator(T);
        var e = phi;
        var circle = new Interval[] { Interval.Zero, new Interval(0, 6.2832) };
        for (int k = 1; k <= 8; k++)
        {
            e = d.Diff(e);
            var ev = new IntervalEvaluator([e], [T, th]);
            var whole = new Interval[1];
            ev.Evaluate(circle, whole);
            if (whole[0].IsPoint && whole[0].Lo == 0 && whole[0].IsContinuous) continue; // vanishes for every direction
            if (k % 2 == 1) return null;
            var objective = new ThetaObjective(ev);
            var budget = new SearchBudget { MaxBoxes = 4000, TimeLimit = TimeSpan.FromSeconds(1) };
            var lo = GlobalOptimizer.Minimize(objective, new Box(circle[1]), budget, 1e-6);
            if (lo.Value.Lo > 0)
                return (PointClass.StrictLocalMinimum,
                    $"every directional derivative of order below {k} vanishes and the order-{k} term Q(θ) = d^{k}/dt^{k} f(p + t(cos θ, sin θ)) at t = 0 is at least {Fmt(lo.Value.Lo)} > 0 for every direction θ (interval branch and bound): f − f(p) ≥ c·r^{k} near p, a strict local minimum (proof)");
            var hi = GlobalOptimizer.Maximize(objective, new Box(circle[1]), budget, 1e-6);
            if (hi.Value.Hi < 0)
                return (PointClass.StrictLocalMaximum,
                    $"every directional derivative of order below {k} vanishes and the order-{k} term Q(θ) is at most {Fmt(hi.Value.Hi)} < 0 for every direction θ (interval branch and bound): a strict local maximum (proof)");
            return null;
        }
        return null;
    }

    private sealed class ThetaObjective(IntervalEvaluator e) : IIntervalObjective
    {
        private readonly Interval[] _x = new Interval[2];
        private readonly Interval[] _r = new Interval[1];
        public int Dimension => 1;

        public Interval Evaluate(ReadOnlySpan<Interval> x)
        {
            _x[0] = Interval.Zero;
            _x[1] = x[0];
            e.Evaluate(_x, _r);
            return _r[0];
        }

        public bool TryGradient(ReadOnlySpan<Interval> x, Span<Interval> gradient) => false;
    }

    // ------------------------------------------------------------------ shrinking spheres

    private static Classification SphereSearch(ScalarField f, double[] p, double fp, Matrix<double>? vectors, int[] range, int[] nullDirs,
        int sign, double[] eig, string definiteness, string prefix, bool smooth)
    {
        int n = p.Length;
        int d = nullDirs.Length;
        if (vectors is null || !smooth) { range = []; nullDirs = Enumerable.Range(0, n).ToArray(); d = n; sign = 0; vectors = Matrix<double>.Build.DenseIdentity(n); }
        var dirs = SphereDirections(d);
        double noise = 1e-13 * Math.Max(1, Math.Abs(fp));
        int radii = Radii.Length;
        var gmin = new double[radii];
        var gmax = new double[radii];
        var argmin = new double[radii][];
        var argmax = new double[radii][];
        for (int ri = 0; ri < radii; ri++)
        {
            double r = Radii[ri];
            gmin[ri] = double.PositiveInfinity;
            gmax[ri] = double.NegativeInfinity;
            foreach (var w in dirs)
            {
                var q = (double[])p.Clone();
                for (int a = 0; a < d; a++)
                    for (int i = 0; i < n; i++) q[i] += r * w[a] * vectors[i, nullDirs[a]];
                if (range.Length > 0) q = EliminateRange(f, q, vectors, range, sign, r);
                double g = f.Value(q) - fp;
                if (!double.IsFinite(g)) continue;
                if (g < gmin[ri]) { gmin[ri] = g; argmin[ri] = q; }
                if (g > gmax[ri]) { gmax[ri] = g; argmax[ri] = q; }
            }
        }
        // Decide on the smallest radii.
        int from = radii - 4;
        bool lower = true, higher = true, strictlyAbove = true, strictlyBelow = true, powerAbove = true, powerBelow = true;
        for (int ri = from; ri < radii; ri++)
        {
            lower &= gmin[ri] < -noise;
            higher &= gmax[ri] > noise;
            strictlyAbove &= gmin[ri] > noise;
            strictlyBelow &= gmax[ri] < -noise;
            if (ri > from)
            {
                powerAbove &= gmin[ri] > 0 && gmin[ri - 1] > 0 && gmin[ri - 1] / gmin[ri] is > 2.5 and < 5000;
                powerBelow &= gmax[ri] < 0 && gmax[ri - 1] < 0 && gmax[ri - 1] / gmax[ri] is > 2.5 and < 5000;
            }
        }
        bool saddle = sign > 0 ? lower : sign < 0 ? higher : lower && higher;
        string where = range.Length > 0
            ? $"along the Hessian's null direction{(d > 1 ? "s" : "")}, after {(sign > 0 ? "minimizing" : "maximizing")} over the other directions (splitting lemma), "
            : "";
        string radiiText = $"radius {Fmt(Radii[from])} down to {Fmt(Radii[^1])}";
        string evidence = " (numerical evidence, not a proof)";
        var minPt = argmin[^1];
        var maxPt = argmax[^1];

        if (saddle)
        {
            string example = sign > 0 && minPt is not null ? $"f({Fmt(minPt)}) − f(p) = {Fmt(gmin[^1])} < 0 while f rises along the Hessian's positive directions"
                : sign < 0 && maxPt is not null ? $"f({Fmt(maxPt)}) − f(p) = {Fmt(gmax[^1])} > 0 while f falls along the Hessian's negative directions"
                : $"f − f(p) ranges over [{Fmt(gmin[^1])}, {Fmt(gmax[^1])}]";
            return new Classification(PointClass.SaddlePoint,
                prefix + $"{where}on spheres of {radiiText} f takes values below and above f(p) ({example}): saddle point{evidence}", false, eig, definiteness);
        }
        if (sign == 0 && !lower && !higher)
            return new Classification(PointClass.LocalMinimum,
                prefix + $"f = f(p) (to rounding) on spheres of {radiiText}: f is constant near the point, a local minimum and also a local maximum, neither strict{evidence}", false, eig, definiteness);
        if (sign >= 0 && !lower)
        {
            if (strictlyAbove || powerAbove)
                return new Classification(PointClass.StrictLocalMinimum,
                    prefix + $"{where}f − f(p) > 0 on every sphere of {radiiText} (smallest value {Fmt(gmin[^1])}, shrinking like a power of the radius): strict local minimum{evidence}", false, eig, definiteness);
            return new Classification(PointClass.LocalMinimum,
                prefix + $"{where}f − f(p) ≥ 0 on spheres of {radiiText}, with f = f(p) at points arbitrarily close (e.g. {Fmt(minPt ?? p)}): a local minimum that is not strict (a continuum of minimizers){evidence}", false, eig, definiteness);
        }
        if (sign <= 0 && !higher)
        {
            if (strictlyBelow || powerBelow)
                return new Classification(PointClass.StrictLocalMaximum,
                    prefix + $"{where}f − f(p) < 0 on every sphere of {radiiText} (largest value {Fmt(gmax[^1])}, shrinking like a power of the radius): strict local maximum{evidence}", false, eig, definiteness);
            return new Classification(PointClass.LocalMaximum,
                prefix + $"{where}f − f(p) ≤ 0 on spheres of {radiiText}, with f = f(p) at points arbitrarily close (e.g. {Fmt(maxPt ?? p)}): a local maximum that is not strict{evidence}", false, eig, definiteness);
        }
        return new Classification(PointClass.Undetermined,
            prefix + $"the search on spheres of {radiiText} was inconclusive (f − f(p) in [{Fmt(gmin[^1])}, {Fmt(gmax[^1])}])", false, eig, definiteness);
    }

    /// <summary>Minimizes (sign &gt; 0) or maximizes f over p + span(range eigenvectors) near q by Newton steps (the splitting lemma's elimination).</summary>
    private static double[] EliminateRange(ScalarField f, double[] q, Matrix<double> v, int[] range, int sign, double r)
    {
        int n = q.Length, m = range.Length;
        var x = (double[])q.Clone();
        for (int iter = 0; iter < 12; iter++)
        {
            var g = f.GradientAt(x);
            var h = f.HessianAt(x);
            var gr = Vector<double>.Build.Dense(m, a => Enumerable.Range(0, n).Sum(i => v[i, range[a]] * g[i]));
            var hr = Matrix<double>.Build.Dense(m, m, (a, b) =>
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < n; j++) s += v[i, range[a]] * h[i * n + j] * v[j, range[b]];
                return s;
            });
            if (!gr.All(double.IsFinite) || !hr.Enumerate().All(double.IsFinite)) break;
            Vector<double> step;
            try { step = hr.Solve(gr); } catch (Exception) { break; }
            if (!step.All(double.IsFinite)) break;
            var next = (double[])x.Clone();
            for (int a = 0; a < m; a++)
                for (int i = 0; i < n; i++) next[i] -= step[a] * v[i, range[a]];
            // Stay near the sphere's point; accept only steps that improve f in the right direction.
            double moved = 0;
            for (int i = 0; i < n; i++) moved = Math.Max(moved, Math.Abs(next[i] - q[i]));
            if (moved > 4 * r) break;
            double fx = f.Value(x), fn = f.Value(next);
            if (!double.IsFinite(fn) || (sign > 0 ? fn > fx : fn < fx)) break;
            x = next;
            if (step.AbsoluteMaximum() < 1e-15 * (1 + r)) break;
        }
        return x;
    }

    private static List<double[]> SphereDirections(int d)
    {
        var dirs = new List<double[]>();
        if (d == 1) { dirs.Add([1.0]); dirs.Add([-1.0]); return dirs; }
        if (d == 2)
        {
            for (int k = 0; k < 72; k++)
            {
                double a = 2 * Math.PI * k / 72;
                dirs.Add([Math.Cos(a), Math.Sin(a)]);
            }
            return dirs;
        }
        if (d == 3)
        {
            // Fibonacci sphere plus the axes.
            int m = 160;
            double golden = Math.PI * (3 - Math.Sqrt(5));
            for (int k = 0; k < m; k++)
            {
                double y = 1 - 2 * (k + 0.5) / m, rr = Math.Sqrt(1 - y * y), th = golden * k;
                dirs.Add([Math.Cos(th) * rr, y, Math.Sin(th) * rr]);
            }
        }
        else
        {
            var rng = new Random(12345);
            for (int k = 0; k < 256; k++)
            {
                var w = new double[d];
                double norm = 0;
                for (int i = 0; i < d; i++)
                {
                    double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
                    w[i] = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                    norm += w[i] * w[i];
                }
                norm = Math.Sqrt(norm);
                for (int i = 0; i < d; i++) w[i] /= norm;
                dirs.Add(w);
            }
        }
        for (int i = 0; i < d; i++)
        {
            dirs.Add(Unit(d, i, 1));
            dirs.Add(Unit(d, i, -1));
        }
        return dirs;
    }

    private static double[] Unit(int n, int i, double value)
    {
        var v = new double[n];
        v[i] = value;
        return v;
    }

    internal static string Fmt(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
    internal static string Fmt(IEnumerable<double> v) => "(" + string.Join(", ", v.Select(Fmt)) + ")";
}
