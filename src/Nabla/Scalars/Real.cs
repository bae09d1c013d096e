using System.Runtime.CompilerServices;

namespace Nabla;

/// <summary>
/// A double that implements <see cref="IScalar{T}"/>: the "no differentiation" instantiation of a
/// user function. It is a single-field struct, so the JIT compiles generic code over it to the same
/// machine code as code over double; spans of doubles are reinterpreted, never copied.
/// </summary>
public readonly record struct Real(double V) : IScalar<Real>
{
    public double Value => V;
    public static Real Zero => new(0);
    public static Real One => new(1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Real Constant(double value) => new(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static implicit operator Real(double value) => new(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static explicit operator double(Real x) => x.V;

    /// <summary>Reinterprets a span of doubles as reals (no copy).</summary>
    public static ReadOnlySpan<Real> View(ReadOnlySpan<double> values) => System.Runtime.InteropServices.MemoryMarshal.Cast<double, Real>(values);
    /// <summary>Reinterprets a span of doubles as reals (no copy).</summary>
    public static Span<Real> View(Span<double> values) => System.Runtime.InteropServices.MemoryMarshal.Cast<double, Real>(values);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Real operator +(Real a, Real b) => new(a.V + b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Real operator -(Real a, Real b) => new(a.V - b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Real operator *(Real a, Real b) => new(a.V * b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Real operator /(Real a, Real b) => new(a.V / b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Real operator -(Real a) => new(-a.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator <(Real a, Real b) => a.V < b.V;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator >(Real a, Real b) => a.V > b.V;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator <=(Real a, Real b) => a.V <= b.V;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool operator >=(Real a, Real b) => a.V >= b.V;

    public static Real Sin(Real x) => new(Math.Sin(x.V));
    public static Real Cos(Real x) => new(Math.Cos(x.V));
    public static Real Tan(Real x) => new(Math.Tan(x.V));
    public static Real Asin(Real x) => new(Math.Asin(x.V));
    public static Real Acos(Real x) => new(Math.Acos(x.V));
    public static Real Atan(Real x) => new(Math.Atan(x.V));
    public static Real Atan2(Real y, Real x) => new(Math.Atan2(y.V, x.V));
    public static Real Sinh(Real x) => new(Math.Sinh(x.V));
    public static Real Cosh(Real x) => new(Math.Cosh(x.V));
    public static Real Tanh(Real x) => new(Math.Tanh(x.V));
    public static Real Exp(Real x) => new(Math.Exp(x.V));
    public static Real Log(Real x) => new(Math.Log(x.V));
    public static Real Sqrt(Real x) => new(Math.Sqrt(x.V));
    public static Real Cbrt(Real x) => new(Math.Cbrt(x.V));
    public static Real Abs(Real x) => new(Math.Abs(x.V));
    public static Real Sign(Real x) => new(double.IsNaN(x.V) ? double.NaN : Math.Sign(x.V));
    public static Real Pow(Real x, Real y) => new(Math.Pow(x.V, y.V));
    public static Real Pow(Real x, int n) => new(Math.Pow(x.V, n));
    public static Real Min(Real a, Real b) => new(Math.Min(a.V, b.V));
    public static Real Max(Real a, Real b) => new(Math.Max(a.V, b.V));

    public override string ToString() => V.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
