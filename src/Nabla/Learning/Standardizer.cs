namespace Nabla.Learning;

/// <summary>
/// Per-feature standardization x ↦ (x - mean) / std learned from training rows only (constant
/// features get std 1), stored in the model file so predictions use the same transform.
/// </summary>
public sealed class Standardizer
{
    public Standardizer(double[] mean, double[] std)
    {
        if (mean.Length != std.Length) throw new NablaInputException($"standardization: {mean.Length} means and {std.Length} deviations");
        foreach (var s in std)
            if (!(s > 0) || !double.IsFinite(s)) throw new NablaInputException($"standardization: deviation {s} is not positive");
        Mean = mean;
        Std = std;
    }

    public double[] Mean { get; }
    public double[] Std { get; }
    public int Features => Mean.Length;

    public static Standardizer Identity(int features) => new(new double[features], Enumerable.Repeat(1.0, features).ToArray());

    public static Standardizer Fit(DataSet data, ReadOnlySpan<int> rows)
    {
        int d = data.Features;
        var mean = new double[d];
        var m2 = new double[d];
        int n = 0;
        foreach (var r in rows)
        {
            n++;
            var x = data.Row(r);
            for (int j = 0; j < d; j++)
            {
                double delta = x[j] - mean[j];
                mean[j] += delta / n;
                m2[j] += delta * (x[j] - mean[j]);
            }
        }
        var std = new double[d];
        for (int j = 0; j < d; j++)
        {
            double s = n > 0 ? Math.Sqrt(m2[j] / n) : 0;
            std[j] = s > 1e-12 * Math.Max(1, Math.Abs(mean[j])) ? s : 1;
        }
        return new Standardizer(mean, std);
    }

    public void Apply<T>(ReadOnlySpan<double> x, Span<T> destination) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float) && destination.Length >= x.Length && Mean.Length >= x.Length && Std.Length >= x.Length)
        {
            // Same IEEE operations as the scalar loop below, vectorized through a stack buffer (a training hot path).
            var dst = System.Runtime.InteropServices.MemoryMarshal.CreateSpan(
                ref System.Runtime.CompilerServices.Unsafe.As<T, float>(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(destination)), destination.Length);
            Span<double> buf = stackalloc double[256];
            for (int s = 0; s < x.Length; s += buf.Length)
            {
                int len = Math.Min(buf.Length, x.Length - s);
                var b = buf[..len];
                System.Numerics.Tensors.TensorPrimitives.Subtract(x.Slice(s, len), Mean.AsSpan(s, len), b);
                System.Numerics.Tensors.TensorPrimitives.Divide(b, Std.AsSpan(s, len), b);
                System.Numerics.Tensors.TensorPrimitives.ConvertTruncating<double, float>(b, dst.Slice(s, len));
            }
            return;
        }
        for (int j = 0; j < x.Length; j++) destination[j] = T.CreateTruncating((x[j] - Mean[j]) / Std[j]);
    }
}
