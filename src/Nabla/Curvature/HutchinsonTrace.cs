using System.Numerics.Tensors;

namespace Nabla.Curvature;

/// <summary>Options of <see cref="HutchinsonTrace.Estimate"/>.</summary>
public sealed record HutchinsonOptions
{
    /// <summary>Upper bound on probes (= Hessian-vector products).</summary>
    public int MaxSamples { get; init; } = 100;
    /// <summary>Probes always drawn before the stopping rule is consulted (the standard error of very few samples is itself unreliable).</summary>
    public int MinSamples { get; init; } = 10;
    /// <summary>Stop when stderr / |mean| falls below this; 0 draws all <see cref="MaxSamples"/>.</summary>
    public double RelativeStandardError { get; init; }
    /// <summary>Seed of the Rademacher probes.</summary>
    public int Seed { get; init; } = 1;
}

/// <summary>Result of <see cref="HutchinsonTrace.Estimate"/>.</summary>
/// <param name="Estimate">The mean of zᵀ H z over the probes: an unbiased estimate of tr H.</param>
/// <param name="StandardError">Sample standard deviation / √samples (NaN with one sample).</param>
/// <param name="Samples">Probes drawn.</param>
/// <param name="Status">Converged when the relative standard error rule stopped it, else MaxIterations.</param>
/// <param name="RunningMean">The mean after each probe (for convergence plots).</param>
public sealed record TraceEstimate(double Estimate, double StandardError, int Samples, SolverStatus Status, IReadOnlyList<double> RunningMean);

/// <summary>
/// Hutchinson's trace estimator: for Rademacher z (entries ±1), E[zᵀ H z] = tr H, with variance
/// 2 Σ_{i≠j} H_ij². The running mean and standard error are updated with Welford's algorithm.
/// </summary>
public static class HutchinsonTrace
{
    public static TraceEstimate Estimate(ISymmetricOperator op, HutchinsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(op);
        options ??= new HutchinsonOptions();
        if (options.MaxSamples < 1)
            throw new NablaInputException($"Hutchinson: max samples must be at least 1 (got {options.MaxSamples})");
        if (options.MinSamples < 1)
            throw new NablaInputException($"Hutchinson: min samples must be at least 1 (got {options.MinSamples})");
        if (!(options.RelativeStandardError >= 0))
            throw new NablaInputException($"Hutchinson: relative standard error must be non-negative (got {options.RelativeStandardError})");

        int n = op.Dimension;
        var rng = new Random(options.Seed);
        var z = new double[n];
        var hz = new double[n];
        var running = new List<double>(options.MaxSamples);
        double mean = 0, m2 = 0;
        int count = 0;
        var status = SolverStatus.MaxIterations;
        while (count < options.MaxSamples)
        {
            RandomVectors.Rademacher(rng, z);
            op.Apply(z, hz);
            double sample = TensorPrimitives.Dot(z, hz);
            count++;
            double delta = sample - mean;
            mean += delta / count;
            m2 += delta * (sample - mean);
            running.Add(mean);
            if (options.RelativeStandardError > 0 && count >= Math.Max(2, options.MinSamples))
            {
                double se = Math.Sqrt(m2 / (count - 1) / count);
                if (se <= options.RelativeStandardError * Math.Abs(mean))
                {
                    status = SolverStatus.Converged;
                    break;
                }
            }
        }
        double stderr = count > 1 ? Math.Sqrt(m2 / (count - 1) / count) : double.NaN;
        return new TraceEstimate(mean, stderr, count, status, running);
    }
}
