using CsCheck;
using Nabla.Curvature;

namespace Nabla.Tests.Curvature;

public class KeskarSharpnessTests
{
    // f(θ) = c + Σ ½ h_i (θ_i − x_i)², minimised at x.
    private static IDifferentiableLoss Quadratic(double[] x, double[] h, double c) =>
        DifferentiableLoss.FromDelegates(x.Length, (theta, g) =>
        {
            double f = c;
            for (int i = 0; i < x.Length; i++)
            {
                double d = theta[i] - x[i];
                f += 0.5 * h[i] * d * d;
                g[i] = h[i] * d;
            }
            return f;
        });

    [Fact]
    public void FullSpaceBoxIsRelativeToTheCoordinatesAndTheMaximumIsAtAVertex()
    {
        // At the minimum of a separable convex quadratic both ends of every interval are maxima:
        // max = c + Σ ½ h_i ε² (|x_i| + 1)², so φ is known exactly.
        Gen.Select(Gen.Double[-3, 3].Array[1, 30], Gen.Double[0.01, 10], Gen.Double[0, 2]).Sample((x, hScale, c) =>
        {
            var h = x.Select((_, i) => hScale * (1 + i % 3)).ToArray();
            double eps = 1e-3;
            double fmax = c;
            for (int i = 0; i < x.Length; i++)
                fmax += 0.5 * h[i] * Math.Pow(eps * (Math.Abs(x[i]) + 1), 2);
            double expected = (fmax - c) / (1 + c) * 100;
            // Frank-Wolfe reaches the corner; L-BFGS-B's 10 iterations give a lower bound of the maximum.
            var r = KeskarSharpness.Compute(Quadratic(x, h, c), x, new KeskarOptions { Epsilon = eps, Maximizer = new FrankWolfeMaximizer() });
            var l = KeskarSharpness.Compute(Quadratic(x, h, c), x, new KeskarOptions { Epsilon = eps });
            return Math.Abs(r.Sharpness - expected) <= 1e-9 * (1 + expected) && r.Space == "full" && r.Dimension == x.Length
                && l.Sharpness <= expected * (1 + 1e-9) + 1e-15 && l.Sharpness >= 0;
        }, iter: 200);
    }

    [Fact]
    public void SubspaceSharpnessIsALowerBoundOfTheExactBoxMaximum()
    {
        // p = 2: f(x + A y) − f(x) = ½ yᵀ (Aᵀ H A) y is convex in y; its maximum over the box is at one of 4 vertices.
        int n = 12, p = 2;
        var rng = new Random(3);
        var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var h = Enumerable.Range(0, n).Select(_ => 0.5 + rng.NextDouble()).ToArray();
        var loss = Quadratic(x, h, 0.3);
        var r = KeskarSharpness.Compute(loss, x, new KeskarOptions { SubspaceDimension = p, Epsilon = 1e-2, Iterations = 50, Seed = 4 });
        Assert.Equal("subspace", r.Space);
        Assert.Equal(p, r.Dimension);
        Assert.True(r.Sharpness > 0);
        // Reconstruct A and the box the same way is not possible from outside; bound by the full-space
        // curvature instead: ‖A y‖ is finite, so φ is small and positive.
        Assert.True(r.MaximumLoss >= r.Loss);
        Assert.True(r.Sharpness < 100);
    }

    [Fact]
    public void SharperQuadraticsHaveLargerSharpness()
    {
        var x = new double[] { 0.5, -1, 2, 0 };
        double Phi(double scale) => KeskarSharpness.Compute(Quadratic(x, [scale, scale, scale, scale], 0.1), x, new KeskarOptions { Maximizer = new FrankWolfeMaximizer() }).Sharpness;
        Assert.True(Phi(10) > Phi(1));
        Assert.Equal(10 * Phi(1), Phi(10), 9);
        var sub = KeskarSharpness.Compute(Quadratic(x, [1, 1, 1, 1], 0.1), x, new KeskarOptions { SubspaceDimension = 2 });
        var sub10 = KeskarSharpness.Compute(Quadratic(x, [10, 10, 10, 10], 0.1), x, new KeskarOptions { SubspaceDimension = 2 });
        Assert.True(sub10.Sharpness > sub.Sharpness);
    }

    [Fact]
    public void FrankWolfeMaximizerFindsTheCornerOfALinearFunction()
    {
        var m = new FrankWolfeMaximizer();
        var r = m.Maximize((y, g) => { g[0] = 1; g[1] = -2; return y[0] - 2 * y[1]; }, [-1, -1], [1, 3], [0, 0], 5);
        Assert.Equal([1, -1], r.Point);
        Assert.Equal(3, r.Value);
    }

    [Fact]
    public void RejectsBadInput()
    {
        var loss = Quadratic([0, 0], [1, 1], 0);
        Assert.Throws<NablaInputException>(() => KeskarSharpness.Compute(loss, [0, 0, 0]));
        Assert.Throws<NablaInputException>(() => KeskarSharpness.Compute(loss, [0, 0], new KeskarOptions { Epsilon = 0 }));
        Assert.Throws<NablaInputException>(() => KeskarSharpness.Compute(loss, [0, 0], new KeskarOptions { SubspaceDimension = 3 }));
        Assert.Throws<NablaInputException>(() => KeskarSharpness.Compute(loss, [0, 0], new KeskarOptions { Iterations = 0 }));
    }
}

public class KeskarMaximizerTests
{
    [Fact]
    public void LbfgsbAndProjectedGradientAgreeOnAConvexQuadraticAtItsMinimum()
    {
        var x = new double[] { 0.3, -0.7, 1.5, 0, 2 };
        var h = new double[] { 3, 1, 0.5, 2, 4 };
        var loss = DifferentiableLoss.FromDelegates(5, (t, g) =>
        {
            double f = 0.2;
            for (int i = 0; i < 5; i++) { double d = t[i] - x[i]; f += 0.5 * h[i] * d * d; g[i] = h[i] * d; }
            return f;
        });
        var a = KeskarSharpness.Compute(loss, x, new KeskarOptions { Epsilon = 1e-2 });
        var b = KeskarSharpness.Compute(loss, x, new KeskarOptions { Epsilon = 1e-2, Maximizer = new FrankWolfeMaximizer() });
        Assert.Equal("L-BFGS-B", a.Maximizer);
        double fmax = 0.2;
        for (int i = 0; i < 5; i++) fmax += 0.5 * h[i] * Math.Pow(1e-2 * (Math.Abs(x[i]) + 1), 2);
        double expected = (fmax - 0.2) / 1.2 * 100;
        Assert.Equal(expected, a.Sharpness, 8);
        Assert.Equal(expected, b.Sharpness, 8);
        Assert.True(a.Evaluations <= 40);
    }
}
