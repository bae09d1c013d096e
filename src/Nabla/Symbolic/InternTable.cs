using System.Collections.Concurrent;

namespace Nabla.Symbolic;

/// <summary>
/// The hash-consing table: one live node per structure. Thread-safe (a concurrent dictionary) and
/// weak (values are weak references, swept when the table has doubled since the last sweep), so
/// expressions nobody holds are garbage collected. A key holds its children strongly; children are
/// released once their parents' entries are swept.
/// </summary>
internal static class InternTable
{
    private readonly struct Key(ExprKind kind, object? payload, Expr[] args) : IEquatable<Key>
    {
        public readonly ExprKind Kind = kind;
        public readonly object? Payload = payload;
        public readonly Expr[] Args = args;

        public bool Equals(Key o)
        {
            if (Kind != o.Kind || Args.Length != o.Args.Length) return false;
            for (int i = 0; i < Args.Length; i++)
                if (!ReferenceEquals(Args[i], o.Args[i])) return false;
            return Equals(Payload, o.Payload);
        }

        public override bool Equals(object? obj) => obj is Key k && Equals(k);

        public override int GetHashCode()
        {
            var h = new HashCode();
            h.Add(Kind);
            h.Add(Payload);
            foreach (var a in Args) h.Add(a.GetHashCode());
            return h.ToHashCode();
        }
    }

    private static readonly ConcurrentDictionary<Key, WeakReference<Expr>> table = new();
    private static int sweepAt = 1 << 16;
    private static int sweeping;
    private static int added;   // approximate size: ConcurrentDictionary.Count takes every lock

    public static int Count => table.Count;

    /// <summary>The unique node with this kind, payload and children (created if absent).</summary>
    public static Expr Intern(ExprKind kind, object? payload, Expr[] args)
    {
        var key = new Key(kind, payload, args);
        while (true)
        {
            if (table.TryGetValue(key, out var weak))
            {
                if (weak.TryGetTarget(out var live)) return live;
                var fresh = Create(kind, payload, args);
                if (table.TryUpdate(key, new WeakReference<Expr>(fresh), weak)) return fresh;
                continue;
            }
            var node = Create(kind, payload, args);
            if (table.TryAdd(key, new WeakReference<Expr>(node)))
            {
                if (Interlocked.Increment(ref added) > Volatile.Read(ref sweepAt)) Sweep();
                return node;
            }
        }
    }

    private static void Sweep()
    {
        if (Interlocked.Exchange(ref sweeping, 1) == 1) return;
        try
        {
            foreach (var entry in table)
                if (!entry.Value.TryGetTarget(out _)) table.TryRemove(entry);
            int live = table.Count;
            Volatile.Write(ref added, live);
            Volatile.Write(ref sweepAt, Math.Max(1 << 16, live * 2));
        }
        finally { Volatile.Write(ref sweeping, 0); }
    }

    private static Expr Create(ExprKind kind, object? payload, Expr[] args)
    {
        ulong h = 1469598103934665603UL ^ (ulong)kind * 0x9E3779B97F4A7C15UL;
        h = Mix(h, PayloadHash(payload));
        bool total = kind switch
        {
            ExprKind.Float => double.IsFinite((double)payload!),
            ExprKind.Power => IsTotalPower(args[0], args[1]),
            ExprKind.Call => ((Function)payload!).IsTotal,
            _ => true,
        };
        foreach (var a in args)
        {
            h = Mix(h, a.shash);
            total &= a.IsTotal;
        }
        return new Expr(kind, payload, args, h, total);
    }

    private static bool IsTotalPower(Expr b, Expr e)
    {
        if (e.Kind == ExprKind.Number) { var r = e.Value; return r.IsInteger && r.Sign >= 0; }
        return b.Kind == ExprKind.Number && b.Value.Sign > 0 || b.Kind == ExprKind.Constant;
    }

    private static ulong Mix(ulong h, ulong v)
    {
        h ^= v + 0x9E3779B97F4A7C15UL + (h << 6) + (h >> 2);
        h *= 0xBF58476D1CE4E5B9UL;
        return h ^ (h >> 31);
    }

    private static ulong PayloadHash(object? payload) => payload switch
    {
        null => 0,
        string s => Fnv(s),
        Rational r => Fnv(r.ToString()),
        double d => (ulong)BitConverter.DoubleToInt64Bits(d),
        Function f => Fnv(f.Name),
        CompareOp op => (ulong)op + 17,
        bool b => b ? 3UL : 5UL,
        _ => 0,
    };

    private static ulong Fnv(string s)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in s) { h ^= c; h *= 1099511628211UL; }
        return h;
    }
}
