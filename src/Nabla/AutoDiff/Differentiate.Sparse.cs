using System.Buffers;
using System.Runtime.Intrinsics;

namespace Nabla.AutoDiff;

public static partial class Differentiate
{
    /// <summary>Pairs beyond this many make the pattern count as dense.</summary>
    public const long MaxPatternPairs = 20_000_000;

    /// <summary>
    /// Detects the Hessian's sparsity pattern at x (one pass of <see cref="SparsityTracer"/>) and
    /// colors it; null when the Hessian is too dense for sparsity to pay (more than n²/4 entries).
    /// </summary>
    public static HessianPattern? HessianSparsity<TF>(TF f, ReadOnlySpan<double> x) where TF : IScalarFunction
    {
        int n = x.Length;
        var builder = PatternBuilder.Begin(n, Math.Min(MaxPatternPairs, Math.Max(16, (long)n * n / 4)));
        try
        {
            var xs = new SparsityTracer[n];
            for (int i = 0; i < n; i++) xs[i] = new SparsityTracer(x[i], [i]);
            f.Evaluate<SparsityTracer>(xs);
            return builder.TooDense ? null : HessianPattern.Build(n, builder.Pairs);
        }
        finally { PatternBuilder.End(); }
    }

    /// <summary>
    /// The Hessian (n·n row-major, exactly symmetric) exploiting sparsity: the pattern is detected,
    /// colored, and each group of 8 colors costs one taped forward-over-reverse pass (the extended
    /// Rosenbrock function needs 2 colors: one pass for any n). Falls back to the dense
    /// <see cref="Hessian{TF}"/> when the pattern is dense.
    /// </summary>
    public static double SparseHessian<TF>(TF f, ReadOnlySpan<double> x, Span<double> gradient, Span<double> hessian) where TF : IScalarFunction
    {
        int n = x.Length;
        CheckLength(hessian.Length, n * n, nameof(hessian));
        var pattern = HessianSparsity(f, x);
        if (pattern is null) return Hessian(f, x, gradient, hessian);
        hessian.Clear();
        var values = ArrayPool<double>.Shared.Rent(Math.Max(1, pattern.NonZeroCount));
        try
        {
            double v = SparseHessian(f, x, pattern, gradient, values.AsSpan(0, pattern.NonZeroCount));
            for (int i = 0; i < n; i++)
                for (int p = pattern.RowStart[i]; p < pattern.RowStart[i + 1]; p++)
                    hessian[i * n + pattern.Columns[p]] = values[p];
            return v;
        }
        finally { ArrayPool<double>.Shared.Return(values); }
    }

    /// <summary>
    /// The non-zero Hessian entries for a known pattern, in the pattern's order (row i's entries at
    /// RowStart[i]..RowStart[i+1]); no n² storage. Symmetric entries are averaged, so H_ij = H_ji exactly.
    /// </summary>
    public static double SparseHessian<TF>(TF f, ReadOnlySpan<double> x, HessianPattern pattern, Span<double> gradient, Span<double> values) where TF : IScalarFunction
    {
        int n = x.Length;
        CheckLength(pattern.Dimension, n, "pattern dimension");
        CheckLength(values.Length, pattern.NonZeroCount, nameof(values));
        if (!gradient.IsEmpty) CheckLength(gradient.Length, n, nameof(gradient));
        if (pattern.ColorCount == 0)
        {
            values.Clear();
            return gradient.IsEmpty ? Value(f, x) : GradientReverse(f, x, gradient);
        }
        var tape = Tape<Dual8>.Current;
        var buf = ArrayPool<Rev<Dual8>>.Shared.Rent(Math.Max(n, 1));
        Span<double> lanes = stackalloc double[Dual8.Width];
        double value = 0;   // every colored pass computes f(x)
        try
        {
            for (int c0 = 0; c0 < pattern.ColorCount; c0 += Dual8.Width)
            {
                int mark = tape.Mark();
                try
                {
                    for (int i = 0; i < n; i++)
                    {
                        int c = pattern.Colors[i] - c0;
                        buf[i] = tape.Variable(c >= 0 && c < Dual8.Width ? Dual8.Variable(x[i], c) : Dual8.Constant(x[i]));
                    }
                    var y = f.Evaluate<Rev<Dual8>>(buf.AsSpan(0, n));
                    value = y.Value;
                    tape.Backpropagate(y, mark);
                    var adj = tape.Adjoints;
                    for (int i = 0; i < n; i++)
                    {
                        var a = adj[mark + i];
                        if (c0 == 0 && !gradient.IsEmpty) gradient[i] = a.V;
                        a.D.CopyTo(lanes);
                        for (int p = pattern.RowStart[i]; p < pattern.RowStart[i + 1]; p++)
                        {
                            int c = pattern.Colors[pattern.Columns[p]] - c0;
                            if (c >= 0 && c < Dual8.Width) values[p] = lanes[c];
                        }
                    }
                }
                finally { tape.Truncate(mark); }
            }
            // exact symmetry: average (i,j) with (j,i)
            for (int i = 0; i < n; i++)
                for (int p = pattern.RowStart[i]; p < pattern.RowStart[i + 1]; p++)
                {
                    int j = pattern.Columns[p];
                    if (j <= i) continue;
                    int q = Array.BinarySearch(pattern.Columns, pattern.RowStart[j], pattern.RowStart[j + 1] - pattern.RowStart[j], i);
                    double m = 0.5 * (values[p] + values[q]);
                    values[p] = m;
                    values[q] = m;
                }
            return value;
        }
        finally { ArrayPool<Rev<Dual8>>.Shared.Return(buf); }
    }
}
