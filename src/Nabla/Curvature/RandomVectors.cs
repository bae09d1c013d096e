namespace Nabla.Curvature;

/// <summary>Seeded probe vectors: the same seed gives the same vectors on every run and machine.</summary>
internal static class RandomVectors
{
    /// <summary>Entries ±1 with equal probability (Hutchinson's probes).</summary>
    public static void Rademacher(Random rng, Span<double> v)
    {
        for (int i = 0; i < v.Length; i++)
            v[i] = rng.Next(2) == 0 ? -1.0 : 1.0;
    }

    /// <summary>Standard normal entries (Box-Muller, deterministic for a seeded <see cref="Random"/>).</summary>
    public static void Gaussian(Random rng, Span<double> v)
    {
        for (int i = 0; i < v.Length; i += 2)
        {
            double u1 = 1.0 - rng.NextDouble(); // (0, 1]: log is finite
            double u2 = rng.NextDouble();
            double r = Math.Sqrt(-2.0 * Math.Log(u1));
            v[i] = r * Math.Cos(2 * Math.PI * u2);
            if (i + 1 < v.Length)
                v[i + 1] = r * Math.Sin(2 * Math.PI * u2);
        }
    }

    /// <summary>Scales <paramref name="v"/> to unit length and returns its former norm.</summary>
    public static double Normalize(Span<double> v)
    {
        double norm = System.Numerics.Tensors.TensorPrimitives.Norm(v);
        if (norm > 0)
            System.Numerics.Tensors.TensorPrimitives.Multiply(v, 1.0 / norm, v);
        return norm;
    }
}
