using CsCheck;
using Nabla.AutoDiff;
using Nabla.Symbolic;
using Nabla.Tests.Symbolic;

namespace Nabla.Tests.AutoDiff;

/// <summary>Every AD mode against the symbolic engine: its function table and random expressions.</summary>
public class SymbolicAgreementTests
{
    static readonly string[] XY = ["x", "y"];
    static readonly string[] XYZ = ["x", "y", "z"];

    readonly struct Apply(Function fn) : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => fn.Apply(x[0], fn.Arity == 2 ? x[1] : T.Zero);
    }

    static bool NearKink(Function fn, double x, double y) => fn.Name switch
    {
        "abs" or "sign" or "relu" => Math.Abs(x) < 1e-3,
        "min" or "max" => Math.Abs(x - y) < 1e-3,
        "atan2" => Math.Abs(x) < 1e-3 && y < 0,
        _ => false,
    };

    static void Close(double expected, double actual, string what)
    {
        double tol = 1e-10 * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tol || expected.Equals(actual), $"{what}: symbolic {expected:R}, AD {actual:R}");
    }

    [Fact]
    public void EveryFunctionOfTheSymbolicTableAgreesInEveryMode()
    {
        // One primitive, one place: iterating over the table means a new function is checked in every mode.
        Assert.Equal(Functions.All.Count, Functions.All.Select(f => f.Name).Distinct().Count());
        foreach (var fn in Functions.All)
        {
            Expr x = Expr.Variable("x"), y = Expr.Variable("y");
            var e = fn.Arity == 2 ? Expr.Call(fn, x, y) : Expr.Call(fn, x);
            var dx = e.Diff("x");
            var dy = e.Diff("y");
            var dxx = dx.Diff("x");
            var dxy = dx.Diff("y");
            var d5 = e.Diff("x", 5);
            var f = new Apply(fn);
            int accepted = 0;
            Gen.Double[-2.5, 2.5].Where(v => Math.Abs(v) >= 1e-3).Array[2].Sample(p =>
            {
                if (NearKink(fn, p[0], p[1])) return;
                double v = e.Evaluate(p, XY);
                double ex = dx.Evaluate(p, XY), ey = dy.Evaluate(p, XY), exx = dxx.Evaluate(p, XY), exy = dxy.Evaluate(p, XY), e5 = d5.Evaluate(p, XY);
                if (!double.IsFinite(v) || !double.IsFinite(ex) || !double.IsFinite(ey) || !double.IsFinite(exx) || !double.IsFinite(exy) || !double.IsFinite(e5)) return;
                accepted++;
                string at = $"{fn.Name} at ({p[0]:R}, {p[1]:R})";
                var g = new double[2];
                Differentiate.GradientForward(f, p, g);
                Close(ex, g[0], $"{at} forward d/dx"); Close(ey, g[1], $"{at} forward d/dy");
                Differentiate.Gradient(f, p, g);
                Close(ex, g[0], $"{at} Dual4 d/dx"); Close(ey, g[1], $"{at} Dual4 d/dy");
                Close(v, Differentiate.GradientReverse(f, p, g), $"{at} value");
                Close(ex, g[0], $"{at} reverse d/dx"); Close(ey, g[1], $"{at} reverse d/dy");
                var h = new double[4];
                Differentiate.Hessian(f, p, g, h);
                Close(exx, h[0], $"{at} hessian xx"); Close(exy, h[1], $"{at} hessian xy");
                var hv = new double[2];
                Differentiate.HessianVectorProduct(f, p, [1.0, 0.0], hv);
                Close(exx, hv[0], $"{at} hvp xx");
                Close(exy, Differentiate.Partial(f, p, [1, 1]), $"{at} partial xy");
                var d = new double[6];
                Differentiate.DirectionalDerivatives(f, p, [1.0, 0.0], d);
                Close(ex, d[1], $"{at} taylor 1"); Close(exx, d[2], $"{at} taylor 2");
                Assert.True(Math.Abs(e5 - d[5]) <= 1e-9 * Math.Max(1, Math.Abs(e5)), $"{at} taylor 5: symbolic {e5:R}, AD {d[5]:R}");
            }, iter: 200);
            Assert.True(accepted > 30, $"{fn.Name}: only {accepted} points were defined");
        }
    }

    // Generic points: away from the generator's constants (multiples of 1/6), where min, max, abs
    // and if() have their kinks and ties; a derivative is only defined off them.
    static Gen<double[]> Point => Gen.Double[-2, 2].Where(v => Math.Abs(v) >= 0.25 && Math.Abs(v * 6 - Math.Round(v * 6)) >= 6e-3).Array[3];

    [Fact]
    public void RandomExpressionsAgreeWithSymbolicDerivatives()
    {
        int accepted = 0;
        // Deterministic: CsCheck's seed argument fixes only the first case, and about one run in
        // twenty drew a point where the double evaluation of the symbolic reference itself was too
        // inaccurate (near a singularity); the suite must not depend on the draw.
        var cases = ExprGenerators.Expression(6).Select(Point, (e, p) => (e, p));
        var pcg = new PCG(7, 20261126);
        for (int n = 0; n < 400; n++)
        {
            var (e, p) = cases.Generate(pcg, null, out _);
            var f = Differentiate.Of(e, XYZ);
            double v = e.Evaluate(p, XYZ);
            var grad = e.Gradient(XYZ).Select(d => d.Evaluate(p, XYZ)).ToArray();
            var hess = e.Hessian(XYZ);
            var hx = new double[9];
            for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) hx[i * 3 + j] = hess[i][j].Evaluate(p, XYZ);
            double mixed = e.Diff("x", "x", "y").Evaluate(p, XYZ);
            double fifth = e.Diff("x", 5).Evaluate(p, XYZ);
            if (!double.IsFinite(v) || grad.Any(d => !double.IsFinite(d) || Math.Abs(d) > 1e8) || hx.Any(d => !double.IsFinite(d) || Math.Abs(d) > 1e8)
                || !double.IsFinite(mixed) || !double.IsFinite(fifth) || Math.Abs(fifth) > 1e8) continue;
            accepted++;
            string at = $"{e} at ({string.Join(", ", p)})";
            var g = new double[3];
            Differentiate.GradientForward(f, p, g);
            for (int i = 0; i < 3; i++) Close(grad[i], g[i], $"{at} forward g{i}");
            Differentiate.GradientReverse(f, p, g);
            for (int i = 0; i < 3; i++) Close(grad[i], g[i], $"{at} reverse g{i}");
            var h = new double[9];
            Differentiate.Hessian(f, p, g, h);
            for (int i = 0; i < 9; i++) Close(hx[i], h[i], $"{at} hessian {i}");
            var hv = new double[3];
            Differentiate.HessianVectorProduct(f, p, [0.5, -1, 2], hv);
            for (int i = 0; i < 3; i++) Close(0.5 * hx[i * 3] - hx[i * 3 + 1] + 2 * hx[i * 3 + 2], hv[i], $"{at} hvp {i}");
            // The interpolation combines third directional derivatives along (i, j, 0), i + j = 3: the
            // error is relative to their size, not to the (possibly cancelling) result.
            double scale = Math.Abs(mixed);
            var c = new double[4];
            foreach (var dir in new double[][] { [3, 0, 0], [2, 1, 0], [1, 2, 0], [0, 3, 0] })
            {
                Differentiate.TaylorCoefficients(f, p, dir, c);
                scale = Math.Max(scale, Math.Abs(c[3]));
            }
            double partial = Differentiate.Partial(f, p, [2, 1, 0]);
            Assert.True(Math.Abs(mixed - partial) <= 1e-10 * Math.Max(1, scale), $"{at} mixed xxy: symbolic {mixed:R}, AD {partial:R}, scale {scale:R}");
            var d = new double[6];
            Differentiate.DirectionalDerivatives(f, p, [1.0, 0, 0], d);
            // Order 5: the symbolic fifth derivative, evaluated in double, is itself only this accurate
            // (atan(1/x) at x = 0.0149: exact -23.91988728, Taylor -23.91988746, symbolic -23.91989326).
            Assert.True(Math.Abs(fifth - d[5]) <= 1e-8 * Math.Max(1, Math.Abs(fifth)), $"{at} taylor 5: symbolic {fifth:R}, AD {d[5]:R}");
        }
        Assert.True(accepted > 100, $"only {accepted} expressions were defined at their point");
    }
}
