namespace Nabla.AutoDiff;

/// <summary>
/// A partially separable function f(x) = Σ_e φ(x[Index(e, 0)], ..., x[Index(e, Arity-1)]): one
/// small element function φ, written once over <see cref="IScalar{T}"/>, applied to many windows
/// of x (the extended Rosenbrock function, most large MGH/CUTEst problems, per-sample losses).
/// Nabla evaluates 8 elements per SIMD register (<see cref="Lanes8"/>) and differentiates each
/// element in forward mode, so gradients and Hessian-vector products of millions of variables run
/// at the speed of hand-written loops, and the Hessian's sparsity is known by construction.
/// Use <see cref="SeparableSum{TE}"/> to run the same function in every other mode.
/// </summary>
public interface IElementFunction
{
    /// <summary>Number of inputs of φ (at most <see cref="SeparableSum{TE}.MaxArity"/>).</summary>
    int Arity { get; }

    /// <summary>Number of elements for n variables.</summary>
    int ElementCount(int n);

    /// <summary>
    /// When positive, element e reads the window x[e·Stride .. e·Stride + Arity − 1] (then
    /// <see cref="Index"/> must agree, and the vectorized path gathers without calling it); 0 for
    /// an arbitrary pattern given by <see cref="Index"/>.
    /// </summary>
    int Stride { get; }

    /// <summary>The variable read by input <paramref name="slot"/> of element <paramref name="element"/>.</summary>
    int Index(int element, int slot, int n);

    /// <summary>φ of one element's inputs (the same φ for every element).</summary>
    /// <remarks>
    /// Mark it <c>[MethodImpl(MethodImplOptions.AggressiveInlining)]</c> when φ is small: the
    /// vectorized path calls it on 8-lane duals (128 bytes each), and when the JIT leaves the call
    /// in place they travel through memory; inlined, extended Rosenbrock's gradient at n = 10⁶ ran
    /// in 1.7 ms instead of 2.5 ms (docs/performance.md).
    /// </remarks>
    T Evaluate<T>(ReadOnlySpan<T> xe) where T : IScalar<T>;
}
