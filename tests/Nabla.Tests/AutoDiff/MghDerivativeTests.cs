using Nabla.AutoDiff;
using Nabla.Optimization.Problems;

namespace Nabla.Tests.AutoDiff;

/// <summary>The Moré-Garbow-Hillstrom problems: every AD mode agrees with the others and with Richardson differences.</summary>
public class MghDerivativeTests
{
    public static TheoryData<string> Problems()
    {
        var data = new TheoryData<string>();
        foreach (var p in MghProblems.All) data.Add(p.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void AllModesAgree(string name)
    {
        var problem = MghProblems.All.Single(p => p.Name == name);
        problem.Accept(new Check());
    }

    sealed class Check : IProblemVisitor<bool>
    {
        public bool Visit<TF>(TestProblem problem, TF f) where TF : struct, ILeastSquaresFunction
        {
            int n = problem.Dimension, m = problem.ResidualCount;
            var rng = new Random(problem.Number);
            foreach (var shift in new[] { 0.0, 0.1 })
            {
                var x = problem.StartingPoint;
                for (int i = 0; i < n; i++) x[i] += shift * (rng.NextDouble() - 0.5) * Math.Max(1, Math.Abs(x[i]));
                var gf = new double[n];
                var gr = new double[n];
                var ga = new double[n];
                double fv = Differentiate.Value(f, x);
                Numeric.Close(fv, Differentiate.GradientForward(f, x, gf), 1e-14, $"{problem} value");
                Differentiate.GradientReverse(f, x, gr);
                Differentiate.Gradient(f, x, ga);
                double gscale = Math.Max(1, gr.Max(Math.Abs));
                for (int i = 0; i < n; i++)
                {
                    Numeric.Close(gr[i] / gscale, gf[i] / gscale, 1e-12, $"{problem} forward vs reverse g[{i}]");
                    Numeric.Close(gr[i] / gscale, ga[i] / gscale, 1e-12, $"{problem} default g[{i}]");
                    Numeric.Close(gr[i] / gscale, Numeric.Partial(f, x, i) / gscale, 1e-5, $"{problem} finite differences g[{i}]");
                }
                // Hessian: chunked forward-over-reverse vs HVPs vs differences of the reverse gradient
                var h = new double[n * n];
                Differentiate.Hessian(f, x, default, h);
                double hscale = Math.Max(1, h.Max(Math.Abs));
                var v = new double[n];
                for (int i = 0; i < n; i++) v[i] = rng.NextDouble() - 0.5;
                var hv = new double[n];
                var g2 = new double[n];
                Differentiate.HessianVectorProduct(f, x, v, hv, g2);
                for (int i = 0; i < n; i++)
                {
                    double s = 0;
                    for (int j = 0; j < n; j++) s += h[i * n + j] * v[j];
                    Numeric.Close(s / hscale, hv[i] / hscale, 1e-11, $"{problem} H·v[{i}]");
                    Numeric.Close(gr[i] / gscale, g2[i] / gscale, 1e-12, $"{problem} HVP gradient[{i}]");
                }
                for (int j = 0; j < n; j++)
                {
                    var col = new GradientComponent<TF>(f, j);
                    for (int i = 0; i < n; i++)
                        Numeric.Close(h[i * n + j] / hscale, Numeric.Partial(col, x, i) / hscale, 1e-5, $"{problem} finite differences H[{i},{j}]");
                }
                // The symbolic engine: trace the C# code into an expression, differentiate it symbolically.
                var trace = Differentiate.Trace(f, x);
                Assert.True(trace.Holds(x), $"{problem}: the traced path must hold where it was traced");
                var sym = trace.Expression.CompileHessian(trace.Variables);
                var gs = new double[n];
                var hs = new double[n * n];
                Numeric.Close(fv, sym.Evaluate(x, gs, hs), 1e-12, $"{problem} symbolic value");
                for (int i = 0; i < n; i++) Numeric.Close(gs[i] / gscale, gr[i] / gscale, 1e-11, $"{problem} symbolic g[{i}]");
                for (int i = 0; i < n * n; i++) Numeric.Close(hs[i] / hscale, h[i] / hscale, 1e-10, $"{problem} symbolic H[{i / n},{i % n}]");
                // Jacobian of the residuals, both modes; J^T r = g / 2
                var y = new double[m];
                var jf = new double[m * n];
                var jr = new double[m * n];
                Differentiate.JacobianForward(f, x, y, jf);
                Differentiate.JacobianReverse(f, x, y, jr);
                double jscale = Math.Max(1, jf.Max(Math.Abs));
                for (int k = 0; k < m * n; k++) Numeric.Close(jf[k] / jscale, jr[k] / jscale, 1e-12, $"{problem} J");
                for (int i = 0; i < n; i++)
                {
                    double s = 0;
                    for (int r = 0; r < m; r++) s += 2 * jf[r * n + i] * y[r];
                    Numeric.Close(gr[i] / gscale, s / gscale, 1e-10, $"{problem} 2 J^T r");
                }
            }
            return true;
        }
    }

    /// <summary>∂f/∂x_j by reverse mode, as a function (for differences of the gradient).</summary>
    readonly struct GradientComponent<TF>(TF f, int j) : IScalarFunction where TF : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T>
        {
            var p = new double[x.Length];
            for (int i = 0; i < p.Length; i++) p[i] = x[i].Value;
            var g = new double[p.Length];
            Differentiate.GradientReverse(f, p, g);
            return T.Constant(g[j]);
        }
    }
}
