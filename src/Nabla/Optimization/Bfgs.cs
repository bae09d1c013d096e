namespace Nabla.Optimization;

/// <summary>
/// BFGS: a quasi-Newton method that keeps an approximation H of the inverse Hessian, updated
/// from each step s and gradient change y so that H·y = s (Nocedal and Wright, Algorithm 6.1).
/// H starts as the identity and is rescaled by sᵀy/yᵀy before the first update (their 6.20); the
/// strong Wolfe line search keeps sᵀy > 0, so H stays positive definite.
/// </summary>
public static class Bfgs
{
    public const string Name = "bfgs";

    public static OptimizationResult Minimize(Objective objective, ReadOnlySpan<double> x0, OptimizerOptions? options = null)
    {
        options ??= new OptimizerOptions();
        return LineSearchDriver.Run(Name, objective, x0, options, new Rule(objective.Dimension), 1000, new LineSearchParameters(C2: options.WolfeCurvature));
    }

    private sealed class Rule : IDescentDirection
    {
        private readonly int _n;
        private readonly double[] _h;
        private readonly double[] _hy;
        private bool _fresh = true;

        public Rule(int n)
        {
            _n = n;
            _h = new double[n * n];
            _hy = new double[n];
            Identity(1);
        }

        public Stop? Direction(ReadOnlySpan<double> x, double f, ReadOnlySpan<double> gradient, Span<double> direction)
        {
            Dense.MatVec(_h, gradient, direction);
            for (int i = 0; i < _n; i++)
                direction[i] = -direction[i];
            if (!(Dense.Dot(direction, gradient) < 0))
            {
                // Rounding has destroyed positive definiteness: restart from steepest descent.
                Identity(1);
                _fresh = true;
                for (int i = 0; i < _n; i++)
                    direction[i] = -gradient[i];
            }
            return null;
        }

        public double InitialStep(int iteration, ReadOnlySpan<double> gradient, ReadOnlySpan<double> direction, double previousStep) =>
            _fresh ? Math.Min(1, 1 / Math.Max(Dense.Norm2(gradient), 1e-300)) : 1;

        public void Update(ReadOnlySpan<double> s, ReadOnlySpan<double> y)
        {
            double sy = Dense.Dot(s, y);
            double yy = Dense.Dot(y, y);
            if (!(sy > 1e-12 * Math.Sqrt(Dense.Dot(s, s) * yy)) || !double.IsFinite(sy))
                return; // no usable curvature information: keep H
            if (_fresh)
            {
                Identity(sy / yy);
                _fresh = false;
            }
            double rho = 1 / sy;
            Dense.MatVec(_h, y, _hy);
            double yHy = Dense.Dot(y, _hy);
            double c = rho * rho * yHy + rho;
            for (int i = 0; i < _n; i++)
            {
                var row = _h.AsSpan(i * _n, _n);
                double hyi = _hy[i], si = s[i];
                for (int j = 0; j < _n; j++)
                    row[j] += -rho * (hyi * s[j] + si * _hy[j]) + c * si * s[j];
            }
        }

        public bool Reset()
        {
            if (_fresh)
                return false;
            Identity(1);
            _fresh = true;
            return true;
        }

        private void Identity(double scale)
        {
            Array.Clear(_h);
            for (int i = 0; i < _n; i++)
                _h[i * _n + i] = scale;
        }
    }
}
