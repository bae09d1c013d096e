namespace Nabla;

/// <summary>
/// The number type a user function is written over, once, so that it runs unchanged on plain
/// doubles (<see cref="Real"/>), on dual and Taylor numbers, on the reverse-mode tape, on intervals
/// and on the symbolic tracer. Every member is static so that a struct instantiation is specialised
/// by the JIT and costs nothing over hand-written code.
/// </summary>
/// <remarks>
/// Comparisons compare primal values (<see cref="Value"/>): a branch in user code follows the
/// value, as it does for doubles. Types that need to know about branches (the symbolic tracer,
/// which records guards) observe the comparisons through these operators.
/// </remarks>
public interface IScalar<T> :
    IEquatable<T>
    where T : IScalar<T>
{
    /// <summary>The primal (ordinary double) value, used for branching and for reporting.</summary>
    double Value { get; }

    static abstract T Zero { get; }
    static abstract T One { get; }

    /// <summary>A constant: zero derivative in every differentiation mode.</summary>
    static abstract T Constant(double value);

    static abstract implicit operator T(double value);

    static abstract T operator +(T a, T b);
    static abstract T operator -(T a, T b);
    static abstract T operator *(T a, T b);
    static abstract T operator /(T a, T b);
    static abstract T operator -(T a);

    static abstract bool operator <(T a, T b);
    static abstract bool operator >(T a, T b);
    static abstract bool operator <=(T a, T b);
    static abstract bool operator >=(T a, T b);

    static abstract T Sin(T x);
    static abstract T Cos(T x);
    static abstract T Tan(T x);
    static abstract T Asin(T x);
    static abstract T Acos(T x);
    static abstract T Atan(T x);
    static abstract T Atan2(T y, T x);
    static abstract T Sinh(T x);
    static abstract T Cosh(T x);
    static abstract T Tanh(T x);
    static abstract T Exp(T x);
    static abstract T Log(T x);
    static abstract T Sqrt(T x);
    static abstract T Cbrt(T x);
    static abstract T Abs(T x);
    static abstract T Sign(T x);
    /// <summary>x raised to a real power y (both may vary).</summary>
    static abstract T Pow(T x, T y);
    /// <summary>x raised to an integer power: exact at x = 0 and for negative x.</summary>
    static abstract T Pow(T x, int n);
    static abstract T Min(T a, T b);
    static abstract T Max(T a, T b);

    static virtual T Square(T x) => x * x;
    static virtual T Sigmoid(T x) => T.One / (T.One + T.Exp(-x));
    static virtual T Softplus(T x) => T.Max(x, T.Zero) + T.Log(T.One + T.Exp(-T.Abs(x)));
    static virtual T Relu(T x) => T.Max(x, T.Zero);
}
