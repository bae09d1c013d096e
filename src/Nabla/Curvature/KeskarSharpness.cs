using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace Nabla.Curvature;

/// <summary>Options of <see cref="KeskarSharpness.Compute"/>.</summary>
public sealed record KeskarOptions
{
    /// <summary>ε: the box half-widths are ε(|(A⁺x)_i| + 1). Keskar et al. report 1e-3 and 5e-4.</summary>
    public double Epsilon { get; init; } = 1e-3;
    /// <summary>p: 0 for the full space (A = I_n), else a random n×p matrix A (Keskar et al.: p = 100).</summary>
    public int SubspaceDimension { get; init; }
    /// <summary>Iterations of the maximiser (Keskar et al.: 10 of L-BFGS-B).</summary>
    public int Iterations { get; init; } = 10;
    /// <summary>Seed of the random matrix A and of the start point.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>The box maximiser; null uses <see cref="KeskarSharpness.DefaultMaximizer"/> (L-BFGS-B); <see cref="FrankWolfeMaximizer"/> is the alternative.</summary>
    public IBoxMaximizer? Maximizer { get; init; }
}

/// <summary>Keskar's ε-sharpness of a loss at a point.</summary>
/// <param name="Sharpness">φ = (max_{y∈C_ε} f(x + A y) − f(x)) / (1 + f(x)) × 100.</param>
/// <param name="Epsilon">ε.</param>
/// <param name="Space">"full" (A = I) or "subspace" (random A).</param>
/// <param name="Dimension">Number of columns of A: n or p.</param>
/// <param name="Loss">f(x).</param>
/// <param name="MaximumLoss">The largest f(x + A y) found in the box.</param>
/// <param name="Evaluations">Loss+gradient evaluations of the maximiser.</param>
/// <param name="Maximizer">Which maximiser found it.</param>
public sealed record KeskarResult(double Sharpness, double Epsilon, string Space, int Dimension, double Loss, double MaximumLoss, int Evaluations, string Maximizer);

/// <summary>
/// Keskar et al. 2017 (arXiv 1609.04836, Metric 2.1): for A ∈ ℝ^{n×p} and the box
/// C_ε = {z ∈ ℝ^p : |z_i| ≤ ε(|(A⁺x)_i| + 1)}, the sharpness is
/// φ_{x,f}(ε, A) = (max_{y ∈ C_ε} f(x + A y) − f(x)) / (1 + f(x)) × 100, with A⁺ the pseudo-inverse
/// (A = I: the box is relative to |x_i| + 1 in every coordinate). The maximum is approximate: a
/// budgeted local maximiser gives a lower bound on the true maximum, as in the paper. The search
/// starts from a seeded uniformly random point of the box (from y = 0 the ascent would stall
/// where ∇f(x) = 0).
/// </summary>
public static class KeskarSharpness
{
    /// <summary>The maximiser used when the options name none: L-BFGS-B, as in the paper.</summary>
    public static IBoxMaximizer DefaultMaximizer { get; } = new LbfgsbMaximizer();

    public static KeskarResult Compute(IDifferentiableLoss loss, ReadOnlySpan<double> x, KeskarOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(loss);
        options ??= new KeskarOptions();
        int n = loss.Dimension;
        if (x.Length != n)
            throw new NablaInputException($"Keskar sharpness: point has {x.Length} coordinates, the loss has {n} parameters");
        if (!(options.Epsilon > 0) || double.IsInfinity(options.Epsilon))
            throw new NablaInputException($"Keskar sharpness: epsilon must be positive and finite (got {options.Epsilon})");
        if (options.SubspaceDimension < 0 || options.SubspaceDimension > n)
            throw new NablaInputException($"Keskar sharpness: subspace dimension must be between 0 (full space) and n = {n} (got {options.SubspaceDimension})");
        if (options.Iterations < 1)
            throw new NablaInputException($"Keskar sharpness: iterations must be at least 1 (got {options.Iterations})");
        var maximizer = options.Maximizer ?? DefaultMaximizer;
        var rng = new Random(options.Seed);
        var x0 = x.ToArray();
        double f0 = loss.Value(x0);
        bool full = options.SubspaceDimension == 0;
        int p = full ? n : options.SubspaceDimension;

        // A (row-major n×p) and A⁺x.
        double[]? a = null;
        double[] aPlusX;
        if (full)
            aPlusX = x0;
        else
        {
            a = new double[(long)n * p];
            RandomVectors.Gaussian(rng, a);
            var am = Matrix<double>.Build.Dense(n, p, (i, j) => a[(long)i * p + j]);
            aPlusX = am.QR().Solve(Vector<double>.Build.DenseOfArray(x0)).ToArray(); // least squares = A⁺x (full column rank a.s.)
        }

        var lower = new double[p];
        var upper = new double[p];
        var start = new double[p];
        for (int i = 0; i < p; i++)
        {
            double half = options.Epsilon * (Math.Abs(aPlusX[i]) + 1);
            upper[i] = half;
            lower[i] = -half;
            start[i] = half * (2 * rng.NextDouble() - 1);
        }

        var point = new double[n];
        var gradient = new double[n];
        LossValueAndGradient objective = (y, gy) =>
        {
            if (a is null)
                TensorPrimitives.Add(x0, y, point);
            else
                for (int i = 0; i < n; i++)
                    point[i] = x0[i] + TensorPrimitives.Dot(new ReadOnlySpan<double>(a, i * p, p), y);
            double f = loss.ValueAndGradient(point, gradient);
            if (a is null)
                gradient.CopyTo(gy);
            else
            {
                gy.Clear();
                for (int i = 0; i < n; i++)
                    TensorPrimitives.MultiplyAdd(new ReadOnlySpan<double>(a, i * p, p), gradient[i], gy, gy);
            }
            return f;
        };
        var best = maximizer.Maximize(objective, lower, upper, start, options.Iterations);
        double fMax = Math.Max(best.Value, f0); // y = 0 is in the box: the maximum is never below f(x)
        double phi = (fMax - f0) / (1 + f0) * 100;
        return new KeskarResult(phi, options.Epsilon, full ? "full" : "subspace", p, f0, fMax, best.Evaluations, maximizer.Name);
    }
}
