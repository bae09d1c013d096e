namespace Nabla.Curvature;

/// <summary>Options of <see cref="SpectralDensity.Estimate"/>.</summary>
public sealed record SpectralDensityOptions
{
    /// <summary>Independent probe vectors (Rademacher, normalised); the density is their average.</summary>
    public int Probes { get; init; } = 10;
    /// <summary>Lanczos steps per probe (quadrature nodes per probe); capped at the dimension.</summary>
    public int Steps { get; init; } = 80;
    /// <summary>Width of the Gaussian kernel; 0 picks 1% of the spread of the Ritz values.</summary>
    public double Sigma { get; init; }
    /// <summary>Points of the density grid.</summary>
    public int GridPoints { get; init; } = 1000;
    /// <summary>Seed of the probes.</summary>
    public int Seed { get; init; } = 1;
}

/// <summary>
/// The smoothed eigenvalue density φ(t) = (1/n) Σ_i g_σ(t − λ_i) estimated by stochastic Lanczos
/// quadrature: for each probe v, m Lanczos steps give nodes θ_j and weights τ_j = (e₁ᵀ s_j)²,
/// and φ(t) ≈ mean over probes of Σ_j τ_j g_σ(t − θ_j).
/// </summary>
/// <param name="Grid">Equally spaced points covering the nodes ± 6σ.</param>
/// <param name="Density">φ on the grid; its trapezoid integral is 1 up to the grid's resolution.</param>
/// <param name="Sigma">The Gaussian width used.</param>
/// <param name="Nodes">Quadrature nodes θ_j per probe.</param>
/// <param name="Weights">Quadrature weights τ_j per probe (each set sums to 1).</param>
/// <param name="TraceEstimate">n × mean over probes of Σ_j τ_j θ_j (a quadrature estimate of tr H).</param>
/// <param name="OperatorApplications">Hessian-vector products used.</param>
public sealed record SpectralDensityResult(
    double[] Grid,
    double[] Density,
    double Sigma,
    IReadOnlyList<double[]> Nodes,
    IReadOnlyList<double[]> Weights,
    double TraceEstimate,
    int OperatorApplications)
{
    /// <summary>The trapezoid integral of the density over the grid (≈ 1).</summary>
    public double Integral()
    {
        double s = 0;
        for (int i = 1; i < Grid.Length; i++)
            s += 0.5 * (Density[i] + Density[i - 1]) * (Grid[i] - Grid[i - 1]);
        return s;
    }
}

/// <summary>Stochastic Lanczos quadrature (Ghorbani et al. 2019; PyHessian's density).</summary>
public static class SpectralDensity
{
    public static SpectralDensityResult Estimate(ISymmetricOperator op, SpectralDensityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(op);
        options ??= new SpectralDensityOptions();
        int n = op.Dimension;
        if (options.Probes < 1)
            throw new NablaInputException($"spectral density: probes must be at least 1 (got {options.Probes})");
        if (options.Steps < 1)
            throw new NablaInputException($"spectral density: steps must be at least 1 (got {options.Steps})");
        if (options.GridPoints < 2 || options.GridPoints > 1_000_000)
            throw new NablaInputException($"spectral density: grid points must be between 2 and 1000000 (got {options.GridPoints})");
        if (!(options.Sigma >= 0) || double.IsInfinity(options.Sigma))
            throw new NablaInputException($"spectral density: sigma must be finite and non-negative (got {options.Sigma})");

        var rng = new Random(options.Seed);
        int steps = Math.Min(options.Steps, n);
        var nodes = new List<double[]>();
        var weights = new List<double[]>();
        int applications = 0;
        double traceSum = 0;
        var probe = new double[n];
        for (int p = 0; p < options.Probes; p++)
        {
            RandomVectors.Rademacher(rng, probe);
            var process = new LanczosProcess(op, probe, rng);
            while (process.Steps < steps && process.Step()) { }
            applications += process.Applications;
            var eig = process.Tridiagonal();
            int m = process.Steps;
            var w = new double[m];
            double quad = 0;
            for (int j = 0; j < m; j++)
            {
                double s0 = eig.Vectors[0, j];
                w[j] = s0 * s0;
                quad += w[j] * eig.Values[j];
            }
            traceSum += n * quad;
            nodes.Add(eig.Values);
            weights.Add(w);
        }

        double lo = nodes.Min(a => a.Min());
        double hi = nodes.Max(a => a.Max());
        double spread = hi - lo;
        double sigma = options.Sigma > 0 ? options.Sigma
            : spread > 0 ? 0.01 * spread
            : Math.Max(1e-3 * Math.Abs(hi), 1e-6);
        double a0 = lo - 6 * sigma, b0 = hi + 6 * sigma;
        int g = options.GridPoints;
        var grid = new double[g];
        var density = new double[g];
        double h = (b0 - a0) / (g - 1);
        for (int i = 0; i < g; i++)
            grid[i] = a0 + i * h;
        double norm = 1.0 / (options.Probes * sigma * Math.Sqrt(2 * Math.PI));
        for (int p = 0; p < nodes.Count; p++)
        {
            var th = nodes[p];
            var wt = weights[p];
            for (int j = 0; j < th.Length; j++)
            {
                if (wt[j] == 0)
                    continue;
                // Only grid points within 8σ contribute noticeably; skip the rest.
                int first = Math.Max(0, (int)Math.Floor((th[j] - 8 * sigma - a0) / h));
                int last = Math.Min(g - 1, (int)Math.Ceiling((th[j] + 8 * sigma - a0) / h));
                for (int i = first; i <= last; i++)
                {
                    double d = (grid[i] - th[j]) / sigma;
                    density[i] += norm * wt[j] * Math.Exp(-0.5 * d * d);
                }
            }
        }
        return new SpectralDensityResult(grid, density, sigma, nodes, weights, traceSum / options.Probes, applications);
    }

    /// <summary>The same smoothed density for known eigenvalues (weights 1/n each): the exact curve SLQ estimates.</summary>
    public static double[] FromEigenvalues(ReadOnlySpan<double> eigenvalues, ReadOnlySpan<double> grid, double sigma)
    {
        if (!(sigma > 0))
            throw new NablaInputException($"spectral density: sigma must be positive (got {sigma})");
        var density = new double[grid.Length];
        double norm = 1.0 / (eigenvalues.Length * sigma * Math.Sqrt(2 * Math.PI));
        for (int i = 0; i < grid.Length; i++)
        {
            double s = 0;
            foreach (double l in eigenvalues)
            {
                double d = (grid[i] - l) / sigma;
                s += Math.Exp(-0.5 * d * d);
            }
            density[i] = norm * s;
        }
        return density;
    }
}
