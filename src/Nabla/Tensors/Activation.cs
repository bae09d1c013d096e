using System.Runtime.CompilerServices;
using System.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Nabla.Tensors;

/// <summary>Elementwise activation functions of neural-network layers.</summary>
public enum Activation
{
    Identity,
    Tanh,
    Relu,
    Sigmoid,
    /// <summary>log(1 + e^x).</summary>
    Softplus,
    /// <summary>Exact GELU x Φ(x) (PyTorch's default, not the tanh approximation).</summary>
    Gelu,
}

/// <summary>
/// Span kernels of the activations: value and first derivative, allocation-free (the training
/// loop's fast path). The differentiable tensor operations in <see cref="Tensor"/> use the same
/// value kernels and express the derivative with tensor operations so it can be differentiated again;
/// tests check that both derivative forms agree.
/// </summary>
public static class Activations
{
    public static Activation Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "identity" or "linear" or "none" => Activation.Identity,
        "tanh" => Activation.Tanh,
        "relu" => Activation.Relu,
        "sigmoid" or "logistic" => Activation.Sigmoid,
        "softplus" => Activation.Softplus,
        "gelu" => Activation.Gelu,
        _ => throw new NablaInputException($"unknown activation '{name}' (expected tanh, relu, sigmoid, softplus, gelu or identity)"),
    };

    public static string Name(Activation a) => a.ToString().ToLowerInvariant();

    /// <summary>y = σ(x); <paramref name="y"/> may be the same span as <paramref name="x"/>.</summary>
    public static void Forward<T>(Activation a, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (a)
        {
            case Activation.Identity: x.CopyTo(y); break;
            case Activation.Tanh:
                if (typeof(T) == typeof(float))
                    TanhFloat(System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(x), System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(y));
                else TP.Tanh(x, y);
                break;
            case Activation.Relu: TP.Max(x, T.Zero, y); break;
            case Activation.Sigmoid: TP.Sigmoid(x, y); break;
            case Activation.Softplus:
                for (int i = 0; i < x.Length; i++) y[i] = Softplus(x[i]);
                break;
            case Activation.Gelu:
                for (int i = 0; i < x.Length; i++) y[i] = x[i] * Phi(x[i]);
                break;
            default: throw new ArgumentOutOfRangeException(nameof(a));
        }
    }

    /// <summary>
    /// float tanh as 2 / (1 + e^(-2x)) - 1 on TensorPrimitives' vectorized exp (about 3x TP.Tanh for float, measured in
    /// docs/performance.md). Absolute error about 1e-7 (a couple of ulp of 1, ample for activations); |x| &lt; 1/16 uses the
    /// odd Taylor polynomial to degree 7 so small inputs keep their relative accuracy.
    /// </summary>
    private static void TanhFloat(ReadOnlySpan<float> x, Span<float> y)
    {
        if (x.Length > y.Length) throw new ArgumentException("destination too short", nameof(y));
        if (x.Overlaps(y) && !Unsafe.AreSame(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x), ref System.Runtime.InteropServices.MemoryMarshal.GetReference(y)))
        {
            TP.Tanh(x, y);
            return;
        }
        const float small = 0.0625f;
        int n = x.Length, i = 0;
        Span<float> yy = y[..n];
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            // Blocks of 256 through a stack buffer: x stays intact for the small-|x| fix-up even when y is x.
            Span<float> buf = stackalloc float[256];
            for (; i < n; i += 256)
            {
                int len = Math.Min(256, n - i);
                var xs = x.Slice(i, len);
                var ys = yy.Slice(i, len);
                var b = buf[..len];
                TP.Multiply(xs, -2f, b);
                TP.Exp(b, b);
                TP.Add(b, 1f, b);
                TP.Divide(2f, b, b);
                TP.Subtract(b, 1f, b);
                int j = 0;
                for (; j <= len - Vector<float>.Count; j += Vector<float>.Count)
                {
                    var v = new Vector<float>(xs[j..]);
                    var v2 = v * v;
                    var poly = v * (Vector<float>.One + v2 * (new Vector<float>(-1f / 3) + v2 * (new Vector<float>(2f / 15) + v2 * new Vector<float>(-17f / 315))));
                    Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(v), new Vector<float>(small)), poly, new Vector<float>(b[j..])).CopyTo(ys[j..]);
                }
                for (; j < len; j++) ys[j] = MathF.Abs(xs[j]) < small ? MathF.Tanh(xs[j]) : b[j];
            }
            return;
        }
        for (; i < n; i++) y[i] = MathF.Tanh(x[i]);
    }

    /// <summary>g ← g ⊙ σ'(x), given x and y = σ(x) (whichever the derivative is cheaper from).</summary>
    public static void MultiplyByDerivative<T>(Activation a, ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (a)
        {
            case Activation.Identity: break;
            case Activation.Tanh:
                {
                    int i = 0;
                    if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && y.Length >= g.Length)
                        for (; i <= g.Length - Vector<T>.Count; i += Vector<T>.Count)
                        {
                            var yv = new Vector<T>(y[i..]);
                            (new Vector<T>(g[i..]) * (Vector<T>.One - yv * yv)).CopyTo(g[i..]);
                        }
                    for (; i < g.Length; i++) g[i] *= T.One - y[i] * y[i];
                    break;
                }
            case Activation.Relu:
                for (int i = 0; i < g.Length; i++) if (!(x[i] > T.Zero)) g[i] = T.Zero;
                break;
            case Activation.Sigmoid:
                for (int i = 0; i < g.Length; i++) g[i] *= y[i] * (T.One - y[i]);
                break;
            case Activation.Softplus:
                for (int i = 0; i < g.Length; i++) g[i] *= Sigmoid(x[i]);
                break;
            case Activation.Gelu:
                for (int i = 0; i < g.Length; i++) g[i] *= GeluDerivative(x[i]);
                break;
            default: throw new ArgumentOutOfRangeException(nameof(a));
        }
    }

    internal static T Sigmoid<T>(T x) where T : IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-x));

    internal static T Softplus<T>(T x) where T : IFloatingPointIeee754<T> => T.Max(x, T.Zero) + T.Log(T.One + T.Exp(-T.Abs(x)));

    /// <summary>Standard normal CDF Φ(x) = (1 + erf(x/√2))/2.</summary>
    internal static T Phi<T>(T x) where T : IFloatingPointIeee754<T> =>
        T.CreateTruncating(0.5 * (1 + MathNet.Numerics.SpecialFunctions.Erf(double.CreateTruncating(x) / Math.Sqrt(2))));

    /// <summary>Standard normal density φ(x).</summary>
    internal static T Density<T>(T x) where T : IFloatingPointIeee754<T> =>
        T.CreateTruncating(Math.Exp(-0.5 * double.CreateTruncating(x) * double.CreateTruncating(x)) / Math.Sqrt(2 * Math.PI));

    internal static T GeluDerivative<T>(T x) where T : IFloatingPointIeee754<T> => Phi(x) + x * Density(x);
}
