using System.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Nabla.Tensors;

public static partial class Tensor
{
    /// <summary>Sum of all elements (a rank-0 tensor).</summary>
    public static Tensor<T> Sum<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = Tensor<T>.Scalar(TP.Sum(x.Data));
        var shape = x.ShapeArray;
        return Autograd.Record(r, "sum", [x], g => [BroadcastTo(g, shape)]);
    }

    /// <summary>Sum along <paramref name="axis"/>, dropping it unless <paramref name="keepDim"/>.</summary>
    public static Tensor<T> Sum<T>(Tensor<T> x, int axis, bool keepDim = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int ax = Shapes.Axis(axis, x.Rank, "Sum");
        var (outer, len, inner) = Shapes.Split(x.Shape, ax);
        var kept = x.ShapeArray.ToArray();
        kept[ax] = 1;
        var r = new Tensor<T>(keepDim ? kept : DropAxis(x.ShapeArray, ax));
        var src = x.Data;
        var d = r.Data;
        for (int o = 0; o < outer; o++)
        {
            var dst = d.Slice(o * inner, inner);
            for (int l = 0; l < len; l++) TP.Add(dst, src.Slice((o * len + l) * inner, inner), dst);
        }
        var shape = x.ShapeArray;
        return Autograd.Record(r, "sum-axis", [x], g => [BroadcastTo(Reshape(g, kept), shape)]);
    }

    public static Tensor<T> Mean<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Scale(Sum(x), T.One / T.CreateTruncating(Math.Max(1, x.Size)));

    public static Tensor<T> Mean<T>(Tensor<T> x, int axis, bool keepDim = false) where T : unmanaged, IFloatingPointIeee754<T> =>
        Scale(Sum(x, axis, keepDim), T.One / T.CreateTruncating(Math.Max(1, x.Dim(axis))));

    /// <summary>Inner product of two tensors of the same shape (usually vectors).</summary>
    public static Tensor<T> Dot<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Shapes.Equal(a.Shape, b.Shape)) throw new TensorShapeException($"Dot: shapes {Shapes.Format(a.Shape)} and {Shapes.Format(b.Shape)} differ");
        var r = Tensor<T>.Scalar(TP.Dot(a.Data, b.Data));
        return Autograd.Record(r, "dot", [a, b], g => [a.RequiresGrad ? Multiply(g, b) : null, b.RequiresGrad ? Multiply(g, a) : null]);
    }

    /// <summary>Euclidean norm of all elements.</summary>
    public static Tensor<T> Norm<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Sqrt(Sum(Square(x)));

    /// <summary>The p-norm of all elements for p = 1 (sum of absolute values) or p = 2 (Euclidean).</summary>
    public static Tensor<T> Norm<T>(Tensor<T> x, int p) where T : unmanaged, IFloatingPointIeee754<T> => p switch
    {
        1 => Sum(Abs(x)),
        2 => Norm(x),
        _ => throw new NablaInputException($"Norm: p = {p} is not supported (1 or 2)"),
    };

    private static int[] DropAxis(int[] shape, int axis)
    {
        var r = new int[shape.Length - 1];
        for (int i = 0, j = 0; i < shape.Length; i++) if (i != axis) r[j++] = shape[i];
        return r;
    }
}
