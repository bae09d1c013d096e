using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Nabla.AutoDiff;

/// <summary>
/// The one entry point to automatic differentiation of C# code written once over
/// <see cref="IScalar{T}"/> (struct function objects implementing <see cref="IScalarFunction"/> or
/// <see cref="IVectorFunction"/>). Every derivative is exact to rounding. Results go into
/// caller-provided spans; no method allocates in steady state.
/// </summary>
/// <example>
/// <code>
/// struct Rosenbrock : IScalarFunction
/// {
///     public T Evaluate&lt;T&gt;(ReadOnlySpan&lt;T&gt; x) where T : IScalar&lt;T&gt;
///         =&gt; T.Constant(100) * T.Square(x[1] - x[0] * x[0]) + T.Square(T.One - x[0]);
/// }
/// double f = Differentiate.Gradient(new Rosenbrock(), [-1.2, 1.0], gradient);
/// </code>
/// </example>
public static partial class Differentiate
{
    /// <summary>Functions with at most this many variables get their gradient from multi-directional forward mode.</summary>
    public const int ForwardGradientLimit = 8;

    /// <summary>The value f(x) and the gradient (into <paramref name="gradient"/>): forward mode for n ≤ 8, the tape otherwise.</summary>
    public static double Gradient<TF>(TF f, ReadOnlySpan<double> x, Span<double> gradient) where TF : IScalarFunction
    {
        CheckLength(gradient.Length, x.Length, nameof(gradient));
        if (x.Length <= 4) return GradientForward4(f, x, gradient);
        if (x.Length <= ForwardGradientLimit) return GradientForward8(f, x, gradient);
        return GradientReverse(f, x, gradient);
    }

    /// <summary>The gradient by chunked multi-directional forward mode: ⌈n/8⌉ passes of <see cref="Dual8"/>.</summary>
    public static double GradientForward<TF>(TF f, ReadOnlySpan<double> x, Span<double> gradient) where TF : IScalarFunction
    {
        int n = x.Length;
        CheckLength(gradient.Length, n, nameof(gradient));
        var buf = ArrayPool<Dual8>.Shared.Rent(Math.Max(n, 1));
        try
        {
            var xs = buf.AsSpan(0, n);
            double value = 0;
            Span<double> lanes = stackalloc double[Dual8.Width];
            for (int k = 0; k < n || k == 0; k += Dual8.Width)
            {
                for (int i = 0; i < n; i++)
                    xs[i] = i >= k && i < k + Dual8.Width ? Dual8.Variable(x[i], i - k) : Dual8.Constant(x[i]);
                var y = f.Evaluate<Dual8>(xs);
                value = y.V;
                y.D.CopyTo(lanes);
                for (int j = 0; j < Dual8.Width && k + j < n; j++) gradient[k + j] = lanes[j];
                if (n == 0) break;
            }
            return value;
        }
        finally { ArrayPool<Dual8>.Shared.Return(buf); }
    }

    [SkipLocalsInit]
    static double GradientForward8<TF>(TF f, ReadOnlySpan<double> x, Span<double> gradient) where TF : IScalarFunction
    {
        int n = x.Length;
        Unsafe.SkipInit(out ElementBuffer<Dual8> buffer);
        var xs = ((Span<Dual8>)buffer)[..n];
        for (int i = 0; i < n; i++) xs[i] = Dual8.Variable(x[i], i);
        var y = f.Evaluate<Dual8>(xs);
        for (int i = 0; i < n; i++) gradient[i] = y.D.GetElement(i);
        return y.V;
    }

    [SkipLocalsInit]
    static double GradientForward4<TF>(TF f, ReadOnlySpan<double> x, Span<double> gradient) where TF : IScalarFunction
    {
        int n = x.Length;
        Unsafe.SkipInit(out ElementBuffer<Dual4> buffer);
        var xs = ((Span<Dual4>)buffer)[..n];
        for (int i = 0; i < n; i++) xs[i] = Dual4.Variable(x[i], i);
        var y = f.Evaluate<Dual4>(xs);
        for (int i = 0; i < n; i++) gradient[i] = y.D.GetElement(i);
        return y.V;
    }

    /// <summary>The gradient by reverse mode on the pooled tape: one recording, one sweep, any n.</summary>
    public static double GradientReverse<TF>(TF f, ReadOnlySpan<double> x, Span<double> gradient) where TF : IScalarFunction
    {
        int n = x.Length;
        CheckLength(gradient.Length, n, nameof(gradient));
        var tape = Tape<Real>.Current;
        int mark = tape.Mark();
        var small = new ElementBuffer<Rev<Real>>();   // no pool round trip for small n
        var buf = n <= SeparableSum<DummyElement>.MaxArity ? null : ArrayPool<Rev<Real>>.Shared.Rent(n);
        try
        {
            var xs = buf is null ? ((Span<Rev<Real>>)small)[..n] : buf.AsSpan(0, n);
            for (int i = 0; i < n; i++) xs[i] = tape.Variable(x[i]);
            var y = f.Evaluate<Rev<Real>>(xs);
            tape.Backpropagate(y, mark);
            var adj = tape.Adjoints;
            for (int i = 0; i < n; i++) gradient[i] = adj[mark + i].V;
            return y.Value;
        }
        finally
        {
            tape.Truncate(mark);
            if (buf is not null) ArrayPool<Rev<Real>>.Shared.Return(buf);
        }
    }

    /// <summary>The value f(x) alone, on plain doubles (<see cref="Real"/>).</summary>
    public static double Value<TF>(TF f, ReadOnlySpan<double> x) where TF : IScalarFunction => f.Evaluate(Real.View(x)).V;

    internal static void CheckLength(int actual, int expected, string name)
    {
        if (actual != expected)
            throw new NablaInputException($"'{name}' has length {actual}, expected {expected}.");
    }
}
