using CsCheck;
using Nabla.AutoDiff;

namespace Nabla.Tests.AutoDiff;

public class SparseHessianTests
{
    readonly struct Chain : IScalarFunction
    {
        // A banded (tridiagonal) Hessian with nonlinear couplings of every kind.
        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T>
        {
            var s = T.Zero;
            for (int i = 0; i + 1 < x.Length; i++)
                s += T.Sin(x[i] * x[i + 1]) + T.Exp(x[i] * T.Constant(0.1)) / (T.Constant(2) + T.Square(x[i + 1])) + T.Abs(x[i] - x[i + 1]);
            return s;
        }
    }

    static void SameAsDense<TF>(TF f, double[] x) where TF : IScalarFunction
    {
        int n = x.Length;
        var hs = new double[n * n];
        var hd = new double[n * n];
        var gs = new double[n];
        var gd = new double[n];
        Numeric.Close(Differentiate.Hessian(f, x, gd, hd), Differentiate.SparseHessian(f, x, gs, hs), 1e-14, "value");
        double scale = Math.Max(1, hd.Max(Math.Abs));
        for (int i = 0; i < n; i++) Numeric.Close(gd[i], gs[i], 1e-12, "gradient");
        for (int i = 0; i < n * n; i++) Numeric.Close(hd[i] / scale, hs[i] / scale, 1e-12, $"H[{i / n},{i % n}]");
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) Assert.Equal(hs[i * n + j], hs[j * n + i]);
    }

    [Fact]
    public void ExtendedRosenbrockNeedsTwoColorsAndMatchesTheDenseHessian()
    {
        var x = Enumerable.Range(0, 60).Select(i => i % 2 == 0 ? -1.2 : 1.0 + 0.01 * i).ToArray();
        var p = Differentiate.HessianSparsity(new ExtendedRosenbrock(), x)!;
        Assert.Equal(2, p.ColorCount);
        Assert.Equal(60 + 60, p.NonZeroCount);   // 30 blocks of 2×2
        SameAsDense(new ExtendedRosenbrock(), x);
    }

    [Fact]
    public void BandedAndDenseAndLinearFunctionsMatchTheDenseHessian()
    {
        Gen.Double[-1.5, 1.5].Array[17].Sample(x =>
        {
            if (x.Zip(x.Skip(1)).Any(t => Math.Abs(t.First - t.Second) < 1e-6)) return;
            var p = Differentiate.HessianSparsity(new Chain(), x)!;
            Assert.True(p.ColorCount <= 3, $"tridiagonal needs 3 colors, got {p.ColorCount}");
            SameAsDense(new Chain(), x);
            SameAsDense(new Everything(), x[..3]);
            SameAsDense(new SeparableSum<SeparableTests.RosenbrockElement>(new()), x[..16]);
        }, iter: 50);
        var g = new double[2];
        var h = new double[4];
        Differentiate.SparseHessian(new LinearTwo(), [1.0, 2.0], g, h);
        Assert.Equal([3.0, -1.0], g);
        Assert.Equal([0.0, 0, 0, 0], h);
    }

    readonly struct LinearTwo : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T> => T.Constant(3) * x[0] - x[1];
    }
}
