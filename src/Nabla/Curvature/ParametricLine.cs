namespace Nabla.Curvature;

/// <summary>
/// Keskar's 1-D parametric plot: metrics evaluated at θ(α) = (1 − α) θ_a + α θ_b for a range of α
/// (α = 0 is θ_a, α = 1 is θ_b; Keskar et al. use α ∈ [−1, 2]).
/// </summary>
public static class ParametricLine
{
    /// <summary>Equally spaced α from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static double[] Alphas(double from = -1, double to = 2, int points = 31)
    {
        if (points < 2)
            throw new NablaInputException($"parametric line: at least 2 points needed (got {points})");
        return Enumerable.Range(0, points).Select(i => from + (to - from) * i / (points - 1)).ToArray();
    }

    /// <summary>values[m][i] = metrics[m](θ(alphas[i])).</summary>
    public static double[][] Evaluate(ReadOnlySpan<double> thetaA, ReadOnlySpan<double> thetaB, IReadOnlyList<double> alphas, params LossValue[] metrics)
    {
        if (thetaA.Length != thetaB.Length)
            throw new NablaInputException($"parametric line: endpoints have {thetaA.Length} and {thetaB.Length} parameters");
        var theta = new double[thetaA.Length];
        var values = metrics.Select(_ => new double[alphas.Count]).ToArray();
        for (int i = 0; i < alphas.Count; i++)
        {
            double t = alphas[i];
            for (int j = 0; j < theta.Length; j++)
                theta[j] = (1 - t) * thetaA[j] + t * thetaB[j];
            for (int m = 0; m < metrics.Length; m++)
                values[m][i] = metrics[m](theta);
        }
        return values;
    }
}
