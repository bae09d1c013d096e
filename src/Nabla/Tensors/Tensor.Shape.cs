using System.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Nabla.Tensors;

public static partial class Tensor
{
    /// <summary>A view with a new shape (one axis may be -1); shares storage.</summary>
    public static Tensor<T> Reshape<T>(Tensor<T> x, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = (int[])shape.Clone();
        int infer = Array.IndexOf(s, -1);
        if (infer >= 0)
        {
            int known = 1;
            for (int i = 0; i < s.Length; i++) if (i != infer) known *= s[i];
            if (known == 0 || x.Size % known != 0)
                throw new TensorShapeException($"Reshape: cannot infer -1 in {Shapes.Format(shape)} for {x.Size} elements");
            s[infer] = x.Size / known;
        }
        if (Shapes.Size(s) != x.Size)
            throw new TensorShapeException($"Reshape: shape {Shapes.Format(x.Shape)} ({x.Size} elements) cannot become {Shapes.Format(shape)}");
        var r = new Tensor<T>(x.Storage, x.Offset, s);
        var original = x.ShapeArray;
        return Autograd.Record(r, "reshape", [x], g => [Reshape(g, original)]);
    }

    /// <summary>Swaps the last two axes (matrix transpose; batched for rank 3).</summary>
    public static Tensor<T> Transpose<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Rank is not (2 or 3)) throw new TensorShapeException($"Transpose: needs rank 2 or 3, got shape {Shapes.Format(x.Shape)}");
        int batch = x.Rank == 3 ? x.Dim(0) : 1, m = x.Dim(-2), n = x.Dim(-1);
        var shape = x.Rank == 3 ? new[] { batch, n, m } : new[] { n, m };
        var r = new Tensor<T>(shape);
        var src = x.Data;
        var dst = r.Data;
        const int B = 32;
        for (int bt = 0; bt < batch; bt++)
        {
            int o = bt * m * n;
            for (int i0 = 0; i0 < m; i0 += B)
                for (int j0 = 0; j0 < n; j0 += B)
                    for (int i = i0; i < Math.Min(m, i0 + B); i++)
                        for (int j = j0; j < Math.Min(n, j0 + B); j++)
                            dst[o + j * m + i] = src[o + i * n + j];
        }
        return Autograd.Record(r, "transpose", [x], g => [Transpose(g)]);
    }

    /// <summary>Repeats <paramref name="x"/> along broadcast axes to <paramref name="shape"/>.</summary>
    public static Tensor<T> BroadcastTo<T>(Tensor<T> x, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Shapes.Equal(x.Shape, shape)) return x;
        if (!Shapes.CanBroadcastTo(x.Shape, shape))
            throw new TensorShapeException($"BroadcastTo: shape {Shapes.Format(x.Shape)} cannot be broadcast to {Shapes.Format(shape)}");
        var target = (int[])shape.Clone();
        var r = new Tensor<T>(target);
        Expand(x, target).CopyTo(r.Data);
        var original = x.ShapeArray;
        return Autograd.Record(r, "broadcast", [x], g => [SumTo(g, original)]);
    }

    /// <summary>Sums <paramref name="x"/> over the axes along which <paramref name="shape"/> was broadcast to x's shape (the adjoint of BroadcastTo).</summary>
    public static Tensor<T> SumTo<T>(Tensor<T> x, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Shapes.Equal(x.Shape, shape)) return x;
        if (!Shapes.CanBroadcastTo(shape, x.Shape))
            throw new TensorShapeException($"SumTo: shape {Shapes.Format(x.Shape)} cannot be reduced to {Shapes.Format(shape)}");
        var target = (int[])shape.Clone();
        var r = new Tensor<T>(target);
        var d = r.Data;
        var src = x.Data;
        if (r.Size == 1)
            d[0] = TP.Sum(src);
        else if (IsSuffix(target, x.Shape))
        {
            int w = r.Size;
            for (int o = 0; o < src.Length; o += w) TP.Add(d, src.Slice(o, w), d);
        }
        else
        {
            var map = MapIndices(x.ShapeArray, Shapes.BroadcastStrides(target, x.Shape));
            for (int flat = 0; flat < map.Length; flat++) d[map[flat]] += src[flat];
        }
        var original = x.ShapeArray;
        return Autograd.Record(r, "sum-to", [x], g => [BroadcastTo(g, original)]);
    }

    /// <summary>Elements <paramref name="start"/> .. start+length-1 along <paramref name="axis"/>.</summary>
    public static Tensor<T> Narrow<T>(Tensor<T> x, int axis, int start, int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int ax = Shapes.Axis(axis, x.Rank, "Narrow");
        var (outer, len, inner) = Shapes.Split(x.Shape, ax);
        if (start < 0 || length < 0 || start + length > len)
            throw new TensorShapeException($"Narrow: range {start}..{start + length - 1} is outside axis {ax} of length {len}");
        var shape = x.ShapeArray.ToArray();
        shape[ax] = length;
        var r = new Tensor<T>(shape);
        var src = x.Data;
        var d = r.Data;
        for (int o = 0; o < outer; o++)
            src.Slice((o * len + start) * inner, length * inner).CopyTo(d.Slice(o * length * inner, length * inner));
        return Autograd.Record(r, "narrow", [x], g => [Pad(g, ax, start, len)]);
    }

    /// <summary>Rows start .. start+count-1 (axis 0).</summary>
    public static Tensor<T> SliceRows<T>(Tensor<T> x, int start, int count) where T : unmanaged, IFloatingPointIeee754<T> => Narrow(x, 0, start, count);

    /// <summary>Embeds <paramref name="x"/> at <paramref name="start"/> of an axis of length <paramref name="length"/>, zeros elsewhere (adjoint of Narrow).</summary>
    internal static Tensor<T> Pad<T>(Tensor<T> x, int axis, int start, int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (outer, len, inner) = Shapes.Split(x.Shape, axis);
        var shape = x.ShapeArray.ToArray();
        shape[axis] = length;
        var r = new Tensor<T>(shape);
        var src = x.Data;
        var d = r.Data;
        for (int o = 0; o < outer; o++)
            src.Slice(o * len * inner, len * inner).CopyTo(d.Slice((o * length + start) * inner, len * inner));
        return Autograd.Record(r, "pad", [x], g => [Narrow(g, axis, start, len)]);
    }

    /// <summary>Joins tensors along <paramref name="axis"/>; the other axes must agree.</summary>
    public static Tensor<T> Concat<T>(IReadOnlyList<Tensor<T>> parts, int axis = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (parts.Count == 0) throw new TensorShapeException("Concat: no tensors");
        int ax = Shapes.Axis(axis, parts[0].Rank, "Concat");
        var shape = parts[0].ShapeArray.ToArray();
        int total = 0;
        foreach (var p in parts)
        {
            if (p.Rank != shape.Length) throw new TensorShapeException($"Concat: ranks differ ({Shapes.Format(parts[0].Shape)} and {Shapes.Format(p.Shape)})");
            for (int i = 0; i < shape.Length; i++)
                if (i != ax && p.Shape[i] != shape[i])
                    throw new TensorShapeException($"Concat: shapes {Shapes.Format(parts[0].Shape)} and {Shapes.Format(p.Shape)} differ outside axis {ax}");
            total += p.Shape[ax];
        }
        shape[ax] = total;
        var r = new Tensor<T>(shape);
        var (outer, _, inner) = Shapes.Split(shape, ax);
        var d = r.Data;
        int at = 0;
        var starts = new int[parts.Count];
        for (int k = 0; k < parts.Count; k++)
        {
            starts[k] = at;
            int len = parts[k].Shape[ax];
            var src = parts[k].Data;
            for (int o = 0; o < outer; o++)
                src.Slice(o * len * inner, len * inner).CopyTo(d.Slice((o * total + at) * inner, len * inner));
            at += len;
        }
        var inputs = parts.ToArray();
        return Autograd.Record(r, "concat", inputs, g =>
        {
            var grads = new Tensor<T>?[inputs.Length];
            for (int k = 0; k < inputs.Length; k++)
                if (inputs[k].RequiresGrad) grads[k] = Narrow(g, ax, starts[k], inputs[k].Shape[ax]);
            return grads;
        });
    }

    /// <summary>The values of <paramref name="x"/> laid out in <paramref name="shape"/> with broadcasting (no history).</summary>
    private static T[] Expand<T>(Tensor<T> x, int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new T[Shapes.Size(shape)];
        var src = x.Data;
        var map = MapIndices(shape, Shapes.BroadcastStrides(x.Shape, shape));
        for (int flat = 0; flat < map.Length; flat++) result[flat] = src[map[flat]];
        return result;
    }

    /// <summary>For every element of <paramref name="shape"/> (row-major), its index under <paramref name="strides"/>.</summary>
    private static int[] MapIndices(int[] shape, int[] strides)
    {
        int rank = shape.Length;
        var map = new int[Shapes.Size(shape)];
        var idx = new int[rank];
        int mapped = 0;
        for (int flat = 0; flat < map.Length; flat++)
        {
            map[flat] = mapped;
            for (int ax = rank - 1; ax >= 0; ax--)
            {
                idx[ax]++;
                mapped += strides[ax];
                if (idx[ax] < shape[ax]) break;
                mapped -= strides[ax] * shape[ax];
                idx[ax] = 0;
            }
        }
        return map;
    }
}
