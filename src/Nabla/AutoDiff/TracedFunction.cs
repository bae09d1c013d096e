using Nabla.Symbolic;

namespace Nabla.AutoDiff;

/// <summary>
/// The fast path for code whose branches are few: f is traced at the first point into an
/// expression, its gradient (or Hessian) is derived symbolically and compiled to IL; later calls
/// check the trace's guards at the new point and reuse the compiled code while they hold. When a
/// guard fails, f is traced again along the new path (up to <see cref="MaxPaths"/> paths are kept).
/// Code too large to trace, or with more paths than that, falls back to the tape, so the answer is
/// always right; <see cref="TapeCalls"/> says how often that happened.
/// </summary>
public sealed class TracedFunction<TF> where TF : IScalarFunction
{
    sealed class Path(Trace trace)
    {
        public Trace Trace { get; } = trace;
        public CompiledGradient? Gradient;
        public CompiledHessian? Hessian;
        public VectorKernel? Hvp;   // inputs x1..xn, v1..vn; outputs f, H·v
    }

    readonly TF f;
    readonly int n;
    readonly int maxOperations;
    // Copy on write: readers take the array, the lock only guards tracing a new path.
    Path[] paths = [];
    readonly Lock gate = new();
    volatile bool untraceable;

    internal TracedFunction(TF f, int n, int maxPaths, int maxOperations)
    {
        if (n < 0) throw new NablaInputException($"Dimension {n} must be >= 0.");
        this.f = f;
        this.n = n;
        MaxPaths = maxPaths;
        this.maxOperations = maxOperations;
    }

    public int MaxPaths { get; }
    /// <summary>Number of distinct branch paths traced and compiled so far.</summary>
    public int PathCount => paths.Length;
    /// <summary>Calls answered by the tape instead of compiled code.</summary>
    public int TapeCalls { get; private set; }
    /// <summary>The traces made so far.</summary>
    public IEnumerable<Trace> Traces => paths.Select(p => p.Trace);

    /// <summary>f(x) and its gradient.</summary>
    public double Gradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Differentiate.CheckLength(x.Length, n, nameof(x));
        Differentiate.CheckLength(gradient.Length, n, nameof(gradient));
        var p = Find(x);
        if (p is null)
        {
            TapeCalls++;
            return Differentiate.GradientReverse(f, x, gradient);
        }
        var compiled = p.Gradient ??= p.Trace.Expression.CompileGradient(p.Trace.Variables);
        return compiled.Evaluate(x, gradient);
    }

    /// <summary>f(x), its gradient and Hessian (n·n row-major).</summary>
    public double Hessian(ReadOnlySpan<double> x, Span<double> gradient, Span<double> hessian)
    {
        Differentiate.CheckLength(x.Length, n, nameof(x));
        Differentiate.CheckLength(gradient.Length, n, nameof(gradient));
        Differentiate.CheckLength(hessian.Length, n * n, nameof(hessian));
        var p = Find(x);
        if (p is null)
        {
            TapeCalls++;
            return Differentiate.Hessian(f, x, gradient, hessian);
        }
        var compiled = p.Hessian ??= p.Trace.Expression.CompileHessian(p.Trace.Variables);
        double v = compiled.Evaluate(x, gradient, hessian);
        Differentiate.Symmetrize(hessian, n);
        return v;
    }

    /// <summary>
    /// H(x)·v from compiled code: the symbolic gradient of Σ_j (∂f/∂x_j)·v_j with v as extra
    /// variables, compiled once per path (O(cost of f), no n² Hessian). Returns f(x).
    /// </summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    public double HessianVectorProduct(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv)
    {
        Differentiate.CheckLength(x.Length, n, nameof(x));
        Differentiate.CheckLength(v.Length, n, nameof(v));
        Differentiate.CheckLength(hv.Length, n, nameof(hv));
        var p = Find(x);
        if (p is null)
        {
            TapeCalls++;
            return Differentiate.HessianVectorProduct(f, x, v, hv);
        }
        var kernel = p.Hvp ??= CompileHvp(p.Trace);
        // One kernel call gives f and H·v (inputs x then v; outputs f then H·v): no second
        // evaluation of f, and no pool round trip for the small n this path is for.
        const int StackLimit = 64;
        double[]? rented = n > StackLimit ? System.Buffers.ArrayPool<double>.Shared.Rent(3 * n + 1) : null;
        try
        {
            Span<double> buffer = rented is null ? stackalloc double[3 * n + 1] : rented;
            var input = buffer[..(2 * n)];
            var output = buffer.Slice(2 * n, n + 1);
            x.CopyTo(input);
            v.CopyTo(input[n..]);
            kernel(input, output);
            output[1..].CopyTo(hv);
            return output[0];
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<double>.Shared.Return(rented);
        }
    }

    static VectorKernel CompileHvp(Trace trace)
    {
        var xs = trace.Variables;
        var g = trace.Expression.Gradient(xs);
        var vs = xs.Select(name => "v_" + name).ToArray();
        var directional = Expr.Sum(g.Select((gi, i) => gi * Expr.Variable(vs[i])));
        var hv = directional.Gradient(xs);
        return Expr.Compile([trace.Expression, .. hv], [.. xs, .. vs]);
    }

    Path? Find(ReadOnlySpan<double> x)
    {
        foreach (var p in paths)
            if (p.Trace.Holds(x)) return p;
        lock (gate)
        {
            foreach (var p in paths)   // another thread may have traced this path meanwhile
                if (p.Trace.Holds(x)) return p;
            if (untraceable || paths.Length >= MaxPaths) return null;
            try
            {
                var path = new Path(Differentiate.Trace(f, x, maxOperations));
                paths = [.. paths, path];
                return path;
            }
            catch (TraceTooLargeException)
            {
                untraceable = true;
                return null;
            }
        }
    }
}
