using CsCheck;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Tests.Tensors;

public class GemmTests
{
    private static double[] Naive(bool ta, bool tb, int m, int n, int k, double alpha, double[] a, double[] b, double beta, double[] c0)
    {
        var c = (double[])c0.Clone();
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++)
                    s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                c[i * n + j] = alpha * s + beta * c[i * n + j];
            }
        return c;
    }

    private static double[] Random(Rng rng, int n)
    {
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 2 * rng.NextDouble() - 1;
        return x;
    }

    [Fact]
    public void BothBackendsMatchTheDefinitionOnRandomShapes()
    {
        var gen = Gen.Select(Gen.Int[1, 70], Gen.Int[1, 70], Gen.Int[0, 300], Gen.Int[0, 3], Gen.Int[0, 2]);
        gen.Sample((m, n, k, trans, betaKind) =>
        {
            bool ta = (trans & 1) != 0, tb = (trans & 2) != 0;
            var rng = new Rng((ulong)(m * 7919 + n * 31 + k));
            var a = Random(rng, m * k);
            var b = Random(rng, k * n);
            var c0 = Random(rng, m * n);
            double beta = betaKind switch { 0 => 0, 1 => 1, _ => -0.5 };
            var expected = Naive(ta, tb, m, n, k, 1.5, a, b, beta, c0);
            foreach (var backend in new[] { GemmBackend.Managed, GemmBackend.OpenBlas })
            {
                var c = (double[])c0.Clone();
                Gemm.Multiply(ta, tb, m, n, k, 1.5, a, Math.Max(1, ta ? m : k), b, Math.Max(1, tb ? k : n), beta, c, n, backend);
                for (int i = 0; i < c.Length; i++)
                    Assert.True(Math.Abs(c[i] - expected[i]) <= 1e-12 * (k + 1), $"{backend} m={m} n={n} k={k} ta={ta} tb={tb}: {c[i]} vs {expected[i]}");
            }
        }, iter: 150);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(8, 16, 256)]
    [InlineData(145, 97, 513)]
    [InlineData(300, 200, 100)]
    [InlineData(33, 3100, 9)]
    public void ManagedEqualsOpenBlasInBothPrecisions(int m, int n, int k)
    {
        var rng = new Rng(42);
        var a = Random(rng, m * k);
        var b = Random(rng, k * n);
        var cm = new double[m * n];
        var co = new double[m * n];
        Gemm.Multiply(false, true, m, n, k, 1.0, a, k, b, k, 0.0, cm, n, GemmBackend.Managed);
        Gemm.Multiply(false, true, m, n, k, 1.0, a, k, b, k, 0.0, co, n, GemmBackend.OpenBlas);
        for (int i = 0; i < cm.Length; i++) Assert.Equal(co[i], cm[i], 1e-11);

        var af = a.Select(x => (float)x).ToArray();
        var bf = b.Select(x => (float)x).ToArray();
        var fm = new float[m * n];
        var fo = new float[m * n];
        Gemm.Multiply(true, false, m, n, k, 1f, af, m, bf, n, 0f, fm, n, GemmBackend.Managed);
        Gemm.Multiply(true, false, m, n, k, 1f, af, m, bf, n, 0f, fo, n, GemmBackend.OpenBlas);
        for (int i = 0; i < fm.Length; i++) Assert.True(Math.Abs(fm[i] - fo[i]) <= 1e-4f * Math.Sqrt(k), $"{fm[i]} vs {fo[i]}");
    }

    [Fact]
    public void OpenBlasIsLoadedOnThisMachineClassOrTheFallbackIsUsed()
    {
        // Either way the resolved backend is usable; report which one for the log.
        var resolved = Gemm.Resolve(GemmBackend.OpenBlas);
        Assert.Equal(OpenBlas.IsAvailable ? GemmBackend.OpenBlas : GemmBackend.Managed, resolved);
        Assert.Equal(GemmBackend.Managed, Gemm.Resolve(GemmBackend.Managed));
    }

    [Fact]
    public void MismatchedBuffersAreRejected()
    {
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 3, 3, 3, 1.0, new double[8], 3, new double[9], 3, 0.0, new double[9], 3));
    }
}
