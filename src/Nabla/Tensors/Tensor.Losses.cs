using System.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Nabla.Tensors;

public static partial class Tensor
{
    /// <summary>log softmax along the last axis, computed stably (shifted by the row maximum).</summary>
    public static Tensor<T> LogSoftmax<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = new Tensor<T>(x.ShapeArray);
        int w = x.Dim(-1);
        var src = x.Data;
        var d = r.Data;
        for (int o = 0; o < src.Length; o += w) LogSoftmaxRow(src.Slice(o, w), d.Slice(o, w));
        // d/dx: g - softmax · Σg (softmax = exp(y), which stays differentiable).
        return Autograd.Record(r, "log-softmax", [x], g => [Subtract(g, Multiply(Exp(r), Sum(g, -1, keepDim: true)))]);
    }

    /// <summary>softmax along the last axis.</summary>
    public static Tensor<T> Softmax<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Exp(LogSoftmax(x));

    internal static void LogSoftmaxRow<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = TP.Max(x);
        TP.Subtract(x, max, y);
        T sum = T.Zero;
        foreach (var v in y) sum += T.Exp(v);
        TP.Subtract(y, T.Log(sum), y);
    }

    /// <summary>Mean over rows of -log softmax(logits)[label]: logits [n, classes], labels in 0..classes-1.</summary>
    public static Tensor<T> CrossEntropy<T>(Tensor<T> logits, ReadOnlySpan<int> labels) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (logits.Rank != 2 || logits.Dim(0) != labels.Length)
            throw new TensorShapeException($"CrossEntropy: logits of shape {Shapes.Format(logits.Shape)} for {labels.Length} labels");
        int c = logits.Dim(1);
        foreach (var l in labels)
            if ((uint)l >= (uint)c) throw new TensorShapeException($"CrossEntropy: label {l} is outside 0..{c - 1}");
        return Negate(Mean(Pick(LogSoftmax(logits), labels.ToArray())));
    }

    /// <summary>Mean squared error over all elements.</summary>
    public static Tensor<T> MeanSquaredError<T>(Tensor<T> prediction, Tensor<T> target) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Shapes.Equal(prediction.Shape, target.Shape))
            throw new TensorShapeException($"MeanSquaredError: shapes {Shapes.Format(prediction.Shape)} and {Shapes.Format(target.Shape)} differ");
        return Mean(Square(Subtract(prediction, target)));
    }

    /// <summary>x[i, columns[i]] for each row i (gather); adjoint of <see cref="Place{T}"/>.</summary>
    internal static Tensor<T> Pick<T>(Tensor<T> x, int[] columns) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = x.Dim(1);
        var r = new Tensor<T>([columns.Length]);
        var src = x.Data;
        var d = r.Data;
        for (int i = 0; i < columns.Length; i++) d[i] = src[i * c + columns[i]];
        return Autograd.Record(r, "pick", [x], g => [Place(g, columns, c)]);
    }

    /// <summary>A [n, classes] tensor of zeros with v[i] at (i, columns[i]) (scatter); adjoint of Pick.</summary>
    internal static Tensor<T> Place<T>(Tensor<T> v, int[] columns, int classes) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = new Tensor<T>([columns.Length, classes]);
        var src = v.Data;
        var d = r.Data;
        for (int i = 0; i < columns.Length; i++) d[i * classes + columns[i]] = src[i];
        return Autograd.Record(r, "place", [v], g => [Pick(g, columns)]);
    }
}
