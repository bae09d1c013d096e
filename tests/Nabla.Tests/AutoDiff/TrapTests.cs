using CsCheck;
using Nabla.AutoDiff;

namespace Nabla.Tests.AutoDiff;

/// <summary>The known traps of other AD tools (issue 3, item 7).</summary>
public class TrapTests
{
    // Both branches are computed (as a Select/where helper does); the untaken one is NaN.
    readonly struct SafeSqrt : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T>
        {
            var s = T.Sqrt(x[0]) * x[1];
            var other = x[0] * x[1];
            return x[0] > T.Zero ? s : other;
        }
    }

    [Fact]
    public void NoNaNLeaksFromTheUntakenBranch()
    {
        Gen.Double[-3, -0.01].Sample(a =>
        {
            double[] p = [a, 2.0];
            var g = new double[2];
            Differentiate.GradientReverse(new SafeSqrt(), p, g);
            Assert.Equal([2.0, a], g);
            Differentiate.GradientForward(new SafeSqrt(), p, g);
            Assert.Equal([2.0, a], g);
            var h = new double[4];
            Differentiate.Hessian(new SafeSqrt(), p, g, h);
            Assert.Equal([0.0, 1.0, 1.0, 0.0], h);
            var c = new double[4];
            Differentiate.TaylorCoefficients(new SafeSqrt(), p, [1.0, 1.0], c);
            Assert.Equal([2 * a, 2 + a, 1, 0], c);
        }, iter: 100);
    }

    readonly struct SqrtPlusY : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => T.Sqrt(x[0]) + x[1] * x[1];
    }

    [Fact]
    public void SqrtAtZeroIsOneSidedInfinityAndDoesNotPoisonOtherPartials()
    {
        double[] p = [0.0, 3.0];
        var g = new double[2];
        foreach (var mode in new Func<double[], double[], double>[]
                 {
                     (x, gg) => Differentiate.GradientForward(new SqrtPlusY(), x, gg),
                     (x, gg) => Differentiate.GradientReverse(new SqrtPlusY(), x, gg),
                     (x, gg) => Differentiate.Gradient(new SqrtPlusY(), x, gg),
                 })
        {
            mode(p, g);
            Assert.Equal(double.PositiveInfinity, g[0]);
            Assert.Equal(6.0, g[1]);
        }
        var hv = new double[2];
        Differentiate.HessianVectorProduct(new SqrtPlusY(), p, [0.0, 1.0], hv);
        Assert.Equal(2.0, hv[1]);
    }

    readonly struct AbsPow : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => T.Abs(x[0]) + T.Pow(x[1], T.Constant(2.5)) + T.Pow(x[2], x[3]);
    }

    [Fact]
    public void AbsAndPowAtZeroGiveDocumentedOneSidedValues()
    {
        double[] p = [0.0, 0.0, 0.0, 1.5];
        var g = new double[4];
        Differentiate.GradientReverse(new AbsPow(), p, g);
        Assert.Equal([1.0, 0.0, 0.0, 0.0], g);
        Differentiate.GradientForward(new AbsPow(), p, g);
        Assert.Equal([1.0, 0.0, 0.0, 0.0], g);
        // Taylor: |t·v| is right-sided along the direction, so |−t| has slope +1 too.
        var c = new double[3];
        Differentiate.TaylorCoefficients(new AbsPow(), p, [-1.0, 0, 0, 0], c);
        Assert.Equal([0.0, 1.0, 0.0], c);
    }

    readonly struct SignAt : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => T.Sign(x[0]);
    }

    [Fact]
    public void SignAtZeroReportsNaNNotZero()
    {
        var g = new double[1];
        Differentiate.GradientReverse(new SignAt(), [0.0], g);
        Assert.True(double.IsNaN(g[0]));
        Differentiate.GradientReverse(new SignAt(), [2.0], g);
        Assert.Equal(0.0, g[0]);
    }

    readonly struct Linear : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => T.Constant(3) * x[0] - x[1] + T.Constant(7);
    }

    readonly struct Bilinear : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => x[0] * x[1];
    }

    [Fact]
    public void SecondDerivativesWhenTheFirstDerivativeIsConstant()
    {
        var g = new double[2];
        var h = new double[4];
        Differentiate.Hessian(new Linear(), [1.0, 2.0], g, h);
        Assert.Equal([3.0, -1.0], g);
        Assert.Equal([0.0, 0.0, 0.0, 0.0], h);
        var hv = new double[2];
        Differentiate.HessianVectorProduct(new Linear(), [1.0, 2.0], [1.0, 1.0], hv);
        Assert.Equal([0.0, 0.0], hv);
        Differentiate.Hessian(new Bilinear(), [1.0, 2.0], g, h);
        Assert.Equal([0.0, 1.0, 1.0, 0.0], h);
        Assert.Equal(0.0, Differentiate.Partial(new Linear(), [1.0, 2.0], [2, 0]));
        Assert.Equal(1.0, Differentiate.Partial(new Bilinear(), [1.0, 2.0], [1, 1]));
        Assert.Equal(0.0, Differentiate.Partial(new Bilinear(), [1.0, 2.0], [2, 1]));
    }

    [Fact]
    public void TheTapeIsReusedWithoutAllocating()
    {
        var x = new double[200];
        var g = new double[200];
        var hv = new double[200];
        for (int i = 0; i < x.Length; i++) x[i] = 0.01 * i - 1;
        for (int i = 0; i < 3; i++)
        {
            Differentiate.GradientReverse(new ExtendedRosenbrock(), x, g);
            Differentiate.HessianVectorProduct(new ExtendedRosenbrock(), x, x, hv);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            Differentiate.GradientReverse(new ExtendedRosenbrock(), x, g);
            Differentiate.HessianVectorProduct(new ExtendedRosenbrock(), x, x, hv);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
