using CsCheck;
using Nabla.AutoDiff;

namespace Nabla.Tests.AutoDiff;

public class SeparableTests
{
    internal readonly struct RosenbrockElement : IElementFunction
    {
        public int Arity => 2;
        public int Stride => 2;
        public int ElementCount(int n) => n / 2;
        public int Index(int element, int slot, int n) => 2 * element + slot;
        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T>
        {
            var a = T.Constant(10) * (x[1] - x[0] * x[0]);
            var b = T.One - x[0];
            return a * a + b * b;
        }
    }

    /// <summary>Overlapping windows of 3 with a value-dependent branch and every kind of function.</summary>
    readonly struct Branchy : IElementFunction
    {
        public int Arity => 3;
        public int Stride => 0;
        public int ElementCount(int n) => n - 2;
        public int Index(int element, int slot, int n) => element + slot;
        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T>
        {
            var s = T.Sin(x[0]) * T.Exp(x[1] * T.Constant(0.3)) + T.Log(T.Constant(2) + x[2] * x[2]) + T.Atan(x[0] * x[2]);
            return x[1] > T.Zero ? s * x[1] : s - x[0] * x[2];
        }
    }

    /// <summary>Disjoint windows of 3 every <c>stride</c> variables (gaps when stride > 3), branching on values.</summary>
    readonly struct Windows(int stride) : IElementFunction
    {
        public int Arity => 3;
        public int Stride => stride;
        public int ElementCount(int n) => (n - 3) / stride + 1;
        public int Index(int element, int slot, int n) => stride * element + slot;
        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T>
        {
            var s = T.Sin(x[0]) * x[1] + T.Exp(x[2] * T.Constant(0.2)) * x[0];
            return x[2] > T.Constant(1.5) ? s * x[2] : s + x[1] * x[1];
        }
    }

    [Fact]
    public void DisjointWindowsWriteEveryGradientEntry()
    {
        // The stored (not accumulated) path must write every entry, gaps and tail included, even
        // after a group whose code branches differently across lanes falls back to single elements.
        var gen = Gen.Select(Gen.Int[3, 5], Gen.Double[-2, 2].Array[3, 90]);
        gen.Sample((stride, x) =>
        {
            int n = x.Length;
            var element = new Windows(stride);
            var fast = new double[n];
            var tape = new double[n];
            fast.AsSpan().Fill(double.NaN);
            double value = Differentiate.SeparableGradient(element, x, fast);
            Numeric.Close(Differentiate.GradientReverse(new SeparableSum<Windows>(element), x, tape), value, 1e-12, "value");
            for (int i = 0; i < n; i++) Numeric.Close(tape[i], fast[i], 1e-12, $"gradient[{i}]");
        }, iter: 300);
    }

    [Fact]
    public void PairwiseWindowsAfterGarbageAndAtOddLength()
    {
        foreach (int n in new[] { 2, 15, 16, 17, 33, 1001 })
        {
            var x = Enumerable.Range(0, n).Select(i => Math.Sin(3 * i + 1)).ToArray();
            var g = Enumerable.Repeat(double.NaN, n).ToArray();
            var ge = new double[n];
            Differentiate.SeparableGradient(new RosenbrockElement(), x, g);
            Differentiate.GradientReverse(new SeparableSum<RosenbrockElement>(new()), x, ge);
            for (int i = 0; i < n; i++) Numeric.Close(ge[i], g[i], 1e-12, $"n = {n}, gradient[{i}]");
        }
    }

    [Fact]
    public void FastPathAgreesWithTheTapeOnExtendedRosenbrock()
    {
        Gen.Double[-2, 2].Array[38].Sample(x =>
        {
            int n = x.Length;
            var f = new SeparableSum<RosenbrockElement>(new());
            var g1 = new double[n];
            var g2 = new double[n];
            var ge = new double[n];
            double fe = ExtendedRosenbrock.Gradient(x, ge);
            Numeric.Close(fe, Differentiate.SeparableGradient(new RosenbrockElement(), x, g1), 1e-13, "value");
            Differentiate.GradientReverse(f, x, g2);
            for (int i = 0; i < n; i++) { Numeric.Close(ge[i], g1[i], 1e-12, "fast"); Numeric.Close(ge[i], g2[i], 1e-12, "tape"); }
            var v = new double[n];
            for (int i = 0; i < n; i++) v[i] = Math.Sin(i);
            var hv1 = new double[n];
            var hv2 = new double[n];
            var g3 = new double[n];
            Differentiate.SeparableHessianVectorProduct(new RosenbrockElement(), x, v, hv1, g3);
            Differentiate.HessianVectorProduct(f, x, v, hv2);
            for (int i = 0; i < n; i++) { Numeric.Close(hv2[i], hv1[i], 1e-11, "hv"); Numeric.Close(ge[i], g3[i], 1e-12, "hv gradient"); }
            var h1 = new double[n * n];
            var h2 = new double[n * n];
            Differentiate.SeparableHessian(new RosenbrockElement(), x, default, h1);
            Differentiate.Hessian(f, x, default, h2);
            for (int i = 0; i < n * n; i++) Numeric.Close(h2[i], h1[i], 1e-11, "hessian");
        }, iter: 100);
    }

    [Fact]
    public void DivergentBranchesFallBackToOneElementAtATime()
    {
        // all positive: every group stays vectorized (Sin, Exp, Log in SIMD, Atan lane by lane); mixed: fallback
        Gen.OneOf(Gen.Double[0.1, 1.5].Array[29], Gen.Double[-1.5, 1.5].Array[29]).Sample(x =>
        {
            int n = x.Length;
            var f = new SeparableSum<Branchy>(new());
            var g1 = new double[n];
            var g2 = new double[n];
            Numeric.Close(Differentiate.Value(f, x), Differentiate.SeparableGradient(new Branchy(), x, g1), 1e-12, "value");
            Differentiate.GradientReverse(f, x, g2);
            for (int i = 0; i < n; i++) Numeric.Close(g2[i], g1[i], 1e-12, "gradient");
            var h1 = new double[n * n];
            var h2 = new double[n * n];
            Differentiate.SeparableHessian(new Branchy(), x, g1, h1);
            Differentiate.Hessian(f, x, default, h2);
            for (int i = 0; i < n * n; i++) Numeric.Close(h2[i], h1[i], 1e-11, "hessian");
            for (int i = 0; i < n; i++) Numeric.Close(g2[i], g1[i], 1e-12, "hessian gradient");
        }, iter: 100);
    }
}
