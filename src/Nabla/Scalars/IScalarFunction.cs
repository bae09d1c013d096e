namespace Nabla;

/// <summary>
/// A scalar function of a vector, written once over any <see cref="IScalar{T}"/>. Implement it on
/// a struct: Nabla's generic entry points take the struct as a type parameter, so every mode is
/// specialised and inlined by the JIT.
/// </summary>
public interface IScalarFunction
{
    T Evaluate<T>(ReadOnlySpan<T> x) where T : IScalar<T>;
}

/// <summary>A vector-valued function y = F(x), written once over any <see cref="IScalar{T}"/>.</summary>
public interface IVectorFunction
{
    /// <summary>Number of outputs for an input of the given length.</summary>
    int OutputLength(int inputLength);

    void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IScalar<T>;
}
