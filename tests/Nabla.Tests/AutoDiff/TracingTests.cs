using CsCheck;
using Nabla.AutoDiff;
using Nabla.Symbolic;

namespace Nabla.Tests.AutoDiff;

public class TracingTests
{
    readonly struct Branching : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T>
        {
            var s = T.Sin(x[0]) * x[1];
            return x[0] > x[1] ? s + T.Square(x[0]) : s - T.Exp(x[1]);
        }
    }

    [Fact]
    public void BranchFreeCodeTracesToAnExpressionValidEverywhere()
    {
        var t = Differentiate.Trace(new Rosenbrock(), [0.3, 0.4]);
        Assert.True(t.IsBranchFree);
        Assert.Equal(["x1", "x2"], t.Variables);
        Gen.Double[-2, 2].Array[2].Sample(p =>
        {
            Numeric.Close(new Rosenbrock().Evaluate(Real.View(p)).V, t.Expression.Evaluate(p, t.Variables), 1e-13, "traced value");
            var g1 = new double[2];
            var g2 = new double[2];
            t.Expression.CompileGradient(t.Variables).Evaluate(p, g1);
            Rosenbrock.Gradient(p, g2);
            for (int i = 0; i < 2; i++) Numeric.Close(g2[i], g1[i], 1e-12, "compiled traced gradient");
        }, iter: 200);
    }

    [Fact]
    public void ValueDependentBranchesAreRecordedAsGuards()
    {
        var t = Differentiate.Trace(new Branching(), [1.0, 0.5]);
        Assert.False(t.IsBranchFree);
        Assert.Single(t.Guards);
        Assert.True(t.Holds([1.0, 0.5]));
        Assert.False(t.Holds([0.0, 0.5]));
        Assert.Equal(Expr.Parse("sin(x1)*x2 + x1^2"), t.Expression);
    }

    [Fact]
    public void TracedFunctionRetracesWhenAGuardFailsAndStaysExact()
    {
        var tf = Differentiate.Compile(new Branching(), 2);
        Gen.Double[-2, 2].Array[2].Sample(p =>
        {
            var g1 = new double[2];
            var g2 = new double[2];
            Numeric.Close(Differentiate.Value(new Branching(), p), tf.Gradient(p, g1), 1e-13, "value");
            Differentiate.GradientReverse(new Branching(), p, g2);
            for (int i = 0; i < 2; i++) Numeric.Close(g2[i], g1[i], 1e-12, "gradient");
            var h1 = new double[4];
            var h2 = new double[4];
            tf.Hessian(p, g1, h1);
            Differentiate.Hessian(new Branching(), p, g2, h2);
            for (int i = 0; i < 4; i++) Numeric.Close(h2[i], h1[i], 1e-11, "hessian");
            double[] v = [0.7, -1.3];
            var hv1 = new double[2];
            var hv2 = new double[2];
            tf.HessianVectorProduct(p, v, hv1);
            Differentiate.HessianVectorProduct(new Branching(), p, v, hv2);
            for (int i = 0; i < 2; i++) Numeric.Close(hv2[i], hv1[i], 1e-11, "hvp");
        }, iter: 300);
        Assert.Equal(2, tf.PathCount);
        Assert.Equal(0, tf.TapeCalls);
    }

    [Fact]
    public void CodeTooLargeToTraceFallsBackToTheTape()
    {
        var tf = Differentiate.Compile(new ExtendedRosenbrock(), 200, maxOperations: 100);
        var x = Enumerable.Range(0, 200).Select(i => 0.01 * i).ToArray();
        var g1 = new double[200];
        var g2 = new double[200];
        tf.Gradient(x, g1);
        ExtendedRosenbrock.Gradient(x, g2);
        Assert.Equal(1, tf.TapeCalls);
        for (int i = 0; i < 200; i++) Numeric.Close(g2[i], g1[i], 1e-12, "gradient");
        Assert.Throws<TraceTooLargeException>(() => Differentiate.Trace(new ExtendedRosenbrock(), x, 100));
    }
}
