using CsCheck;
using Nabla.Tensors;
using Xunit;

namespace Nabla.Tests.Tensors;

public class ActivationKernelTests
{
    // The float tanh fast path (exp-based, Taylor polynomial near 0) against MathF.Tanh, in place and out of place,
    // for lengths around the vector width and block size: relative accuracy below 1/16, absolute (~2 ulp of 1) above.
    [Fact]
    public void FloatTanhMatchesMathFTanh()
    {
        Gen.Int[0, 600].SelectMany(n => Gen.Float[-12f, 12f].Array[n].Select(Gen.Int[0, 3], (a, s) => (a, s))).Sample(t =>
        {
            var (x, scale) = t;
            var xs = x.Select(v => v * MathF.Pow(10, -2 * scale)).ToArray();   // also tiny arguments
            var y = new float[xs.Length];
            Activations.Forward(Activation.Tanh, xs, y.AsSpan());
            var inPlace = (float[])xs.Clone();
            Activations.Forward(Activation.Tanh, inPlace, inPlace.AsSpan());
            for (int i = 0; i < xs.Length; i++)
            {
                float want = MathF.Tanh(xs[i]);
                Assert.True(MathF.Abs(y[i] - want) <= 4e-7f * MathF.Max(MathF.Abs(want), 1e-30f) + 1e-38f || MathF.Abs(y[i] - want) <= 2.5e-7f,
                    $"tanh({xs[i]}) = {y[i]}, want {want}");
                if (MathF.Abs(xs[i]) < 0.0625f) Assert.True(MathF.Abs(y[i] - want) <= 4e-7f * MathF.Abs(want) + 1e-38f, $"relative: tanh({xs[i]}) = {y[i]}, want {want}");
                Assert.Equal(y[i], inPlace[i]);
            }
        }, iter: 300);
        var special = new[] { float.PositiveInfinity, float.NegativeInfinity, float.NaN, 0f, -0f, 100f, -100f, 1e-30f, 5f, 6f, 7f, 8f };
        var r = new float[special.Length];
        Activations.Forward(Activation.Tanh, special, r.AsSpan());
        Assert.Equal(1f, r[0]);
        Assert.Equal(-1f, r[1]);
        Assert.True(float.IsNaN(r[2]));
        Assert.Equal(0f, r[3]);
        Assert.Equal(1f, r[5]);
        Assert.Equal(-1f, r[6]);
        Assert.Equal(1e-30f, r[7]);
    }
}
