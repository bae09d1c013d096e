using System.Numerics.Tensors;

namespace Nabla.Curvature;

/// <summary>
/// The Lanczos three-term recurrence with full reorthogonalisation (classical Gram-Schmidt applied
/// twice against the whole basis), shared by <see cref="Lanczos"/> and <see cref="SpectralDensity"/>.
/// Keeping the basis orthogonal to rounding stops the ghost copies of converged eigenvalues that
/// plain Lanczos produces; it costs O(n j) per step, small next to a Hessian-vector product.
/// </summary>
internal sealed class LanczosProcess
{
    private readonly ISymmetricOperator _op;
    private readonly Random _rng;
    private readonly List<double[]> _basis = [];
    private readonly List<double> _alpha = [];
    private readonly List<double> _beta = [];
    private readonly double[] _w;
    private double[]? _next;

    public LanczosProcess(ISymmetricOperator op, ReadOnlySpan<double> start, Random rng)
    {
        _op = op;
        _rng = rng;
        int n = op.Dimension;
        if (start.Length != n)
            throw new NablaInputException($"Lanczos: start vector has length {start.Length}, the operator has dimension {n}");
        _w = new double[n];
        var q = start.ToArray();
        if (RandomVectors.Normalize(q) == 0 || !double.IsFinite(q[0]))
            RandomFreshVector(q);
        _next = q;
    }

    public int Steps => _alpha.Count;
    public int Applications { get; private set; }
    public IReadOnlyList<double[]> Basis => _basis;
    public IReadOnlyList<double> Alpha => _alpha;
    /// <summary>β_j couples step j and j+1; Beta[Steps-1] is the residual coupling of the last step.</summary>
    public IReadOnlyList<double> Beta => _beta;
    /// <summary>True once the basis spans the whole space: no further step is possible.</summary>
    public bool Exhausted => _basis.Count >= _op.Dimension;
    /// <summary>Set when the last step found an invariant subspace and restarted with a fresh vector.</summary>
    public int Restarts { get; private set; }

    /// <summary>One Lanczos step: appends α_j and β_j. Returns false (no step) when the space is exhausted.</summary>
    public bool Step()
    {
        if (_next is null)
            return false;
        var q = _next;
        _basis.Add(q);
        int j = _basis.Count - 1;
        var w = _w;
        _op.Apply(q, w);
        Applications++;
        double alpha = TensorPrimitives.Dot(q, w);
        if (!double.IsFinite(alpha))
            throw new NablaInputException("Lanczos: the operator returned a non-finite value (check the Hessian-vector product)");
        _alpha.Add(alpha);
        // Three-term recurrence, then full reorthogonalisation twice ("twice is enough").
        TensorPrimitives.MultiplyAdd(q, -alpha, w, w);
        if (j > 0)
            TensorPrimitives.MultiplyAdd(_basis[j - 1], -_beta[j - 1], w, w);
        Reorthogonalise(w);
        Reorthogonalise(w);
        double beta = TensorPrimitives.Norm(w);
        double scale = 0;
        for (int i = 0; i < _alpha.Count; i++)
            scale = Math.Max(scale, Math.Abs(_alpha[i]) + (i < _beta.Count ? _beta[i] : 0));
        if (_basis.Count >= _op.Dimension)
        {
            _beta.Add(0);
            _next = null;
            return true;
        }
        if (beta <= 1e-13 * Math.Max(scale, double.Epsilon))
        {
            // Invariant subspace: the Ritz values so far are exact; continue in the orthogonal
            // complement with a fresh random vector (β = 0 decouples the blocks of T).
            _beta.Add(0);
            var fresh = new double[w.Length];
            RandomFreshVector(fresh);
            _next = fresh;
            Restarts++;
            return true;
        }
        _beta.Add(beta);
        var nextQ = new double[w.Length];
        TensorPrimitives.Multiply(w, 1.0 / beta, nextQ);
        _next = nextQ;
        return true;
    }

    private void Reorthogonalise(Span<double> w)
    {
        foreach (var b in _basis)
        {
            double c = TensorPrimitives.Dot(b, w);
            TensorPrimitives.MultiplyAdd(b, -c, w, w);
        }
    }

    private void RandomFreshVector(double[] v)
    {
        for (int attempt = 0; attempt < 10; attempt++)
        {
            RandomVectors.Gaussian(_rng, v);
            Reorthogonalise(v);
            Reorthogonalise(v);
            if (RandomVectors.Normalize(v) > 1e-8)
                return;
        }
        throw new InvalidOperationException("Lanczos: could not find a vector orthogonal to the basis");
    }

    /// <summary>Eigen-decomposition of the current tridiagonal T (ascending eigenvalues, eigenvectors as columns).</summary>
    public TridiagonalEigen Tridiagonal() => TridiagonalEigen.Compute(_alpha, _beta, _alpha.Count);
}
