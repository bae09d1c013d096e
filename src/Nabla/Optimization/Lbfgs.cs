namespace Nabla.Optimization;

/// <summary>
/// Limited-memory BFGS: the inverse-Hessian approximation is never formed; the last m pairs
/// (s, y) are applied by the two-loop recursion (Nocedal and Wright, Algorithm 7.4) with the
/// initial scaling γ = sᵀy/yᵀy. O(m·n) memory and work per iteration.
/// </summary>
public static class Lbfgs
{
    public const string Name = "lbfgs";

    public static OptimizationResult Minimize(Objective objective, ReadOnlySpan<double> x0, OptimizerOptions? options = null)
    {
        options ??= new OptimizerOptions();
        if (options.Memory < 1)
            throw new NablaInputException($"L-BFGS memory must be at least 1 (got {options.Memory})");
        return LineSearchDriver.Run(Name, objective, x0, options, new Rule(objective.Dimension, options.Memory), 1000,
            new LineSearchParameters(C2: options.WolfeCurvature));
    }

    private sealed class Rule(int n, int memory) : IDescentDirection
    {
        private readonly CorrectionPairs _pairs = new(n, memory);

        public Stop? Direction(ReadOnlySpan<double> x, double f, ReadOnlySpan<double> gradient, Span<double> direction)
        {
            _pairs.ApplyInverse(gradient, direction);
            for (int i = 0; i < direction.Length; i++)
                direction[i] = -direction[i];
            if (!(Dense.Dot(direction, gradient) < 0))
            {
                _pairs.Clear();
                for (int i = 0; i < direction.Length; i++)
                    direction[i] = -gradient[i];
            }
            return null;
        }

        public double InitialStep(int iteration, ReadOnlySpan<double> gradient, ReadOnlySpan<double> direction, double previousStep) =>
            _pairs.Count == 0 ? Math.Min(1, 1 / Math.Max(Dense.Norm2(gradient), 1e-300)) : 1;

        public void Update(ReadOnlySpan<double> s, ReadOnlySpan<double> y) => _pairs.Add(s, y);

        public bool Reset()
        {
            if (_pairs.Count == 0)
                return false;
            _pairs.Clear();
            return true;
        }
    }
}

/// <summary>The last m correction pairs (s, y) of L-BFGS, in a ring buffer.</summary>
internal sealed class CorrectionPairs(int n, int memory)
{
    private readonly double[][] _s = Enumerable.Range(0, memory).Select(_ => new double[n]).ToArray();
    private readonly double[][] _y = Enumerable.Range(0, memory).Select(_ => new double[n]).ToArray();
    private readonly double[] _rho = new double[memory];
    private readonly double[] _alpha = new double[memory];
    private int _start;

    public int Count { get; private set; }
    public int Memory => memory;

    /// <summary>sᵀy/yᵀy of the newest pair (the initial Hessian approximation is θ·I with θ = 1/γ).</summary>
    public double Gamma { get; private set; } = 1;

    public void Clear()
    {
        Count = 0;
        _start = 0;
        Gamma = 1;
    }

    /// <summary>Adds a pair unless sᵀy is not safely positive; returns whether it was added.</summary>
    public bool Add(ReadOnlySpan<double> s, ReadOnlySpan<double> y)
    {
        double sy = Dense.Dot(s, y), yy = Dense.Dot(y, y);
        if (!(sy > 2.220446049250313e-16 * yy) || !double.IsFinite(sy) || !double.IsFinite(yy))
            return false;
        int slot = (_start + Count) % memory;
        if (Count == memory)
        {
            slot = _start;
            _start = (_start + 1) % memory;
        }
        else
        {
            Count++;
        }
        s.CopyTo(_s[slot]);
        y.CopyTo(_y[slot]);
        _rho[slot] = 1 / sy;
        Gamma = sy / yy;
        return true;
    }

    public ReadOnlySpan<double> S(int k) => _s[(_start + k) % memory];
    public ReadOnlySpan<double> Y(int k) => _y[(_start + k) % memory];

    /// <summary>r = H·q by the two-loop recursion (k = 0 oldest … Count − 1 newest).</summary>
    public void ApplyInverse(ReadOnlySpan<double> q, Span<double> r)
    {
        q.CopyTo(r);
        for (int k = Count - 1; k >= 0; k--)
        {
            int slot = (_start + k) % memory;
            double a = _rho[slot] * Dense.Dot(_s[slot], r);
            _alpha[slot] = a;
            Dense.Axpy(-a, _y[slot], r);
        }
        for (int i = 0; i < r.Length; i++)
            r[i] *= Gamma;
        for (int k = 0; k < Count; k++)
        {
            int slot = (_start + k) % memory;
            double b = _rho[slot] * Dense.Dot(_y[slot], r);
            Dense.Axpy(_alpha[slot] - b, _s[slot], r);
        }
    }
}
