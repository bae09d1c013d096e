using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Nabla.AutoDiff;

/// <summary>
/// The reverse-mode tape for variables <see cref="Rev{S}"/>: a flat array of nodes, each with at
/// most two parents and their local partial derivatives (value type, no per-node object). One tape
/// per thread and per scalar type, reused across calls: in steady state recording allocates
/// nothing. Calls nest as a stack (a gradient taken inside a function being taped records above a
/// mark and truncates back to it).
/// </summary>
public sealed class Tape<S> where S : IScalar<S>
{
    /// <summary>Hard cap on nodes per thread, so a runaway loop fails clearly instead of eating memory.</summary>
    public const int MaxNodes = 1 << 27;

    internal struct Node
    {
        public int A, B;   // parents (-1: none)
        public S Da, Db;   // local partials d(node)/d(A), d(node)/d(B)
    }

    [ThreadStatic] static Tape<S>? current;

    internal Node[] Nodes = new Node[1024];
    internal S[] Adjoints = new S[1024];
    internal int Count;

    /// <summary>The calling thread's tape.</summary>
    public static Tape<S> Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            // Thread statics of generic classes go through a slow runtime helper; the common
            // instantiations live in a non-generic class whose thread statics the JIT inlines.
            if (typeof(S) == typeof(Real)) return Unsafe.As<Tape<S>>(TapeSlots.Real ??= new Tape<Real>());
            if (typeof(S) == typeof(Dual<Real>)) return Unsafe.As<Tape<S>>(TapeSlots.Dual ??= new Tape<Dual<Real>>());
            if (typeof(S) == typeof(Dual8)) return Unsafe.As<Tape<S>>(TapeSlots.Dual8 ??= new Tape<Dual8>());
            return current ??= new Tape<S>();
        }
    }

    /// <summary>Number of nodes recorded on this tape.</summary>
    public int Length => Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Push(int a, S da, int b, S db)
    {
        int i = Count;
        var nodes = Nodes;
        if ((uint)i >= (uint)nodes.Length) nodes = Grow();
        // In bounds by the test above: no second bounds check.
        ref var n = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(nodes), i);
        n.A = a; n.Da = da; n.B = b; n.Db = db;
        Count = i + 1;
        return i;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    Node[] Grow()
    {
        if (Nodes.Length >= MaxNodes)
            throw new NablaInputException($"The reverse-mode tape exceeded {MaxNodes} operations in one evaluation; use forward mode or split the function.");
        Array.Resize(ref Nodes, Math.Min(MaxNodes, Nodes.Length * 2));
        return Nodes;
    }

    /// <summary>Starts a recording; returns the mark to sweep back to and truncate to.</summary>
    internal int Mark() => Count;

    /// <summary>Registers an independent variable.</summary>
    internal Rev<S> Variable(S value) => new(value, Push(-1, S.Zero, -1, S.Zero), this);

    /// <summary>
    /// Reverse sweep for one output recorded above <paramref name="mark"/>: clears the adjoints of
    /// [mark, Count), seeds the output's with 1 and propagates, so Adjoints[mark + i] is then the
    /// derivative of the output by the i-th variable registered after the mark (a constant output
    /// leaves them all zero).
    /// </summary>
    internal void Backpropagate(Rev<S> output, int mark)
    {
        ClearAdjoints(mark);
        if (output.Index < 0) return;
        Adjoints[output.Index] = S.One;
        Sweep(output.Index, mark);
    }

    /// <summary>Zeroes the adjoints of nodes [mark, Count).</summary>
    internal void ClearAdjoints(int mark)
    {
        if (Adjoints.Length < Count) Array.Resize(ref Adjoints, Nodes.Length);
        Array.Clear(Adjoints, mark, Count - mark);
    }

    /// <summary>Propagates adjoints from the node <paramref name="from"/> down to <paramref name="mark"/>.</summary>
    /// <remarks>Nodes whose adjoint is zero are skipped, so an infinite or NaN local partial in a
    /// part of the computation that does not reach the output (an untaken Select branch) never
    /// leaks into the gradient; likewise zero partials are skipped.</remarks>
    internal void Sweep(int from, int mark)
    {
        var nodes = Nodes;
        var adj = Adjoints;
        var zero = S.Zero;
        if ((uint)from >= (uint)Count || (uint)from >= (uint)adj.Length || mark < 0)
            throw new ArgumentOutOfRangeException(nameof(from));
        // Indices below are node indices < Count ≤ adj.Length (parents precede their children),
        // checked once above: the loop reads and writes without bounds checks.
        ref var node0 = ref MemoryMarshal.GetArrayDataReference(nodes);
        ref var adj0 = ref MemoryMarshal.GetArrayDataReference(adj);
        for (int i = from; i >= mark; i--)
        {
            var a = Unsafe.Add(ref adj0, i);
            if (a.Equals(zero)) continue;
            ref var n = ref Unsafe.Add(ref node0, i);
            // A zero local partial contributes nothing, even against an infinite adjoint (as in
            // forward mode: asin(sign(x)) has derivative 0, not 0·∞ = NaN).
            if (n.A >= 0 && !n.Da.Equals(zero)) Unsafe.Add(ref adj0, n.A) += n.Da * a;
            if (n.B >= 0 && !n.Db.Equals(zero)) Unsafe.Add(ref adj0, n.B) += n.Db * a;
        }
    }

    internal void Truncate(int mark) => Count = mark;
}

internal static class TapeSlots
{
    [ThreadStatic] internal static Tape<Real>? Real;
    [ThreadStatic] internal static Tape<Dual<Real>>? Dual;
    [ThreadStatic] internal static Tape<Dual8>? Dual8;
}
