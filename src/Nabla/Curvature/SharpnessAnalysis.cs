namespace Nabla.Curvature;

/// <summary>Options of <see cref="SharpnessAnalysis.Analyze"/> (the defaults are those of <c>nabla sharpness</c>).</summary>
public sealed record SharpnessOptions
{
    /// <summary>Top eigenvalues by Lanczos.</summary>
    public int TopK { get; init; } = 5;
    /// <summary>Relative residual tolerance of Lanczos.</summary>
    public double LanczosTolerance { get; init; } = 1e-6;
    /// <summary>Hutchinson probes (the stopping rule is off: all are drawn).</summary>
    public int TraceSamples { get; init; } = 100;
    /// <summary>Keskar's ε values; each is run in the full space and in a random subspace.</summary>
    public IReadOnlyList<double> Epsilons { get; init; } = [1e-3, 5e-4];
    /// <summary>p of the random subspace (Keskar et al.: 100); capped at n.</summary>
    public int SubspaceDimension { get; init; } = 100;
    /// <summary>Maximiser iterations (Keskar et al.: 10).</summary>
    public int KeskarIterations { get; init; } = 10;
    /// <summary>Spectral density probes and Lanczos steps; 0 probes skips the density.</summary>
    public int DensityProbes { get; init; } = 5;
    public int DensitySteps { get; init; } = 60;
    public int Seed { get; init; } = 1;
}

/// <summary>Everything <c>nabla sharpness</c> reports about a loss at a point.</summary>
public sealed record SharpnessReport(
    int Parameters,
    double Loss,
    LanczosResult Eigen,
    TraceEstimate Trace,
    IReadOnlyList<KeskarResult> Keskar,
    SpectralDensityResult? Density);

/// <summary>The curvature summary of a loss at a point: top Hessian eigenvalues with residual bounds, trace, Keskar sharpness, spectral density.</summary>
public static class SharpnessAnalysis
{
    public static SharpnessReport Analyze(IDifferentiableLoss loss, ISymmetricOperator hessian, ReadOnlySpan<double> theta, SharpnessOptions? options = null, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(hessian);
        options ??= new SharpnessOptions();
        int n = loss.Dimension;
        if (hessian.Dimension != n)
            throw new NablaInputException($"sharpness: the Hessian has dimension {hessian.Dimension}, the loss {n}");
        if (options.TopK < 1 || options.TopK > n)
            throw new NablaInputException($"--top-k must be between 1 and {n} (got {options.TopK})");
        double f = loss.Value(theta);
        progress?.Report("Lanczos");
        var eigen = Lanczos.Compute(hessian, new LanczosOptions { Largest = options.TopK, Tolerance = options.LanczosTolerance, Seed = options.Seed, ComputeVectors = false });
        progress?.Report("Hutchinson trace");
        var trace = HutchinsonTrace.Estimate(hessian, new HutchinsonOptions { MaxSamples = options.TraceSamples, Seed = options.Seed });
        var keskar = new List<KeskarResult>();
        foreach (double eps in options.Epsilons)
        {
            progress?.Report($"Keskar ε = {eps:G3}");
            keskar.Add(KeskarSharpness.Compute(loss, theta, new KeskarOptions { Epsilon = eps, Iterations = options.KeskarIterations, Seed = options.Seed }));
            keskar.Add(KeskarSharpness.Compute(loss, theta, new KeskarOptions { Epsilon = eps, Iterations = options.KeskarIterations, Seed = options.Seed, SubspaceDimension = Math.Min(options.SubspaceDimension, n) }));
        }
        SpectralDensityResult? density = null;
        if (options.DensityProbes > 0)
        {
            progress?.Report("spectral density");
            density = SpectralDensity.Estimate(hessian, new SpectralDensityOptions { Probes = options.DensityProbes, Steps = options.DensitySteps, Seed = options.Seed });
        }
        return new SharpnessReport(n, f, eigen, trace, keskar, density);
    }
}
