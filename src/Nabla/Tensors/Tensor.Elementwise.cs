using System.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Nabla.Tensors;

/// <summary>Differentiable tensor operations. Each declares its forward kernel and its backward rule together.</summary>
public static partial class Tensor
{
    private enum BinaryKind { Add, Subtract, Multiply, Divide }

    /// <summary>a + b with NumPy broadcasting.</summary>
    public static Tensor<T> Add<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Autograd.Record(Binary(a, b, BinaryKind.Add, "add"), "add", [a, b], g => [SumTo(g, a.ShapeArray), SumTo(g, b.ShapeArray)]);

    public static Tensor<T> Subtract<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Autograd.Record(Binary(a, b, BinaryKind.Subtract, "subtract"), "subtract", [a, b], g => [SumTo(g, a.ShapeArray), Negate(SumTo(g, b.ShapeArray))]);

    public static Tensor<T> Multiply<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Autograd.Record(Binary(a, b, BinaryKind.Multiply, "multiply"), "multiply", [a, b],
            g => [a.RequiresGrad ? SumTo(Multiply(g, b), a.ShapeArray) : null, b.RequiresGrad ? SumTo(Multiply(g, a), b.ShapeArray) : null]);

    public static Tensor<T> Divide<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Autograd.Record(Binary(a, b, BinaryKind.Divide, "divide"), "divide", [a, b],
            g => [a.RequiresGrad ? SumTo(Divide(g, b), a.ShapeArray) : null,
                  b.RequiresGrad ? SumTo(Negate(Divide(Multiply(g, a), Square(b))), b.ShapeArray) : null]);

    public static Tensor<T> Negate<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = new Tensor<T>(x.ShapeArray);
        TP.Negate(x.Data, r.Data);
        return Autograd.Record(r, "negate", [x], g => [Negate(g)]);
    }

    /// <summary>s x.</summary>
    public static Tensor<T> Scale<T>(Tensor<T> x, T s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = new Tensor<T>(x.ShapeArray);
        TP.Multiply(x.Data, s, r.Data);
        return Autograd.Record(r, "scale", [x], g => [Scale(g, s)]);
    }

    /// <summary>x + s.</summary>
    public static Tensor<T> AddScalar<T>(Tensor<T> x, T s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = new Tensor<T>(x.ShapeArray);
        TP.Add(x.Data, s, r.Data);
        return Autograd.Record(r, "add-scalar", [x], g => [g]);
    }

    public static Tensor<T> Square<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = new Tensor<T>(x.ShapeArray);
        TP.Multiply(x.Data, x.Data, r.Data);
        return Autograd.Record(r, "square", [x], g => [Scale(Multiply(g, x), T.CreateTruncating(2))]);
    }

    /// <summary>|x|; the derivative sign(x) is piecewise constant (0 at 0).</summary>
    public static Tensor<T> Abs<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = new Tensor<T>(x.ShapeArray);
        TP.Abs(x.Data, r.Data);
        return Autograd.Record(r, "abs", [x], g =>
        {
            var sign = new Tensor<T>(x.ShapeArray);
            var xs = x.Data;
            var s = sign.Data;
            for (int i = 0; i < s.Length; i++) s[i] = T.CreateTruncating(T.Sign(xs[i]));
            return [Multiply(g, sign)];
        });
    }

    public static Tensor<T> Exp<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = new Tensor<T>(x.ShapeArray);
        TP.Exp(x.Data, r.Data);
        return Autograd.Record(r, "exp", [x], g => [Multiply(g, r)]);
    }

    public static Tensor<T> Log<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = new Tensor<T>(x.ShapeArray);
        TP.Log(x.Data, r.Data);
        return Autograd.Record(r, "log", [x], g => [Divide(g, x)]);
    }

    public static Tensor<T> Sqrt<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = new Tensor<T>(x.ShapeArray);
        TP.Sqrt(x.Data, r.Data);
        return Autograd.Record(r, "sqrt", [x], g => [Divide(Scale(g, T.CreateTruncating(0.5)), r)]);
    }

    private static Tensor<T> Binary<T>(Tensor<T> a, Tensor<T> b, BinaryKind kind, string op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Shapes.Equal(a.Shape, b.Shape))
        {
            var same = new Tensor<T>(a.ShapeArray);
            Apply(kind, a.Data, b.Data, same.Data);
            return same;
        }
        var shape = Shapes.Broadcast(a.Shape, b.Shape, op);
        var r = new Tensor<T>(shape);
        var d = r.Data;
        if (b.Size == 1 && a.Size == r.Size)
        {
            T s = b.Data[0];
            switch (kind)
            {
                case BinaryKind.Add: TP.Add(a.Data, s, d); break;
                case BinaryKind.Subtract: TP.Subtract(a.Data, s, d); break;
                case BinaryKind.Multiply: TP.Multiply(a.Data, s, d); break;
                default: TP.Divide(a.Data, s, d); break;
            }
            return r;
        }
        if (a.Size == 1 && b.Size == r.Size)
        {
            T s = a.Data[0];
            switch (kind)
            {
                case BinaryKind.Add: TP.Add(b.Data, s, d); break;
                case BinaryKind.Subtract: TP.Subtract(s, b.Data, d); break;
                case BinaryKind.Multiply: TP.Multiply(b.Data, s, d); break;
                default: TP.Divide(s, b.Data, d); break;
            }
            return r;
        }
        // Row broadcast: one operand is the full shape, the other repeats along the leading axes.
        if (a.Size == r.Size && IsSuffix(b.Shape, shape))
        {
            int w = b.Size;
            for (int o = 0; o < r.Size; o += w) Apply(kind, a.Data.Slice(o, w), b.Data, d.Slice(o, w));
            return r;
        }
        if (b.Size == r.Size && IsSuffix(a.Shape, shape))
        {
            int w = a.Size;
            for (int o = 0; o < r.Size; o += w) Apply(kind, a.Data, b.Data.Slice(o, w), d.Slice(o, w));
            return r;
        }
        Apply(kind, Expand(a, shape), Expand(b, shape), d);
        return r;
    }

    private static void Apply<T>(BinaryKind kind, ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (kind)
        {
            case BinaryKind.Add: TP.Add(x, y, d); break;
            case BinaryKind.Subtract: TP.Subtract(x, y, d); break;
            case BinaryKind.Multiply: TP.Multiply(x, y, d); break;
            default: TP.Divide(x, y, d); break;
        }
    }

    /// <summary>True when <paramref name="small"/>, without leading ones, is the trailing part of <paramref name="full"/>.</summary>
    private static bool IsSuffix(ReadOnlySpan<int> small, ReadOnlySpan<int> full)
    {
        int s = 0;
        while (s < small.Length && small[s] == 1) s++;
        var core = small[s..];
        return core.Length <= full.Length && core.SequenceEqual(full[(full.Length - core.Length)..]);
    }
}
