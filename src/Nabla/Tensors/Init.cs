using System.Numerics;

namespace Nabla.Tensors;

/// <summary>Random initialization of weights from a seeded <see cref="Rng"/>.</summary>
public static class Init
{
    /// <summary>Glorot/Xavier uniform: U(-a, a), a = √(6/(fanIn + fanOut)); suits tanh and sigmoid.</summary>
    public static void XavierUniform<T>(Span<T> values, int fanIn, int fanOut, Rng rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double a = Math.Sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < values.Length; i++) values[i] = T.CreateTruncating((2 * rng.NextDouble() - 1) * a);
    }

    /// <summary>He/Kaiming normal: N(0, 2/fanIn); suits relu.</summary>
    public static void HeNormal<T>(Span<T> values, int fanIn, Rng rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double s = Math.Sqrt(2.0 / fanIn);
        for (int i = 0; i < values.Length; i++) values[i] = T.CreateTruncating(rng.NextGaussian() * s);
    }

    /// <summary>U(lo, hi).</summary>
    public static void Uniform<T>(Span<T> values, double lo, double hi, Rng rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < values.Length; i++) values[i] = T.CreateTruncating(lo + (hi - lo) * rng.NextDouble());
    }

    public static Tensor<T> Randn<T>(Rng rng, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = Tensor<T>.Zeros(shape);
        var d = t.Data;
        for (int i = 0; i < d.Length; i++) d[i] = T.CreateTruncating(rng.NextGaussian());
        return t;
    }
}
