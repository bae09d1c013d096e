using CsCheck;
using Nabla.AutoDiff;

namespace Nabla.Tests.AutoDiff;

public class TaylorTests
{

    [Fact]
    public void EveryElementaryFunctionAgreesInEveryMode()
    {
        // One test iterates over the whole list, so a new function cannot leave one mode untested.
        for (int op = 0; op < UnaryOp.Names.Length; op++)
        {
            var f = new UnaryOp(op);
            var (lo, hi) = UnaryOp.Domain(op);
            string name = UnaryOp.Names[op];
            Gen.Double[lo, hi].Sample(x =>
            {
                if (f.NearKink(x)) return;
                double expected = f.Derivative(x);
                double value = f.Evaluate(new Real(x)).V;
                // forward (dual), forward (Dual4/Dual8 through a 1-variable function), reverse, HVP path, Taylor
                Numeric.Close(expected, Differentiate.Derivative(f, x), 1e-12, $"{name} dual at {x}");
                var g = new double[1];
                Numeric.Close(value, Differentiate.Gradient(new AsScalar(f), [x], g), 1e-14, $"{name} value");
                Numeric.Close(expected, g[0], 1e-12, $"{name} Dual4 at {x}");
                Differentiate.GradientForward(new AsScalar(f), [x], g);
                Numeric.Close(expected, g[0], 1e-12, $"{name} Dual8 at {x}");
                Differentiate.GradientReverse(new AsScalar(f), [x], g);
                Numeric.Close(expected, g[0], 1e-12, $"{name} reverse at {x}");
                var d = new double[6];
                Differentiate.Derivatives(f, x, d);
                Numeric.Close(value, d[0], 1e-14, $"{name} taylor value");
                Numeric.Close(expected, d[1], 1e-12, $"{name} taylor at {x}");
                // second and third derivatives: Taylor vs nested duals vs forward-over-reverse
                var d2 = NestedSecond(f, x);
                Numeric.Close(d2, d[2], 1e-10, $"{name} taylor2 vs dual(dual) at {x}");
                var h = new double[1];
                Differentiate.Hessian(new AsScalar(f), [x], default, h);
                Numeric.Close(d2, h[0], 1e-10, $"{name} hessian at {x}");
                Differentiate.HessianVectorProduct(new AsScalar(f), [x], [1.0], h);
                Numeric.Close(d2, h[0], 1e-10, $"{name} hvp at {x}");
                var d3 = f.Evaluate(new Dual<Dual<Dual<Real>>>(new(new(x, 1), new(1, 0)), new(new(1, 0), new(0, 0)))).D.D.D.V;
                Numeric.Close(d3, d[3], 1e-9, $"{name} taylor3 at {x}");
                // higher orders: Taylor vs finite differences of the order-(k-1) Taylor derivative is too loose;
                // use the identity between expansions at x and at x + h instead.
                var e = new double[6];
                double hh = 1e-3;
                Differentiate.Derivatives(f, x + hh, e);
                double approx = d[4] + d[5] * hh;
                if (!f.NearKink(x + hh)) Numeric.Close(approx, e[4], 1e-4 * Math.Max(1, Math.Abs(d[5])) + 1e-4, $"{name} taylor4/5 at {x}");
            }, iter: 150);
        }
    }

    static double NestedSecond(UnaryOp f, double x) => f.Evaluate(new Dual<Dual<Real>>(new(x, 1), new(1, 0))).D.D.V;

    [Fact]
    public void TaylorMatchesClosedFormsToHighOrder()
    {
        Gen.Double[-0.8, 0.8].Sample(x =>
        {
            var d = new double[13];
            Differentiate.Derivatives(new ExpTwo(), x, d);
            for (int k = 0; k <= 12; k++) Numeric.Close(Math.Pow(2, k) * Math.Exp(2 * x), d[k], 1e-12, $"exp(2x) order {k}");
            Differentiate.Derivatives(new Geometric(), x, d);
            double fact = 1;
            for (int k = 0; k <= 12; k++)
            {
                if (k > 0) fact *= k;
                Numeric.Close(fact / Math.Pow(1 - x, k + 1), d[k], 1e-11 * Math.Abs(fact / Math.Pow(1 - x, k + 1)), $"1/(1-x) order {k}");
            }
            Differentiate.Derivatives(new SinOnly(), x, d);
            for (int k = 0; k <= 12; k++) Numeric.Close(Math.Sin(x + k * Math.PI / 2), d[k], 1e-12, $"sin order {k}");
        }, iter: 500);
    }

    [Fact]
    public void MixedPartialsByInterpolationMatchHandDerived()
    {
        // f = exp(x) sin(2y) + x³ y² + z x y
        Gen.Double[-1, 1].Array[3].Sample(p =>
        {
            double x = p[0], y = p[1], z = p[2];
            var f = new Mixed();
            Numeric.Close(Math.Exp(x) * 2 * Math.Cos(2 * y) + 6 * x * x * y + z, Differentiate.Partial(f, p, [1, 1, 0]), 1e-11, "xy");
            Numeric.Close(Math.Exp(x) * 2 * Math.Cos(2 * y) + 12 * x * y, Differentiate.Partial(f, p, [2, 1, 0]), 1e-10, "xxy");
            Numeric.Close(-Math.Exp(x) * 4 * Math.Sin(2 * y) + 12 * x, Differentiate.Partial(f, p, [2, 2, 0]), 1e-10, "xxyy");
            Numeric.Close(1, Differentiate.Partial(f, p, [1, 1, 1]), 1e-10, "xyz");
            Numeric.Close(Math.Exp(x) * -8 * Math.Cos(2 * y), Differentiate.Partial(f, p, [2, 3, 0]), 1e-9, "xxyyy");
            Numeric.Close(Math.Exp(x) * Math.Sin(2 * y), Differentiate.Partial(f, p, [4, 0, 0]), 1e-10, "x4");
            Numeric.Close(x * y, Differentiate.Partial(f, p, [0, 0, 1]), 1e-12, "z");
        }, iter: 100);
    }

    [Fact]
    public void NestedDerivativesDoNotConfusePerturbations()
    {
        // d/dx [x · d/dy (x + y)] = 1 at any point (a confused implementation gives 2).
        Gen.Double[-5, 5].Sample(x => Assert.Equal(1.0, Differentiate.Derivative(new Confusion(), x)), iter: 100);
        // second order too: d²/dx² [x² · d/dy (x·y)] = d²/dx² x³ = 6x
        Gen.Double[-5, 5].Sample(x => Numeric.Close(6 * x, Differentiate.Derivative(new Confusion2(), x, 2), 1e-12), iter: 100);
    }

    readonly struct Confusion : IUnivariateFunction
    {
        public T Evaluate<T>(T x) where T : IScalar<T> => x * Differentiate.Derivative<T>(y => Dual<T>.Lift(x) + y, T.Constant(0.7));
    }

    readonly struct Confusion2 : IUnivariateFunction
    {
        public T Evaluate<T>(T x) where T : IScalar<T> => x * x * Differentiate.Derivative<T>(y => Dual<T>.Lift(x) * y, T.Constant(-1.3));
    }

    readonly struct ExpTwo : IUnivariateFunction { public T Evaluate<T>(T x) where T : IScalar<T> => T.Exp(x + x); }
    readonly struct Geometric : IUnivariateFunction { public T Evaluate<T>(T x) where T : IScalar<T> => T.One / (T.One - x); }
    readonly struct SinOnly : IUnivariateFunction { public T Evaluate<T>(T x) where T : IScalar<T> => T.Sin(x); }

    readonly struct Mixed : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> p) where T : IScalar<T>
            => T.Exp(p[0]) * T.Sin(p[1] + p[1]) + T.Pow(p[0], 3) * T.Square(p[1]) + p[2] * p[0] * p[1];
    }
}

/// <summary>A univariate function seen as a function of a 1-vector.</summary>
internal readonly struct AsScalar(UnaryOp f) : IScalarFunction
{
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => f.Evaluate(x[0]);
}
