using Nabla.Optimization;
using Nabla.Symbolic;

namespace Nabla.Tests.Optimization;

public class ObjectiveTests
{
    private readonly struct Rosen : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> =>
            T.Constant(100) * T.Square(x[1] - x[0] * x[0]) + T.Square(T.One - x[0]);
    }

    [Fact]
    public void DerivedDerivativesAgreeWithHandWritten()
    {
        var hand = TestObjectives.Rosenbrock();
        var ad = Objectives.FromFunction(new Rosen(), 2);
        var sym = Objectives.FromExpression(Expr.Parse("100*(y-x^2)^2 + (1-x)^2"));
        double[] x = [0.3, -0.7];
        var g0 = new double[2]; var g1 = new double[2]; var g2 = new double[2];
        var h0 = new double[4]; var h1 = new double[4]; var h2 = new double[4];
        Assert.Equal(hand.ValueAndGradient(x, g0), ad.ValueAndGradient(x, g1), 1e-12);
        Assert.Equal(hand.ValueAndGradient(x, g0), sym.ValueAndGradient(x, g2), 1e-12);
        hand.Hessian(x, h0); ad.Hessian(x, h1); sym.Hessian(x, h2);
        for (int i = 0; i < 2; i++) { Assert.Equal(g0[i], g1[i], 1e-10); Assert.Equal(g0[i], g2[i], 1e-10); }
        for (int i = 0; i < 4; i++) { Assert.Equal(h0[i], h1[i], 1e-9); Assert.Equal(h0[i], h2[i], 1e-9); }
        var hv = new double[2];
        sym.HessianVector(x, [1.0, 2.0], hv); // derived from the Hessian
        Assert.Equal(h0[0] + 2 * h0[1], hv[0], 1e-9);
    }

    [Fact]
    public void CountersCountEveryCall()
    {
        var o = TestObjectives.Rosenbrock();
        var g = new double[2];
        o.Value([1.0, 1.0]);
        o.ValueAndGradient([1.0, 1.0], g);
        o.Hessian([1.0, 1.0], new double[4]);
        o.HessianVector([1.0, 1.0], [1.0, 0.0], g);
        Assert.Equal(new EvaluationCounts(2, 1, 2, 0), o.Evaluations);
        var result = Bfgs.Minimize(o, [-1.2, 1.0]);
        Assert.Equal(o.Evaluations.Function - 2, result.Evaluations.Function);
    }

    [Fact]
    public void MisuseIsAnInputError()
    {
        Assert.Throws<NablaInputException>(() => new Objective(0, value: x => 0));
        Assert.Throws<NablaInputException>(() => new Objective(2));
        var valueOnly = new Objective(1, value: x => x[0] * x[0]);
        Assert.Throws<NablaInputException>(() => Bfgs.Minimize(valueOnly, [1.0]));
        Assert.Throws<NablaInputException>(() => Minimizer.Parse("simplex"));
        Assert.Throws<NablaInputException>(() => new Bounds([1.0], [0.0]));
    }

    [Fact]
    public void LeastSquaresByGradientDescentApproachesQrAndNewtonHitsIt()
    {
        var rng = new Random(7);
        var a = new double[50, 3];
        var y = new double[50];
        for (int i = 0; i < 50; i++)
        {
            a[i, 0] = 1; a[i, 1] = rng.NextDouble(); a[i, 2] = rng.NextDouble();
            y[i] = 2 + 3 * a[i, 1] - a[i, 2] + 0.01 * (rng.NextDouble() - 0.5);
        }
        var data = new RegressionData(a, y, ["c", "u", "v"]);
        var qr = LinearLeastSquares.Qr(data);
        var normal = LinearLeastSquares.NormalEquations(data);
        var newton = LinearLeastSquares.Newton(data, [5.0, -5.0, 5.0]);
        var gd = LinearLeastSquares.GradientDescent(data, 20000);
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(qr.Weights[j], normal.Weights[j], 1e-9);
            Assert.Equal(qr.Weights[j], newton.Weights[j], 1e-9);
            Assert.Equal(qr.Weights[j], gd.Weights[j], 1e-4);
        }
        for (int k = 1; k < gd.History.Count; k++)
            Assert.True(gd.History[k] <= gd.History[k - 1] + 1e-12, "step 1/L decreases f monotonically");
        // The lecture's gradient −2Aᵀ(y − Aω) vanishes at the solution.
        var g = new double[3];
        LinearLeastSquares.Gradient(a, y, qr.Weights, g);
        Assert.True(g.Max(Math.Abs) < 1e-9);
    }
}
