namespace Nabla.AutoDiff;

/// <summary>
/// Hessian sparsity detection by nonlinear interaction domains: each value carries the sorted set of
/// inputs it depends on; every nonlinear operation records the pairs of inputs it couples (x·y
/// couples deps(x)×deps(y); a nonlinear φ(x) couples deps(x)×deps(x)). The union of the recorded
/// pairs contains every structurally non-zero Hessian entry along the branch path taken.
/// </summary>
public readonly struct SparsityTracer : IScalar<SparsityTracer>
{
    readonly DependencySet? deps;

    public double Value { get; }

    internal SparsityTracer(double value, int[] inputs) { Value = value; deps = new DependencySet(inputs); }
    SparsityTracer(double value, DependencySet? deps) { Value = value; this.deps = deps; }

    public static SparsityTracer Zero => new(0, (DependencySet?)null);
    public static SparsityTracer One => new(1, (DependencySet?)null);
    public static SparsityTracer Constant(double value) => new(value, (DependencySet?)null);
    public static implicit operator SparsityTracer(double value) => new(value, (DependencySet?)null);

    static PatternBuilder? P => PatternBuilder.Current;

    // Linear operations only link the sets (O(1)); they are merged when a nonlinear operation needs them.
    static DependencySet? Union(DependencySet? a, DependencySet? b)
        => a is null ? b : b is null || ReferenceEquals(a, b) ? a : new DependencySet(a, b);

    static SparsityTracer Linear(double v, SparsityTracer a, SparsityTracer b) => new(v, Union(a.deps, b.deps));
    static SparsityTracer Nonlinear(double v, SparsityTracer a)
    {
        P?.Couple(a.deps, a.deps);
        return new(v, a.deps);
    }
    static SparsityTracer Nonlinear(double v, SparsityTracer a, SparsityTracer b)
    {
        var u = Union(a.deps, b.deps);
        P?.Couple(u, u);
        return new(v, u);
    }

    public static SparsityTracer operator +(SparsityTracer a, SparsityTracer b) => Linear(a.Value + b.Value, a, b);
    public static SparsityTracer operator -(SparsityTracer a, SparsityTracer b) => Linear(a.Value - b.Value, a, b);
    public static SparsityTracer operator -(SparsityTracer a) => new(-a.Value, a.deps);
    public static SparsityTracer operator *(SparsityTracer a, SparsityTracer b)
    {
        P?.Couple(a.deps, b.deps);
        return Linear(a.Value * b.Value, a, b);
    }
    public static SparsityTracer operator /(SparsityTracer a, SparsityTracer b)
    {
        if (b.deps is null) return new(a.Value / b.Value, a.deps);
        P?.Couple(a.deps, b.deps);
        P?.Couple(b.deps, b.deps);
        return Linear(a.Value / b.Value, a, b);
    }

    public static bool operator <(SparsityTracer a, SparsityTracer b) => a.Value < b.Value;
    public static bool operator >(SparsityTracer a, SparsityTracer b) => a.Value > b.Value;
    public static bool operator <=(SparsityTracer a, SparsityTracer b) => a.Value <= b.Value;
    public static bool operator >=(SparsityTracer a, SparsityTracer b) => a.Value >= b.Value;

    public static SparsityTracer Sin(SparsityTracer x) => Nonlinear(Math.Sin(x.Value), x);
    public static SparsityTracer Cos(SparsityTracer x) => Nonlinear(Math.Cos(x.Value), x);
    public static SparsityTracer Tan(SparsityTracer x) => Nonlinear(Math.Tan(x.Value), x);
    public static SparsityTracer Asin(SparsityTracer x) => Nonlinear(Math.Asin(x.Value), x);
    public static SparsityTracer Acos(SparsityTracer x) => Nonlinear(Math.Acos(x.Value), x);
    public static SparsityTracer Atan(SparsityTracer x) => Nonlinear(Math.Atan(x.Value), x);
    public static SparsityTracer Sinh(SparsityTracer x) => Nonlinear(Math.Sinh(x.Value), x);
    public static SparsityTracer Cosh(SparsityTracer x) => Nonlinear(Math.Cosh(x.Value), x);
    public static SparsityTracer Tanh(SparsityTracer x) => Nonlinear(Math.Tanh(x.Value), x);
    public static SparsityTracer Exp(SparsityTracer x) => Nonlinear(Math.Exp(x.Value), x);
    public static SparsityTracer Log(SparsityTracer x) => Nonlinear(Math.Log(x.Value), x);
    public static SparsityTracer Sqrt(SparsityTracer x) => Nonlinear(Math.Sqrt(x.Value), x);
    public static SparsityTracer Cbrt(SparsityTracer x) => Nonlinear(Math.Cbrt(x.Value), x);
    // Piecewise linear: no coupling away from the kink.
    public static SparsityTracer Abs(SparsityTracer x) => new(Math.Abs(x.Value), x.deps);
    public static SparsityTracer Sign(SparsityTracer x) => new(double.IsNaN(x.Value) ? double.NaN : Math.Sign(x.Value), (DependencySet?)null);
    public static SparsityTracer Min(SparsityTracer a, SparsityTracer b) => a.Value <= b.Value ? a : b;
    public static SparsityTracer Max(SparsityTracer a, SparsityTracer b) => a.Value >= b.Value ? a : b;
    public static SparsityTracer Atan2(SparsityTracer y, SparsityTracer x) => Nonlinear(Math.Atan2(y.Value, x.Value), y, x);
    public static SparsityTracer Pow(SparsityTracer x, SparsityTracer y) => Nonlinear(Math.Pow(x.Value, y.Value), x, y);
    public static SparsityTracer Pow(SparsityTracer x, int n) => n is 0 or 1 ? new(Math.Pow(x.Value, n), n == 0 ? null : x.deps) : Nonlinear(Math.Pow(x.Value, n), x);

    public bool Equals(SparsityTracer other) => Value.Equals(other.Value) && ReferenceEquals(deps, other.deps);
    public override bool Equals(object? obj) => obj is SparsityTracer s && Equals(s);
    public override int GetHashCode() => Value.GetHashCode();
}

/// <summary>Collects coupled pairs during one sparsity trace (per thread).</summary>
internal sealed class PatternBuilder
{
    [ThreadStatic] static PatternBuilder? current;
    internal static PatternBuilder? Current => current;

    internal readonly HashSet<long> Pairs = [];
    readonly int n;
    readonly long maxPairs;
    internal bool TooDense;

    PatternBuilder(int n, long maxPairs) { this.n = n; this.maxPairs = maxPairs; }

    internal static PatternBuilder Begin(int n, long maxPairs) => current = new PatternBuilder(n, maxPairs);
    internal static void End() => current = null;

    internal void Couple(DependencySet? da, DependencySet? db)
    {
        if (da is null || db is null || TooDense) return;
        var a = da.Inputs();
        var b = ReferenceEquals(da, db) ? a : db.Inputs();
        if ((long)a.Length * b.Length > maxPairs) { TooDense = true; return; }
        foreach (int i in a)
            foreach (int j in b)
            {
                long key = i <= j ? (long)i * n + j : (long)j * n + i;
                Pairs.Add(key);
            }
        if (Pairs.Count > maxPairs) TooDense = true;
    }
}

/// <summary>A set of input indices, kept as a lazy union until a nonlinear operation needs it.</summary>
internal sealed class DependencySet
{
    int[]? inputs;
    DependencySet? left, right;

    internal DependencySet(int[] inputs) => this.inputs = inputs;
    internal DependencySet(DependencySet left, DependencySet right) { this.left = left; this.right = right; }

    /// <summary>The sorted inputs (merged once, iteratively: sums of millions of terms nest deeply).</summary>
    internal int[] Inputs()
    {
        if (inputs is not null) return inputs;
        var all = new HashSet<int>();
        var stack = new Stack<DependencySet>();
        var seen = new HashSet<DependencySet>(ReferenceEqualityComparer.Instance);
        stack.Push(this);
        while (stack.Count > 0)
        {
            var d = stack.Pop();
            if (!seen.Add(d)) continue;
            if (d.inputs is not null) { all.UnionWith(d.inputs); continue; }
            stack.Push(d.left!);
            stack.Push(d.right!);
        }
        var r = all.ToArray();
        Array.Sort(r);
        inputs = r;
        left = right = null;
        return r;
    }
}
