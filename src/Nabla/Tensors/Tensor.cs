using System.Globalization;
using System.Numerics;
using System.Text;

namespace Nabla.Tensors;

/// <summary>
/// A dense row-major tensor of <typeparamref name="T"/> (float or double) that may take part in
/// reverse-mode differentiation. Values live in a contiguous slice of an array, so parameter
/// tensors can be views into one flat parameter vector. Operations are in <see cref="Tensor"/>;
/// each one records its backward rule when an input requires a gradient and recording is on.
/// </summary>
public sealed class Tensor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] storage;
    private readonly int offset;
    private readonly int[] shape;
    private bool requiresGrad;

    internal Tensor(T[] storage, int offset, int[] shape)
    {
        this.storage = storage;
        this.offset = offset;
        this.shape = shape;
        Size = Shapes.Size(shape);
        if (offset < 0 || offset + (long)Size > storage.Length)
            throw new TensorShapeException($"a tensor of shape {Shapes.Format(shape)} at offset {offset} does not fit in {storage.Length} elements");
    }

    internal Tensor(int[] shape) : this(new T[Shapes.Size(shape)], 0, shape) { }

    /// <summary>Number of elements.</summary>
    public int Size { get; }

    public int Rank => shape.Length;

    public ReadOnlySpan<int> Shape => shape;

    internal int[] ShapeArray => shape;

    /// <summary>Length of axis <paramref name="axis"/> (negative counts from the end).</summary>
    public int Dim(int axis) => shape[Shapes.Axis(axis, shape.Length, "Dim")];

    /// <summary>The values, row-major. Writing to them changes the tensor in place (for parameters and buffers).</summary>
    public Span<T> Data => storage.AsSpan(offset, Size);

    internal T[] Storage => storage;
    internal int Offset => offset;

    internal GradNode<T>? Node { get; set; }

    /// <summary>True for leaves marked as parameters and for every result computed from them while recording.</summary>
    public bool RequiresGrad
    {
        get => requiresGrad || Node is not null;
        set
        {
            if (Node is not null) throw new InvalidOperationException("RequiresGrad can only be set on a leaf tensor.");
            requiresGrad = value;
        }
    }

    /// <summary>True when the tensor was not computed by a recorded operation.</summary>
    public bool IsLeaf => Node is null;

    /// <summary>Name of the operation that produced the tensor, or null for a leaf.</summary>
    public string? Operation => Node?.Name;

    /// <summary>Gradient accumulated by <see cref="Autograd.Backward{T}"/>.</summary>
    public Tensor<T>? Grad { get; set; }

    public static Tensor<T> Zeros(params int[] shape) => new((int[])shape.Clone());

    public static Tensor<T> Ones(params int[] shape) => Full(T.One, shape);

    public static Tensor<T> Full(T value, params int[] shape)
    {
        var t = new Tensor<T>((int[])shape.Clone());
        t.Data.Fill(value);
        return t;
    }

    public static Tensor<T> Scalar(T value) => Full(value);

    /// <summary>A tensor holding a copy of <paramref name="values"/>.</summary>
    public static Tensor<T> FromArray(ReadOnlySpan<T> values, params int[] shape)
    {
        var t = new Tensor<T>((int[])shape.Clone());
        if (values.Length != t.Size)
            throw new TensorShapeException($"{values.Length} values do not fill a tensor of shape {Shapes.Format(shape)} ({t.Size} elements)");
        values.CopyTo(t.Data);
        return t;
    }

    /// <summary>A tensor viewing <paramref name="storage"/> from <paramref name="offset"/> without copying.</summary>
    public static Tensor<T> View(T[] storage, int offset, params int[] shape) => new(storage, offset, (int[])shape.Clone());

    [System.Runtime.CompilerServices.IndexerName("Element")]
    public T this[params int[] index]
    {
        get => storage[offset + FlatIndex(index)];
        set => storage[offset + FlatIndex(index)] = value;
    }

    private int FlatIndex(int[] index)
    {
        if (index.Length != shape.Length)
            throw new TensorShapeException($"index of rank {index.Length} for a tensor of shape {Shapes.Format(shape)}");
        int flat = 0;
        for (int i = 0; i < shape.Length; i++)
        {
            if ((uint)index[i] >= (uint)shape[i])
                throw new TensorShapeException($"index {index[i]} is out of range for axis {i} of shape {Shapes.Format(shape)}");
            flat = flat * shape[i] + index[i];
        }
        return flat;
    }

    /// <summary>The single value of a one-element tensor.</summary>
    public T Item()
    {
        if (Size != 1) throw new TensorShapeException($"Item() needs one element, the tensor has shape {Shapes.Format(shape)}");
        return storage[offset];
    }

    public T[] ToArray() => Data.ToArray();

    /// <summary>The same values without the computation history (shares storage).</summary>
    public Tensor<T> Detach() => new(storage, offset, shape);

    /// <summary>A copy of the values without history.</summary>
    public Tensor<T> Clone() => FromArray(Data, shape);

    public static Tensor<T> operator +(Tensor<T> a, Tensor<T> b) => Tensor.Add(a, b);
    public static Tensor<T> operator -(Tensor<T> a, Tensor<T> b) => Tensor.Subtract(a, b);
    public static Tensor<T> operator *(Tensor<T> a, Tensor<T> b) => Tensor.Multiply(a, b);
    public static Tensor<T> operator /(Tensor<T> a, Tensor<T> b) => Tensor.Divide(a, b);
    public static Tensor<T> operator -(Tensor<T> a) => Tensor.Negate(a);
    public static Tensor<T> operator *(Tensor<T> a, T s) => Tensor.Scale(a, s);
    public static Tensor<T> operator *(T s, Tensor<T> a) => Tensor.Scale(a, s);
    public static Tensor<T> operator +(Tensor<T> a, T s) => Tensor.AddScalar(a, s);
    public static Tensor<T> operator -(Tensor<T> a, T s) => Tensor.AddScalar(a, -s);

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("Tensor<").Append(typeof(T).Name).Append('>').Append(Shapes.Format(shape));
        if (Node is not null) sb.Append(" (").Append(Node.Name).Append(')');
        sb.Append(' ');
        var data = Data;
        int shown = Math.Min(data.Length, 8);
        sb.Append('[');
        for (int i = 0; i < shown; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(data[i].ToString("G6", CultureInfo.InvariantCulture));
        }
        if (shown < data.Length) sb.Append(", ...");
        sb.Append(']');
        return sb.ToString();
    }
}
