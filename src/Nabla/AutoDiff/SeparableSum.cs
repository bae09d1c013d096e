using System.Runtime.CompilerServices;

namespace Nabla.AutoDiff;

/// <summary>The partially separable function Σ_e φ(x_e) of an <see cref="IElementFunction"/> as an ordinary <see cref="IScalarFunction"/>.</summary>
public readonly struct SeparableSum<TE>(TE element) : IScalarFunction where TE : IElementFunction
{
    /// <summary>Largest element arity supported.</summary>
    public const int MaxArity = 8;

    public TE Element => element;

    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T>
    {
        int n = x.Length, m = element.ElementCount(n), k = element.Arity;
        CheckArity(k);
        var buf = new ElementBuffer<T>();
        Span<T> xe = buf;
        xe = xe[..k];
        var s = T.Zero;
        for (int e = 0; e < m; e++)
        {
            for (int j = 0; j < k; j++) xe[j] = x[element.Index(e, j, n)];
            s += element.Evaluate<T>(xe);
        }
        return s;
    }

    internal static void CheckArity(int k)
    {
        if (k < 1 || k > MaxArity) throw new NablaInputException($"Element arity {k} is out of range 1..{MaxArity}.");
    }
}

/// <summary>Inline storage for one element's inputs (any scalar type, no allocation).</summary>
[InlineArray(SeparableSum<DummyElement>.MaxArity)]
internal struct ElementBuffer<T>
{
    T first;
}

internal readonly struct DummyElement : IElementFunction
{
    public int Arity => 1;
    public int Stride => 0;
    public int ElementCount(int n) => 0;
    public int Index(int element, int slot, int n) => 0;
    public T Evaluate<T>(ReadOnlySpan<T> xe) where T : IScalar<T> => xe[0];
}
