namespace Nabla.Tensors;

/// <summary>Shape arithmetic: sizes, strides, broadcasting, printing.</summary>
internal static class Shapes
{
    /// <summary>Largest number of elements one tensor may hold (guards against unbounded allocation).</summary>
    public const long MaxSize = 1L << 30;

    public static int Size(ReadOnlySpan<int> shape)
    {
        long size = 1;
        foreach (var d in shape)
        {
            if (d < 0) throw new TensorShapeException($"negative dimension in shape {Format(shape)}");
            size *= d;
            if (size > MaxSize) throw new TensorShapeException($"shape {Format(shape)} has more than {MaxSize} elements");
        }
        return (int)size;
    }

    public static string Format(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";

    public static bool Equal(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => a.SequenceEqual(b);

    public static int[] Broadcast(ReadOnlySpan<int> a, ReadOnlySpan<int> b, string op)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
                throw new TensorShapeException($"{op}: shapes {Format(a)} and {Format(b)} cannot be broadcast together");
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>Strides of <paramref name="shape"/> seen from the broadcast <paramref name="target"/> shape (0 on broadcast axes).</summary>
    public static int[] BroadcastStrides(ReadOnlySpan<int> shape, ReadOnlySpan<int> target)
    {
        int rank = target.Length;
        var strides = new int[rank];
        int stride = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            int t = i + rank - shape.Length;
            strides[t] = shape[i] == 1 && target[t] != 1 ? 0 : stride;
            stride *= shape[i];
        }
        return strides;
    }

    public static bool CanBroadcastTo(ReadOnlySpan<int> shape, ReadOnlySpan<int> target)
    {
        if (shape.Length > target.Length) return false;
        for (int i = 0; i < shape.Length; i++)
        {
            int t = target[i + target.Length - shape.Length];
            if (shape[i] != t && shape[i] != 1) return false;
        }
        return true;
    }

    public static int Axis(int axis, int rank, string op)
    {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw new TensorShapeException($"{op}: axis {axis} is out of range for a tensor of rank {rank}");
        return a;
    }

    /// <summary>(product of dims before axis, dim, product of dims after axis).</summary>
    public static (int Outer, int Length, int Inner) Split(ReadOnlySpan<int> shape, int axis)
    {
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= shape[i];
        for (int i = axis + 1; i < shape.Length; i++) inner *= shape[i];
        return (outer, shape[axis], inner);
    }
}
