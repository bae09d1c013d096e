using System.Buffers;
using System.Runtime.Intrinsics;

namespace Nabla.AutoDiff;

public static partial class Differentiate
{
    /// <summary>
    /// y = F(x) into <paramref name="y"/> and the Jacobian (m·n, row-major, J_ij = ∂y_i/∂x_j):
    /// chunked forward mode (8 columns per pass) when n ≤ m or n ≤ 8, otherwise one tape recording
    /// and one reverse sweep per output.
    /// </summary>
    public static void Jacobian<TF>(TF f, ReadOnlySpan<double> x, Span<double> y, Span<double> jacobian) where TF : IVectorFunction
    {
        int n = x.Length, m = f.OutputLength(n);
        CheckLength(y.Length, m, nameof(y));
        CheckLength(jacobian.Length, m * n, nameof(jacobian));
        if (n <= m || n <= Dual8.Width) JacobianForward(f, x, y, jacobian);
        else JacobianReverse(f, x, y, jacobian);
    }

    /// <summary>The Jacobian by chunked forward mode: ⌈n/8⌉ passes of <see cref="Dual8"/>.</summary>
    public static void JacobianForward<TF>(TF f, ReadOnlySpan<double> x, Span<double> y, Span<double> jacobian) where TF : IVectorFunction
    {
        int n = x.Length, m = f.OutputLength(n);
        CheckLength(y.Length, m, nameof(y));
        CheckLength(jacobian.Length, m * n, nameof(jacobian));
        var xb = ArrayPool<Dual8>.Shared.Rent(Math.Max(n, 1));
        var yb = ArrayPool<Dual8>.Shared.Rent(Math.Max(m, 1));
        Span<double> lanes = stackalloc double[Dual8.Width];
        try
        {
            var ys = yb.AsSpan(0, m);
            if (n == 0) { f.Evaluate(Real.View(x), Real.View(y)); return; }
            for (int k = 0; k < n; k += Dual8.Width)
            {
                for (int i = 0; i < n; i++)
                    xb[i] = i >= k && i < k + Dual8.Width ? Dual8.Variable(x[i], i - k) : Dual8.Constant(x[i]);
                ys.Clear();
                f.Evaluate<Dual8>(xb.AsSpan(0, n), ys);
                int width = Math.Min(Dual8.Width, n - k);
                for (int i = 0; i < m; i++)
                {
                    y[i] = ys[i].V;
                    ys[i].D.CopyTo(lanes);
                    for (int j = 0; j < width; j++) jacobian[i * n + k + j] = lanes[j];
                }
            }
        }
        finally
        {
            ArrayPool<Dual8>.Shared.Return(xb);
            ArrayPool<Dual8>.Shared.Return(yb);
        }
    }

    /// <summary>The Jacobian by reverse mode: one recording, m reverse sweeps.</summary>
    public static void JacobianReverse<TF>(TF f, ReadOnlySpan<double> x, Span<double> y, Span<double> jacobian) where TF : IVectorFunction
    {
        int n = x.Length, m = f.OutputLength(n);
        CheckLength(y.Length, m, nameof(y));
        CheckLength(jacobian.Length, m * n, nameof(jacobian));
        var tape = Tape<Real>.Current;
        int mark = tape.Mark();
        var xb = ArrayPool<Rev<Real>>.Shared.Rent(Math.Max(n, 1));
        var yb = ArrayPool<Rev<Real>>.Shared.Rent(Math.Max(m, 1));
        try
        {
            for (int i = 0; i < n; i++) xb[i] = tape.Variable(x[i]);
            var ys = yb.AsSpan(0, m);
            ys.Clear();
            f.Evaluate<Rev<Real>>(xb.AsSpan(0, n), ys);
            for (int r = 0; r < m; r++)
            {
                y[r] = ys[r].Value;
                tape.Backpropagate(ys[r], mark);
                var adj = tape.Adjoints;
                for (int j = 0; j < n; j++) jacobian[r * n + j] = adj[mark + j].V;
            }
        }
        finally
        {
            tape.Truncate(mark);
            ArrayPool<Rev<Real>>.Shared.Return(xb);
            ArrayPool<Rev<Real>>.Shared.Return(yb);
        }
    }
}
