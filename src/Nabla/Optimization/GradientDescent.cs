namespace Nabla.Optimization;

/// <summary>
/// Gradient descent: p = −∇f, with a line search (strong Wolfe by default), or a fixed step when
/// <see cref="OptimizerOptions.LearningRate"/> is set (then nothing guarantees descent, and a too
/// large rate is reported as divergence).
/// </summary>
public static class GradientDescent
{
    public const string Name = "gd";

    public static OptimizationResult Minimize(Objective objective, ReadOnlySpan<double> x0, OptimizerOptions? options = null)
    {
        options ??= new OptimizerOptions();
        if (options.LearningRate > 0)
            return FixedStep(objective, x0, options);
        return LineSearchDriver.Run(Name, objective, x0, options, new Rule(), 10000, new LineSearchParameters(C2: options.WolfeCurvature));
    }

    private sealed class Rule : IDescentDirection
    {
        private double _previousSlope;

        public Stop? Direction(ReadOnlySpan<double> x, double f, ReadOnlySpan<double> gradient, Span<double> direction)
        {
            for (int i = 0; i < direction.Length; i++)
                direction[i] = -gradient[i];
            return null;
        }

        // First step 1/‖g‖∞ (a unit move of the largest coordinate); later steps assume the same
        // first-order change as the last iteration (Nocedal & Wright 3.60).
        public double InitialStep(int iteration, ReadOnlySpan<double> gradient, ReadOnlySpan<double> direction, double previousStep)
        {
            double slope = Dense.Dot(gradient, direction);
            double step = iteration == 0 || _previousSlope == 0
                ? Math.Min(1, 1 / Math.Max(Dense.NormInf(gradient), 1e-300))
                : previousStep * _previousSlope / slope;
            _previousSlope = slope;
            return double.IsFinite(step) && step > 0 ? step : 1;
        }

        public void Update(ReadOnlySpan<double> s, ReadOnlySpan<double> y) { }

        public bool Reset() => false;
    }

    private static OptimizationResult FixedStep(Objective objective, ReadOnlySpan<double> x0, OptimizerOptions options)
    {
        LineSearchDriver.RejectBounds(Name, objective);
        int n = objective.Dimension;
        var state = new RunState(Name, objective, options, 10000, watchForRunaway: true);
        var x = x0.ToArray();
        var g = new double[n];
        double f = objective.ValueAndGradient(x, g);
        double gnorm = Dense.NormInf(g);
        var stop = state.Begin(x, f, gnorm);
        double rate = options.LearningRate;
        while (stop is null)
        {
            stop = state.CheckBudget();
            if (stop is not null)
                break;
            double stepInf = 0, step2 = 0;
            for (int i = 0; i < n; i++)
            {
                double d = -rate * g[i];
                x[i] += d;
                stepInf = Math.Max(stepInf, Math.Abs(d));
                step2 += d * d;
            }
            double fPrevious = f;
            f = objective.ValueAndGradient(x, g);
            gnorm = Dense.NormInf(g);
            stop = state.Accept(x, f, gnorm, Math.Sqrt(step2), stepInf, fPrevious);
        }
        return state.Finish(stop!.Value, x, f, g, gnorm);
    }
}
