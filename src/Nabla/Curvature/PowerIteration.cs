using System.Numerics.Tensors;

namespace Nabla.Curvature;

/// <summary>Options of <see cref="PowerIteration.Compute"/>; the defaults are PyHessian's.</summary>
public sealed record PowerIterationOptions
{
    /// <summary>How many eigenvalues to find, one after another, each deflated from the next.</summary>
    public int Count { get; init; } = 1;
    /// <summary>Iteration cap per eigenvalue (PyHessian: 100).</summary>
    public int MaxIterations { get; init; } = 100;
    /// <summary>Stop when |θ_k − θ_{k−1}| / (|θ_{k−1}| + 1e-6) falls below this (PyHessian: 1e-3).</summary>
    public double Tolerance { get; init; } = 1e-3;
    /// <summary>Seed of the random (standard normal) start vectors.</summary>
    public int Seed { get; init; } = 1;
}

/// <summary>One eigenvalue found by power iteration.</summary>
/// <param name="Value">The Rayleigh quotient at the last iterate.</param>
/// <param name="Residual">‖H v − θ v‖ at the last iterate (free: it comes from the last product).</param>
/// <param name="Vector">The unit vector v.</param>
/// <param name="Iterations">Hessian-vector products spent on this eigenvalue.</param>
/// <param name="Status">Whether the relative-change test was met.</param>
public sealed record PowerEigenpair(double Value, double Residual, double[] Vector, int Iterations, SolverStatus Status);

/// <summary>Result of <see cref="PowerIteration.Compute"/>, eigenvalues in the order they were found.</summary>
public sealed record PowerIterationResult(IReadOnlyList<PowerEigenpair> Eigenpairs, int OperatorApplications);

/// <summary>
/// PyHessian's power iteration with deflation (Yao et al. 2020): for each eigenvalue start from a
/// random vector, orthogonalise against the vectors found so far, multiply by H, normalise, and
/// stop when the Rayleigh quotient changes by less than the relative tolerance. It finds the
/// eigenvalues of largest magnitude (a large negative one comes before a small positive one),
/// and its stopping test is on the change of θ, not on the error: eigenvalues close together can
/// come out inaccurate or out of order. Kept for parity and as an independent check of
/// <see cref="Lanczos"/>, which is the better method.
/// </summary>
public static class PowerIteration
{
    public static PowerIterationResult Compute(ISymmetricOperator op, PowerIterationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(op);
        options ??= new PowerIterationOptions();
        int n = op.Dimension;
        if (options.Count < 1 || options.Count > n)
            throw new NablaInputException($"power iteration: count must be between 1 and the dimension {n} (got {options.Count})");
        if (options.MaxIterations < 1)
            throw new NablaInputException($"power iteration: max iterations must be at least 1 (got {options.MaxIterations})");
        if (!(options.Tolerance >= 0))
            throw new NablaInputException($"power iteration: tolerance must be non-negative (got {options.Tolerance})");

        var rng = new Random(options.Seed);
        var found = new List<PowerEigenpair>();
        var hv = new double[n];
        int applications = 0;
        for (int e = 0; e < options.Count; e++)
        {
            var v = new double[n];
            RandomVectors.Gaussian(rng, v);
            RandomVectors.Normalize(v);
            double? previous = null;
            double theta = 0, residual = double.NaN;
            int iterations = 0;
            var status = SolverStatus.MaxIterations;
            for (int it = 0; it < options.MaxIterations; it++)
            {
                foreach (var u in found)
                    TensorPrimitives.MultiplyAdd(u.Vector, -TensorPrimitives.Dot(u.Vector, v), v, v);
                RandomVectors.Normalize(v);
                op.Apply(v, hv);
                applications++;
                iterations++;
                theta = TensorPrimitives.Dot(v, hv);
                double hvNorm = TensorPrimitives.Norm(hv);
                // ‖Hv − θv‖² = ‖Hv‖² − θ² for a unit v and θ = vᵀHv.
                residual = Math.Sqrt(Math.Max(0, hvNorm * hvNorm - theta * theta));
                bool done = previous is double p && Math.Abs(theta - p) / (Math.Abs(p) + 1e-6) < options.Tolerance;
                if (hvNorm == 0)
                {
                    status = SolverStatus.Converged; // v is in the null space: θ = 0 exactly
                    break;
                }
                TensorPrimitives.Multiply(hv, 1.0 / hvNorm, v);
                if (done)
                {
                    status = SolverStatus.Converged;
                    break;
                }
                previous = theta;
            }
            // v now holds H v_last / ‖H v_last‖, as PyHessian returns it; the value and residual
            // belong to v_last. Re-orthogonalise so deflation stays clean.
            foreach (var u in found)
                TensorPrimitives.MultiplyAdd(u.Vector, -TensorPrimitives.Dot(u.Vector, v), v, v);
            RandomVectors.Normalize(v);
            found.Add(new PowerEigenpair(theta, residual, v, iterations, status));
        }
        return new PowerIterationResult(found, applications);
    }
}
