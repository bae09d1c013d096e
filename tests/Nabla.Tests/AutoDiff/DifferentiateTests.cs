using CsCheck;
using Nabla.AutoDiff;

namespace Nabla.Tests.AutoDiff;

public class DifferentiateTests
{
    [Fact]
    public void RosenbrockGradientHessianHvpMatchHandDerived()
    {
        Gen.Double[-3, 3].Array[2].Sample(x =>
        {
            Span<double> g = stackalloc double[2], ge = stackalloc double[2], h = stackalloc double[4], he = stackalloc double[4], hv = stackalloc double[2];
            Rosenbrock.Gradient(x, ge);
            Rosenbrock.Hessian(x, he);
            double f = new Rosenbrock().Evaluate(Real.View(x)).V;
            Assert.Equal(f, Differentiate.Gradient(new Rosenbrock(), x, g));
            for (int i = 0; i < 2; i++) Numeric.Close(ge[i], g[i], 1e-12, "forward");
            Differentiate.GradientReverse(new Rosenbrock(), x, g);
            for (int i = 0; i < 2; i++) Numeric.Close(ge[i], g[i], 1e-12, "reverse");
            Differentiate.GradientForward(new Rosenbrock(), x, g);
            for (int i = 0; i < 2; i++) Numeric.Close(ge[i], g[i], 1e-12, "forward8");
            Differentiate.Hessian(new Rosenbrock(), x, g, h);
            for (int i = 0; i < 4; i++) Numeric.Close(he[i], h[i], 1e-12, "hessian");
            double[] v = [0.3, -1.7];
            Differentiate.HessianVectorProduct(new Rosenbrock(), x, v, hv);
            Numeric.Close(he[0] * v[0] + he[1] * v[1], hv[0], 1e-12, "hv0");
            Numeric.Close(he[2] * v[0] + he[3] * v[1], hv[1], 1e-12, "hv1");
        }, iter: 2000);
    }

    [Fact]
    public void ExtendedRosenbrockReverseAndForwardAgreeWithHandGradient()
    {
        Gen.Double[-2, 2].Array[20].Sample(x =>
        {
            var ge = new double[20];
            var g = new double[20];
            double fe = ExtendedRosenbrock.Gradient(x, ge);
            Numeric.Close(fe, Differentiate.Gradient(new ExtendedRosenbrock(), x, g), 1e-13);
            for (int i = 0; i < 20; i++) Numeric.Close(ge[i], g[i], 1e-12, "reverse");
            Differentiate.GradientForward(new ExtendedRosenbrock(), x, g);
            for (int i = 0; i < 20; i++) Numeric.Close(ge[i], g[i], 1e-12, "forward");
        }, iter: 300);
    }

    [Fact]
    public void HessianIsExactlySymmetricAndAgreesWithHvpColumns()
    {
        Gen.Double[-0.9, 0.9].Array[3].Sample(x =>
        {
            var h = new double[9];
            var g = new double[3];
            var gr = new double[3];
            Differentiate.Hessian(new Everything(), x, g, h);
            Differentiate.GradientReverse(new Everything(), x, gr);
            for (int i = 0; i < 3; i++)
            {
                Numeric.Close(gr[i], g[i], 1e-12, "gradient");
                for (int j = 0; j < 3; j++) Assert.Equal(h[i * 3 + j], h[j * 3 + i]);
                var e = new double[3];
                e[i] = 1;
                var col = new double[3];
                Differentiate.HessianVectorProduct(new Everything(), x, e, col);
                for (int j = 0; j < 3; j++) Numeric.Close(col[j], h[j * 3 + i], 1e-10, "hvp column");
            }
        }, iter: 300);
    }

    [Fact]
    public void TapeFreeSecondOrderPathsAgreeWithForwardOverReverse()
    {
        // n ≤ 4: the Hessian and H·v come from HyperDual4; both against the taped path.
        Gen.Double[-0.9, 0.9].Array[3].Sample(x =>
        {
            var h = new double[9];
            var ht = new double[9];
            var g = new double[3];
            var gt = new double[3];
            Numeric.Close(Differentiate.HessianForwardOverReverse(new Everything(), x, gt, ht), Differentiate.Hessian(new Everything(), x, g, h), 1e-14, "value");
            for (int i = 0; i < 9; i++) Numeric.Close(ht[i], h[i], 1e-11, "hessian");
            for (int i = 0; i < 3; i++) Numeric.Close(gt[i], g[i], 1e-12, "gradient");
            double[] v = [x[2] - 0.5, 1, x[0]];
            var hv = new double[3];
            Differentiate.HessianVectorProduct(new Everything(), x, v, hv, g);
            for (int i = 0; i < 3; i++)
                Numeric.Close(ht[i * 3] * v[0] + ht[i * 3 + 1] * v[1] + ht[i * 3 + 2] * v[2], hv[i], 1e-10, "hvp");
        }, iter: 200);
    }

    [Fact]
    public void PowAndAtan2WithOneConstantOperandMatchTheTapedHessian()
    {
        Gen.Double[0.2, 2].Array[3].Sample(x =>
        {
            var h = new double[9];
            var ht = new double[9];
            Numeric.Close(Differentiate.HessianForwardOverReverse(new ConstantOperands(), x, default, ht),
                Differentiate.Hessian(new ConstantOperands(), x, default, h), 1e-14, "value");
            for (int i = 0; i < 9; i++) Numeric.Close(ht[i], h[i], 1e-11, $"hessian[{i}]");
        }, iter: 100);
    }

    private readonly struct ConstantOperands : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> =>
            T.Pow(T.Constant(2), x[0]) * T.Atan2(T.Constant(1), x[1]) + T.Pow(x[2], T.Constant(1.5)) * T.Atan2(x[0], T.Constant(-0.5)) + T.Pow(x[1], x[2]);
    }

    [Fact]
    public void AnInfiniteSecondDerivativeDoesNotLeakIntoOtherVariables()
    {
        // sqrt(x) + y² at x = 0: ∂²/∂x² is −∞ but the y row and the cross terms are exact.
        var h = new double[4];
        Differentiate.Hessian(new SqrtPlusSquare(), [0.0, 1.5], default, h);
        Assert.True(double.IsNegativeInfinity(h[0]));
        Assert.Equal(0.0, h[1]);
        Assert.Equal(0.0, h[2]);
        Assert.Equal(2.0, h[3]);
        var hv = new double[2];
        Differentiate.HessianVectorProduct(new SqrtPlusSquare(), [0.0, 1.5], [0.0, 1.0], hv);
        Assert.Equal(0.0, hv[0]);
        Assert.Equal(2.0, hv[1]);
    }

    private readonly struct SqrtPlusSquare : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => T.Sqrt(x[0]) + x[1] * x[1];
    }

    [Fact]
    public void EveryModeAgreesWithRichardsonDifferences()
    {
        Gen.Double[-0.9, 0.9].Array[3].Sample(x =>
        {
            var gf = new double[3];
            var gr = new double[3];
            Differentiate.GradientForward(new Everything(), x, gf);
            Differentiate.GradientReverse(new Everything(), x, gr);
            var gs = new double[3];
            Differentiate.GradientReverse(new Everything(false), x, gs);
            for (int i = 0; i < 3; i++)
            {
                Numeric.Close(gf[i], gr[i], 1e-12, "forward vs reverse");
                Numeric.Close(Numeric.Partial(new Everything(false), x, i), gs[i], 1e-7, "finite differences");
            }
        }, iter: 300);
    }

    [Fact]
    public void JacobianForwardAndReverseAgree()
    {
        Gen.Double[-2, 2].Array[12].Sample(x =>
        {
            var y1 = new double[2];
            var y2 = new double[2];
            var j1 = new double[24];
            var j2 = new double[24];
            Differentiate.JacobianForward(new Wide(), x, y1, j1);
            Differentiate.JacobianReverse(new Wide(), x, y2, j2);
            Assert.Equal(y1, y2);
            for (int j = 0; j < 12; j++)
            {
                Numeric.Close(Math.Cos(x[j]) * (j + 1), j1[j], 1e-13, "dy0");
                Numeric.Close(0.2 * x[j] / (1 + 0.1 * x[j] * x[j]), j1[12 + j], 1e-13, "dy1");
            }
            for (int k = 0; k < 24; k++) Numeric.Close(j1[k], j2[k], 1e-13, "fwd vs rev");
        }, iter: 300);
    }

    [Fact]
    public void WrongSpanLengthIsBadInput()
    {
        Assert.Throws<NablaInputException>(() => Differentiate.Gradient(new Rosenbrock(), [1.0, 2.0], new double[3]));
    }
}
