using CsCheck;
using Nabla.Symbolic;

namespace Nabla.Tests.Symbolic;

/// <summary>
/// Properties over random expression DAGs: symbolic derivatives agree with Richardson-extrapolated
/// central differences; text round-trips; compiled code equals Evaluate; the generic evaluation
/// equals the double one. Each derivative order k is checked against finite differences of the
/// symbolic derivative of order k-1 (itself checked), which keeps the numerical reference accurate.
/// A point is skipped when the expression is undefined there or the finite-difference estimates do
/// not converge (a kink or a singularity within the step): that is the principled rejection.
/// </summary>
public class PropertyTests
{
    private static readonly string[] V = ExprGenerators.DefaultVariables;
    private const long Iter = 10_000;

    /// <summary>∂g/∂v at p by central differences with Richardson extrapolation, or null if it does not converge.</summary>
    internal static double? FiniteDifference(Func<double[], double> g, double[] p, int v)
    {
        // The step is proportional to the coordinate (capped at 1e-2): features at the scale of |x|
        // (a pole at 0 seen from x = 1e-40) are then resolved, not stepped over.
        double h0 = 1e-2 * (p[v] == 0 ? 1 : Math.Min(1, Math.Abs(p[v])));   // |p[v]| >= 1e-3 or 0 (see GenericPoint)
        double Central(double h)
        {
            var q = (double[])p.Clone();
            q[v] = p[v] + h; double a = g(q);
            q[v] = p[v] - h; double b = g(q);
            return (a - b) / (2 * h);
        }
        double g0 = g(p);
        double Curvature(double h)
        {
            var q = (double[])p.Clone();
            q[v] = p[v] + h; double a = g(q);
            q[v] = p[v] - h; double b = g(q);
            return (a - 2 * g0 + b) / (h * h);
        }
        // A singularity within the stencil shows as a second difference that does not settle.
        double c3 = Curvature(h0 / 4), c4 = Curvature(h0 / 8);
        if (!double.IsFinite(c3) || !double.IsFinite(c4) || Math.Abs(c3 - c4) > 1e-2 * Math.Max(Math.Abs(c4), Math.Abs(g0))) return null;
        double d1 = Central(h0), d2 = Central(h0 / 2), d3 = Central(h0 / 4), d4 = Central(h0 / 8);
        if (!double.IsFinite(d1) || !double.IsFinite(d2) || !double.IsFinite(d3) || !double.IsFinite(d4)) return null;
        double r1 = (4 * d2 - d1) / 3, r2 = (4 * d3 - d2) / 3, r3 = (4 * d4 - d3) / 3;
        double s1 = (16 * r2 - r1) / 15, s2 = (16 * r3 - r2) / 15;
        // Converged relative to the size of the estimates themselves (not to 1): near a singularity
        // the estimates change by large factors as h halves, and that rejects the point.
        double scale = Math.Max(Math.Abs(s2), Math.Abs(d1));
        if (Math.Abs(s1 - s2) > 1e-8 * scale || Math.Abs(r3 - s2) > 1e-4 * scale || Math.Abs(d4 - s2) > 1e-1 * scale) return null;
        if (Math.Abs(s2) > 1e8) return null;                                                      // ill-conditioned
        // Rounding in g alone limits the accuracy to about eps*|g|/h: reject where that exceeds the tolerance.
        if (1e-16 * Math.Abs(g0) / (h0 / 8) > 1e-8 * Math.Max(1, Math.Abs(s2))) return null;
        return s2;
    }

    private static void CheckDerivative(Expr f, string[] by, double[] point, ref int accepted)
    {
        var lower = by.Length == 1 ? f : f.Diff(by[..^1]);
        var sym = lower.Diff(by[^1]);
        double s = sym.Evaluate(point, V);
        if (!double.IsFinite(s) || !double.IsFinite(lower.Evaluate(point, V))) return;
        if (!WellConditioned(sym, point, s)) return;
        int v = Array.IndexOf(V, by[^1]);
        if (NearKink(lower, point, v) || NearKink(sym, point, v)) return;
        var fd = FiniteDifference(q => lower.Evaluate(q, V), point, v);
        if (fd is null) return;
        double err = Math.Abs(s - fd.Value) / Math.Max(1, Math.Abs(fd.Value));
        Assert.True(err <= 1e-6, $"d/d{string.Join(",", by)} of {f}\n at ({string.Join(", ", point)}): symbolic {s}, finite differences {fd}, relative error {err:E2}\n derivative: {sym}");
        Interlocked.Increment(ref accepted);
    }

    /// <summary>
    /// True when the stencil of <see cref="FiniteDifference"/> along coordinate v touches or crosses
    /// a kink of e: the argument of abs/sign/relu, a − b of min/max, or a − b of a comparison in an
    /// if() condition is zero or changes sign among the stencil points. By the documented convention
    /// the derivatives of these functions hold away from their kinks (sign(0) = 0 is a choice, not a
    /// limit), so finite differences across a kink are not a reference for them.
    /// </summary>
    internal static bool NearKink(Expr e, double[] p, int v)
    {
        List<Expr>? kinks = null;
        foreach (var n in Traversal.PostOrder(e))
        {
            Expr? k = n.Kind switch
            {
                ExprKind.Call when n.Function.Name is "abs" or "sign" or "relu" => n.Arguments[0],
                ExprKind.Call when n.Function.Name is "min" or "max" => n.Arguments[0] - n.Arguments[1],
                ExprKind.Compare => n.Arguments[0] - n.Arguments[1],
                _ => null,
            };
            if (k is not null) (kinks ??= []).Add(k);
        }
        if (kinks is null) return false;
        double h0 = 1e-2 * (p[v] == 0 ? 1 : Math.Min(1, Math.Abs(p[v])));
        var q = (double[])p.Clone();
        foreach (var k in kinks)
        {
            int signs = 0;
            foreach (double t in (ReadOnlySpan<double>)[0, 1, -1, 0.5, -0.5, 0.25, -0.25, 0.125, -0.125])
            {
                q[v] = p[v] + t * h0;
                double u = k.Evaluate(q, V);
                if (!(u != 0)) return true;                                 // at the kink, or undefined
                signs |= u > 0 ? 1 : 2;
                if (signs == 3) return true;                                // crosses it within the step
            }
        }
        return false;
    }

    /// <summary>
    /// True when the value barely moves under a relative perturbation of 1e-9 of the point: a
    /// value dominated by rounding (catastrophic cancellation, e.g. 2/x^2 - 2/x^2 with x = 1e-70)
    /// moves at random, and such a point tests the arithmetic, not the derivative.
    /// </summary>
    internal static bool WellConditioned(Expr e, double[] p, double value)
    {
        var q = p.Select((v, i) => v * (1 + (i + 1) * 1e-9)).ToArray();
        double w = e.Evaluate(q, V);
        return double.IsFinite(w) && Math.Abs(w - value) <= 1e-5 * Math.Max(1, Math.Abs(value));
    }

    /// <summary>
    /// Test points: coordinates uniform in [-2, 2] but not tinier than 1e-3 in magnitude, or exactly
    /// -1, 0, 1/2 or 1 (edge cases). Finite differences cannot resolve a feature at the scale of
    /// 1e-60 next to terms of size 1, so such coordinates would test the reference, not Nabla.
    /// </summary>
    public static Gen<double[]> GenericPoint(int n) =>
        Gen.Frequency((6, Gen.Double[-2, 2].Where(v => Math.Abs(v) >= 1e-3)), (1, Gen.Int[0, 3].Select(i => new[] { -1.0, 0.0, 0.5, 1.0 }[i]))).Array[n];

    private static Gen<(Expr, double[])> Case(int depth) => ExprGenerators.Expression(depth).Select(GenericPoint(3), (e, p) => (e, p));

    [Fact]
    public void FirstDerivativesMatchFiniteDifferences()
    {
        int accepted = 0;
        Case(8).Sample(t => { var (f, p) = t; CheckDerivative(f, [V[(int)(f.Id % 3)]], p, ref accepted); }, iter: Iter);
        Assert.True(accepted > Iter / 5, $"only {accepted} cases were defined and converged");
    }

    [Fact]
    public void SecondAndMixedDerivativesMatchFiniteDifferences()
    {
        int accepted = 0;
        Case(6).Sample(t =>
        {
            var (f, p) = t;
            CheckDerivative(f, ["x", "x"], p, ref accepted);
            CheckDerivative(f, ["x", "y"], p, ref accepted);
        }, iter: Iter);
        Assert.True(accepted > Iter / 5, $"only {accepted} cases were defined and converged");
    }

    [Fact]
    public void ThirdDerivativesMatchFiniteDifferences()
    {
        int accepted = 0;
        Case(5).Sample(t => { var (f, p) = t; CheckDerivative(f, ["x", "y", "x"], p, ref accepted); }, iter: Iter);
        Assert.True(accepted > Iter / 10, $"only {accepted} cases were defined and converged");
    }

    internal static string Dump(Expr e) => e.Arguments.Count == 0
        ? $"{e.Kind}:{e}#{e.Id}" : $"{e.Kind}#{e.Id}[{string.Join(", ", e.Arguments.Select(Dump))}]";

    [Fact]
    public void TextRoundTripsToTheSameExpression()
    {
        ExprGenerators.Expression(8).Sample(e =>
        {
            var text = e.ToString();
            var back = Expr.Parse(text);
            Assert.True(ReferenceEquals(e, back), $"{text}\n reparsed as\n{back}\n{Dump(e)}\n{Dump(back)}");
            Assert.NotEmpty(e.ToLatex());
        }, iter: Iter);
    }

    [Fact]
    public void CompiledEqualsEvaluate()
    {
        Case(8).Sample(t =>
        {
            var (f, p) = t;
            var c = f.Compile(V);
            double a = f.Evaluate(p, V), b = c.Evaluate(p), g = f.Evaluate<Real>(Real.View(p), V).Value;
            Assert.True(a.Equals(b) || Math.Abs(a - b) <= 1e-12 * Math.Max(1, Math.Abs(a)), $"{f} at ({string.Join(", ", p)}): Evaluate {a}, compiled {b}");
            // Real's semantics differ from Ops at undefined points (0^-1 = inf) and Math.Pow(x, 3) rounds
            // differently from x*x*x: compare where both are defined and the value is well conditioned.
            if (double.IsFinite(a) && double.IsFinite(g) && !f.ToString().Contains("if(") && WellConditioned(f, p, a))
                Assert.True(Math.Abs(a - g) <= 1e-9 * Math.Max(1, Math.Abs(a)), $"{f}: Evaluate {a}, Evaluate<Real> {g}");
        }, iter: Iter);
    }

    [Fact]
    public void CompiledHessianEqualsEvaluate()
    {
        Case(5).Sample(t =>
        {
            var (f, p) = t;
            var h = f.CompileHessian(V);
            var grad = new double[3];
            var hess = new double[9];
            double v = h.Evaluate(p, grad, hess);
            Assert.Equal(f.Evaluate(p, V), v);
            for (int i = 0; i < 3; i++)
            {
                double gi = h.Gradient[i].Evaluate(p, V);
                Assert.True(gi.Equals(grad[i]) || Math.Abs(gi - grad[i]) <= 1e-12 * Math.Max(1, Math.Abs(gi)));
                for (int j = 0; j < 3; j++)
                {
                    double hij = h.Hessian[i][j].Evaluate(p, V);
                    Assert.True(hij.Equals(hess[i * 3 + j]) || Math.Abs(hij - hess[i * 3 + j]) <= 1e-12 * Math.Max(1, Math.Abs(hij)));
                }
            }
        }, iter: 2_000);
    }
}
