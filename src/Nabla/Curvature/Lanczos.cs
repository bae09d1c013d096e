using System.Numerics.Tensors;

namespace Nabla.Curvature;

/// <summary>Options of <see cref="Lanczos.Compute"/>.</summary>
public sealed record LanczosOptions
{
    /// <summary>How many of the largest (algebraic) eigenvalues to find.</summary>
    public int Largest { get; init; } = 1;
    /// <summary>How many of the smallest (algebraic, i.e. most negative) eigenvalues to find.</summary>
    public int Smallest { get; init; }
    /// <summary>Stop when every wanted Ritz residual estimate is below Tolerance × max|θ|.</summary>
    public double Tolerance { get; init; } = 1e-6;
    /// <summary>Cap on Lanczos steps (= Hessian-vector products); 0 means min(n, max(40, 6 k + 20)).</summary>
    public int MaxIterations { get; init; }
    /// <summary>Seed of the random start vector (standard normal).</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Return the Ritz vectors (needed for explicit residuals).</summary>
    public bool ComputeVectors { get; init; } = true;
    /// <summary>Recompute ‖H y − θ y‖ with one Hessian-vector product per returned pair instead of trusting the estimate.</summary>
    public bool ExplicitResiduals { get; init; } = true;
}

/// <summary>Whether an iterative solver met its tolerance.</summary>
public enum SolverStatus
{
    Converged,
    MaxIterations,
}

/// <summary>Result of <see cref="Lanczos.Compute"/>.</summary>
/// <param name="Largest">The largest Ritz pairs, in descending order of value.</param>
/// <param name="Smallest">The smallest Ritz pairs, in ascending order of value.</param>
/// <param name="Status">Converged, or stopped at the iteration cap (the residuals say how far off).</param>
/// <param name="Iterations">Lanczos steps taken.</param>
/// <param name="OperatorApplications">Hessian-vector products used, including the explicit residuals.</param>
public sealed record LanczosResult(
    IReadOnlyList<RitzPair> Largest,
    IReadOnlyList<RitzPair> Smallest,
    SolverStatus Status,
    int Iterations,
    int OperatorApplications);

/// <summary>
/// Extreme eigenvalues of a symmetric operator by the Lanczos method with full
/// reorthogonalisation. Each returned Ritz value carries its residual norm, a rigorous bound on
/// the distance to the nearest eigenvalue. A Krylov method started from one vector sees one copy
/// of a repeated eigenvalue (the others are missed unless rounding brings them in): use
/// <see cref="PowerIteration"/> with deflation or a dense check when multiplicities matter.
/// </summary>
public static class Lanczos
{
    /// <summary>Added to every residual, times max|θ| (≈ ‖H‖): 64 ε covers the rounding of the residual itself.</summary>
    public const double RoundingAllowance = 64 * 2.220446049250313e-16;

    public static LanczosResult Compute(ISymmetricOperator op, LanczosOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(op);
        options ??= new LanczosOptions();
        int n = op.Dimension;
        if (options.Largest < 0 || options.Smallest < 0 || options.Largest + options.Smallest == 0)
            throw new NablaInputException($"Lanczos: ask for at least one eigenvalue (largest = {options.Largest}, smallest = {options.Smallest})");
        if (options.Largest + options.Smallest > n)
            throw new NablaInputException($"Lanczos: {options.Largest + options.Smallest} eigenvalues asked of an operator of dimension {n}");
        if (!(options.Tolerance > 0))
            throw new NablaInputException($"Lanczos: tolerance must be positive (got {options.Tolerance})");
        if (options.MaxIterations < 0)
            throw new NablaInputException($"Lanczos: max iterations must be non-negative (got {options.MaxIterations})");
        int k = options.Largest + options.Smallest;
        int maxIter = options.MaxIterations > 0
            ? Math.Min(options.MaxIterations, n)
            : Math.Min(n, Math.Max(40, 6 * k + 20));
        maxIter = Math.Max(maxIter, k);

        var rng = new Random(options.Seed);
        var start = new double[n];
        RandomVectors.Gaussian(rng, start);
        var process = new LanczosProcess(op, start, rng);

        var status = SolverStatus.MaxIterations;
        TridiagonalEigen? eig = null;
        while (process.Steps < maxIter && process.Step())
        {
            int m = process.Steps;
            if (m < k)
                continue;
            eig = process.Tridiagonal();
            if (process.Exhausted || Converged(eig, process.Beta[m - 1], options, m))
            {
                status = SolverStatus.Converged;
                break;
            }
        }
        eig ??= process.Tridiagonal();

        int steps = process.Steps;
        double lastBeta = process.Beta[steps - 1];
        var largest = new List<RitzPair>();
        var smallest = new List<RitzPair>();
        int applications = process.Applications;
        var hy = options.ExplicitResiduals ? new double[n] : null;
        for (int i = 0; i < options.Largest; i++)
            largest.Add(Pair(eig, steps - 1 - i));
        for (int i = 0; i < options.Smallest; i++)
            smallest.Add(Pair(eig, i));
        return new LanczosResult(largest, smallest, status, steps, applications);

        RitzPair Pair(TridiagonalEigen e, int index)
        {
            double theta = e.Values[index];
            double estimate = Math.Abs(lastBeta * e.Vectors[steps - 1, index]);
            if (!options.ComputeVectors && !options.ExplicitResiduals)
                return new RitzPair(theta, estimate + RoundingAllowance * Math.Max(Math.Abs(e.Values[0]), Math.Abs(e.Values[steps - 1])), null);
            var y = new double[n];
            for (int j = 0; j < steps; j++)
                TensorPrimitives.MultiplyAdd(process.Basis[j], e.Vectors[j, index], y, y);
            RandomVectors.Normalize(y);
            double residual = estimate;
            if (hy is not null)
            {
                op.Apply(y, hy);
                applications++;
                // Rayleigh quotient of the normalised vector: at least as accurate as θ.
                theta = TensorPrimitives.Dot(y, hy);
                TensorPrimitives.MultiplyAdd(y, -theta, hy, hy);
                residual = TensorPrimitives.Norm(hy);
            }
            // Rounding allowance: a residual computed in floating point is itself off by about
            // ε‖H‖, so a bound at machine precision must not claim less than that.
            residual += RoundingAllowance * Math.Max(Math.Abs(e.Values[0]), Math.Abs(e.Values[steps - 1]));
            return new RitzPair(theta, residual, options.ComputeVectors ? y : null);
        }
    }

    private static bool Converged(TridiagonalEigen eig, double beta, LanczosOptions options, int m)
    {
        double scale = Math.Max(Math.Abs(eig.Values[0]), Math.Abs(eig.Values[m - 1]));
        if (scale == 0)
            return beta == 0;
        double limit = options.Tolerance * scale;
        for (int i = 0; i < options.Largest; i++)
            if (Math.Abs(beta * eig.Vectors[m - 1, m - 1 - i]) > limit)
                return false;
        for (int i = 0; i < options.Smallest; i++)
            if (Math.Abs(beta * eig.Vectors[m - 1, i]) > limit)
                return false;
        return true;
    }
}
