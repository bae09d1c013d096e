using System.Runtime.CompilerServices;

namespace Nabla.AutoDiff;

/// <summary>
/// Where <see cref="Taylor"/> numbers keep their coefficients: one arena of doubles per thread,
/// K+1 slots per non-constant value, reset after each top-level call, so Taylor arithmetic
/// allocates nothing in steady state. The order K lives here, so a constant (which carries no
/// coefficients at all) never needs to know it.
/// </summary>
public sealed class TaylorContext
{
    /// <summary>Highest supported order K.</summary>
    public const int MaxOrder = 1000;
    /// <summary>Hard cap on arena size (doubles) per thread.</summary>
    public const int MaxSlots = 1 << 26;

    [ThreadStatic] static TaylorContext? current;

    internal double[] Buffer = new double[4096];
    internal int Count;
    /// <summary>The order K of the current computation (coefficients 0..K).</summary>
    public int Order { get; private set; }
    internal int Width => Order + 1;

    internal static TaylorContext Current => current ??= new TaylorContext();

    /// <summary>Enters a computation of order K; returns the state to restore.</summary>
    internal (int Mark, int Order) Enter(int order)
    {
        if (order < 0 || order > MaxOrder)
            throw new NablaInputException($"Taylor order {order} is out of range 0..{MaxOrder}.");
        var saved = (Count, Order);
        Order = order;
        return saved;
    }

    internal void Exit((int Mark, int Order) saved) => (Count, Order) = saved;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Alloc()
    {
        int w = Width, o = Count;
        if (o + w > Buffer.Length) Grow(o + w);
        Count = o + w;
        return o;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    void Grow(int needed)
    {
        if (needed > MaxSlots)
            throw new NablaInputException($"Taylor arithmetic of order {Order} exceeded {MaxSlots} coefficients in one evaluation; lower the order or split the function.");
        Array.Resize(ref Buffer, Math.Min(MaxSlots, Math.Max(needed, Buffer.Length * 2)));
    }

    internal Span<double> Slice(int offset) => Buffer.AsSpan(offset, Width);
}
