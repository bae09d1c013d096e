using System.Globalization;
using System.Runtime.CompilerServices;

namespace Nabla.Intervals;

/// <summary>
/// A closed interval [Lo, Hi] of reals with outward rounding: every operation returns an interval
/// that contains every value the exact operation takes on its arguments (the containment
/// property), so a computation over intervals encloses the true result despite rounding.
/// </summary>
/// <remarks>
/// <para>Special intervals: <see cref="Empty"/> (no point; endpoints NaN) and <see cref="Entire"/>
/// (−∞, +∞). Infinite endpoints mean "unbounded"; ±∞ itself is never a member, so [1, +∞] is
/// the half-line x ≥ 1.</para>
/// <para>Division by an interval that contains 0 returns the hull of the extended-division result:
/// [1,2]/[0,1] = [1, +∞], [1,2]/[−1,1] = Entire, [0,1]/[0,1] = Entire, x/[0,0] = Empty.
/// <see cref="DivideExtended"/> gives the two pieces separately (for interval Newton).</para>
/// <para>Functions outside their domain are clipped to it (log of [−1, 4] is [−∞, log 4]):
/// the result encloses the values at the points where the function is defined. Whenever that
/// happens, or the function is discontinuous inside the argument (division by an interval
/// containing 0, sign or a pole of tan inside, atan2 across its branch cut), the result carries
/// <see cref="PossiblyDiscontinuous"/> = true (the IEEE 1788 "def/trv" decorations, collapsed to
/// one bit). It propagates through every later operation. Existence proofs (Krawczyk, interval
/// Newton) and monotonicity arguments are only made when it is false.</para>
/// <para>Comparisons (&lt;, &gt;, ...) compare midpoints (<see cref="Value"/>), like the
/// comparisons of every <see cref="IScalar{T}"/>: branches in generic user code follow the
/// midpoint and are therefore NOT rigorous over the whole interval. Use
/// <see cref="CertainlyLess"/>/<see cref="PossiblyLess"/> for set-valued comparisons.</para>
/// </remarks>
public readonly partial struct Interval : IScalar<Interval>
{
    private readonly double _lo;
    private readonly double _hi;
    private readonly bool _discontinuous;

    /// <summary>The interval [lo, hi]; lo ≤ hi, neither NaN.</summary>
    public Interval(double lo, double hi)
    {
        if (double.IsNaN(lo) || double.IsNaN(hi) || lo > hi)
            throw new NablaInputException($"interval bounds must satisfy lo <= hi (got [{lo}, {hi}])");
        if (double.IsPositiveInfinity(lo) || double.IsNegativeInfinity(hi))
            throw new NablaInputException($"interval [{lo}, {hi}] contains no real number");
        _lo = lo;
        _hi = hi;
        _discontinuous = false;
    }

    // Unchecked; normalizes NaN from ∞−∞-type corners to unbounded and keeps ±∞ out of the set.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Interval(double lo, double hi, bool discontinuous)
    {
        if (double.IsNaN(lo)) lo = double.NegativeInfinity;
        if (double.IsNaN(hi)) hi = double.PositiveInfinity;
        if (double.IsPositiveInfinity(lo)) lo = double.MaxValue;
        if (double.IsNegativeInfinity(hi)) hi = -double.MaxValue;
        _lo = lo;
        _hi = hi;
        _discontinuous = discontinuous;
    }

    // The empty set: the operation that produced it was undefined everywhere, so it is flagged.
    private Interval(bool _)
    {
        _lo = double.NaN;
        _hi = double.NaN;
        _discontinuous = true;
    }

    public double Lo => _lo;
    public double Hi => _hi;

    /// <summary>
    /// True when some operation behind this interval met a point where it is undefined or
    /// discontinuous (see the remarks on <see cref="Interval"/>). Point evaluations stay valid
    /// enclosures; only proofs that need continuity on the whole box are refused.
    /// </summary>
    public bool PossiblyDiscontinuous => _discontinuous;

    /// <summary>Known to be defined and continuous over the whole argument box.</summary>
    public bool IsContinuous => !_discontinuous;

    public static Interval Empty { get; } = new(true);
    public static Interval Entire { get; } = new(double.NegativeInfinity, double.PositiveInfinity, false);
    public static Interval Zero => new(0, 0, false);
    public static Interval One => new(1, 1, false);

    /// <summary>Enclosure of π (the double Math.PI is below π).</summary>
    public static Interval Pi { get; } = new(Math.PI, Math.BitIncrement(Math.PI), false);

    /// <summary>The degenerate interval [x, x] (x exactly as given: 0.1 means the double nearest 1/10).</summary>
    public static Interval Point(double x)
    {
        if (double.IsNaN(x) || double.IsInfinity(x))
            throw new NablaInputException($"an interval point must be finite (got {x})");
        return new(x, x, false);
    }

    public static Interval Constant(double value) => double.IsFinite(value) ? new(value, value, false) : Entire.MarkDiscontinuous();
    public static implicit operator Interval(double value) => Constant(value);

    /// <summary>The same set, flagged as possibly discontinuous.</summary>
    public Interval MarkDiscontinuous() => IsEmpty ? Empty : new(_lo, _hi, true);

    internal Interval WithFlag(bool discontinuous) => IsEmpty ? Empty : new(_lo, _hi, _discontinuous | discontinuous);

    // ---------------------------------------------------------------- set properties

    public bool IsEmpty => double.IsNaN(_lo);
    public bool IsEntire => double.IsNegativeInfinity(_lo) && double.IsPositiveInfinity(_hi);
    public bool IsBounded => double.IsFinite(_lo) && double.IsFinite(_hi);
    public bool IsPoint => _lo == _hi;

    /// <summary>Midpoint (IEEE 1788: [−∞, b] ↦ −MaxValue, [a, ∞] ↦ MaxValue, Entire ↦ 0, Empty ↦ NaN).</summary>
    public double Mid
    {
        get
        {
            if (IsEmpty) return double.NaN;
            if (double.IsNegativeInfinity(_lo)) return double.IsPositiveInfinity(_hi) ? 0 : -double.MaxValue;
            if (double.IsPositiveInfinity(_hi)) return double.MaxValue;
            double m = 0.5 * _lo + 0.5 * _hi;
            return Math.Clamp(m, _lo, _hi);
        }
    }

    /// <summary>The midpoint: used for branching in generic code and for reporting.</summary>
    public double Value => Mid;

    /// <summary>Width Hi − Lo, rounded up (∞ when unbounded, NaN when empty).</summary>
    public double Width => IsEmpty ? double.NaN : Rounding.AddUp(_hi, -_lo);

    public double Radius => 0.5 * Width;

    /// <summary>Magnitude: max |x| over the interval.</summary>
    public double Mag => IsEmpty ? double.NaN : Math.Max(Math.Abs(_lo), Math.Abs(_hi));

    /// <summary>Mignitude: min |x| over the interval.</summary>
    public double Mig => IsEmpty ? double.NaN : (_lo > 0 ? _lo : _hi < 0 ? -_hi : 0);

    public bool Contains(double x) => _lo <= x && x <= _hi;
    public bool ContainsZero => _lo <= 0 && 0 <= _hi;

    /// <summary>True when <paramref name="other"/> is a subset of this interval.</summary>
    public bool Contains(Interval other) => other.IsEmpty || (_lo <= other._lo && other._hi <= _hi);

    /// <summary>True when <paramref name="inner"/> lies in the interior of this interval (Krawczyk's test).</summary>
    public bool ContainsInInterior(Interval inner) =>
        !inner.IsEmpty && !IsEmpty && _lo < inner._lo && inner._hi < _hi;

    public static Interval Hull(Interval a, Interval b)
    {
        if (a.IsEmpty) return b.WithFlag(a._discontinuous);
        if (b.IsEmpty) return a.WithFlag(b._discontinuous);
        return new(Math.Min(a._lo, b._lo), Math.Max(a._hi, b._hi), a._discontinuous | b._discontinuous);
    }

    public static Interval Hull(double a, double b) => new(Math.Min(a, b), Math.Max(a, b), false);

    public static Interval Intersect(Interval a, Interval b)
    {
        if (a.IsEmpty || b.IsEmpty) return Empty;
        double lo = Math.Max(a._lo, b._lo), hi = Math.Min(a._hi, b._hi);
        return lo > hi ? Empty : new(lo, hi, a._discontinuous | b._discontinuous);
    }

    /// <summary>The two halves at the midpoint.</summary>
    public (Interval Left, Interval Right) Bisect()
    {
        double m = Mid;
        return (new(_lo, m, _discontinuous), new(m, _hi, _discontinuous));
    }

    // ---------------------------------------------------------------- comparisons

    /// <summary>Every element of a is below every element of b.</summary>
    public static bool CertainlyLess(Interval a, Interval b) => a._hi < b._lo;
    public static bool CertainlyLessOrEqual(Interval a, Interval b) => a._hi <= b._lo;
    /// <summary>Some element of a is below some element of b.</summary>
    public static bool PossiblyLess(Interval a, Interval b) => a._lo < b._hi;
    public static bool PossiblyLessOrEqual(Interval a, Interval b) => a._lo <= b._hi;
    public static bool CertainlyPositive(Interval a) => a._lo > 0;
    public static bool CertainlyNegative(Interval a) => a._hi < 0;

    // Midpoint comparisons (see remarks).
    public static bool operator <(Interval a, Interval b) => a.Mid < b.Mid;
    public static bool operator >(Interval a, Interval b) => a.Mid > b.Mid;
    public static bool operator <=(Interval a, Interval b) => a.Mid <= b.Mid;
    public static bool operator >=(Interval a, Interval b) => a.Mid >= b.Mid;

    /// <summary>Set equality of the endpoints (the flag is not compared).</summary>
    public bool Equals(Interval other) => (IsEmpty && other.IsEmpty) || (_lo == other._lo && _hi == other._hi);
    public override bool Equals(object? obj) => obj is Interval other && Equals(other);
    public override int GetHashCode() => IsEmpty ? 0 : HashCode.Combine(_lo, _hi);
    public static bool operator ==(Interval a, Interval b) => a.Equals(b);
    public static bool operator !=(Interval a, Interval b) => !a.Equals(b);

    public override string ToString() => IsEmpty
        ? "[empty]"
        : string.Create(CultureInfo.InvariantCulture, $"[{_lo:R}, {_hi:R}]");

    // ---------------------------------------------------------------- arithmetic

    public static Interval operator +(Interval a, Interval b)
    {
        if (a.IsEmpty || b.IsEmpty) return Empty;
        return new(Rounding.AddDown(a._lo, b._lo), Rounding.AddUp(a._hi, b._hi), a._discontinuous | b._discontinuous);
    }

    public static Interval operator -(Interval a, Interval b)
    {
        if (a.IsEmpty || b.IsEmpty) return Empty;
        return new(Rounding.AddDown(a._lo, -b._hi), Rounding.AddUp(a._hi, -b._lo), a._discontinuous | b._discontinuous);
    }

    public static Interval operator -(Interval a) => a.IsEmpty ? a : new(-a._hi, -a._lo, a._discontinuous);

    public static Interval operator *(Interval a, Interval b)
    {
        if (a.IsEmpty || b.IsEmpty) return Empty;
        bool flag = a._discontinuous | b._discontinuous;
        // Common sign cases need two products instead of four.
        if (a._lo >= 0 && b._lo >= 0)
            return new(Rounding.MulDown(a._lo, b._lo), Rounding.MulUp(a._hi, b._hi), flag);
        double lo = Math.Min(Math.Min(Rounding.MulDown(a._lo, b._lo), Rounding.MulDown(a._lo, b._hi)),
                             Math.Min(Rounding.MulDown(a._hi, b._lo), Rounding.MulDown(a._hi, b._hi)));
        double hi = Math.Max(Math.Max(Rounding.MulUp(a._lo, b._lo), Rounding.MulUp(a._lo, b._hi)),
                             Math.Max(Rounding.MulUp(a._hi, b._lo), Rounding.MulUp(a._hi, b._hi)));
        return new(lo, hi, flag);
    }

    public static Interval operator /(Interval a, Interval b)
    {
        if (a.IsEmpty || b.IsEmpty) return Empty;
        bool flag = a._discontinuous | b._discontinuous;
        if (b._lo > 0 || b._hi < 0)
        {
            double lo = MinIgnoringNaN(Rounding.DivDown(a._lo, b._lo), Rounding.DivDown(a._lo, b._hi),
                                       Rounding.DivDown(a._hi, b._lo), Rounding.DivDown(a._hi, b._hi));
            double hi = MaxIgnoringNaN(Rounding.DivUp(a._lo, b._lo), Rounding.DivUp(a._lo, b._hi),
                                       Rounding.DivUp(a._hi, b._lo), Rounding.DivUp(a._hi, b._hi));
            return new(lo, hi, flag);
        }
        // b contains 0: undefined at 0, so the result is flagged.
        var first = DivideExtended(a, b, out var second);
        return Hull(first, second).MarkDiscontinuous();
    }

    /// <summary>
    /// Extended division {x/y : x ∈ a, y ∈ b, y ≠ 0} as at most two intervals (the second is
    /// Empty unless b has 0 in its interior and a excludes 0). Used by interval Newton.
    /// </summary>
    public static Interval DivideExtended(Interval a, Interval b, out Interval second)
    {
        second = Empty;
        if (a.IsEmpty || b.IsEmpty) return Empty;
        if (b._lo > 0 || b._hi < 0) return a / b;
        if (b._lo == 0 && b._hi == 0) return Empty;
        if (a._lo == 0 && a._hi == 0) return new(0, 0, true);
        if (a.ContainsZero) return new(double.NegativeInfinity, double.PositiveInfinity, true);
        if (b._lo == 0)
            return a._hi < 0
                ? new(double.NegativeInfinity, Rounding.DivUp(a._hi, b._hi), true)
                : new(Rounding.DivDown(a._lo, b._hi), double.PositiveInfinity, true);
        if (b._hi == 0)
            return a._hi < 0
                ? new(Rounding.DivDown(a._hi, b._lo), double.PositiveInfinity, true)
                : new(double.NegativeInfinity, Rounding.DivUp(a._lo, b._lo), true);
        // 0 strictly inside b: two half-lines.
        if (a._hi < 0)
        {
            second = new(Rounding.DivDown(a._hi, b._lo), double.PositiveInfinity, true);
            return new(double.NegativeInfinity, Rounding.DivUp(a._hi, b._hi), true);
        }
        second = new(Rounding.DivDown(a._lo, b._hi), double.PositiveInfinity, true);
        return new(double.NegativeInfinity, Rounding.DivUp(a._lo, b._lo), true);
    }

    private static double MinIgnoringNaN(double a, double b, double c, double d)
    {
        double m = double.PositiveInfinity;
        if (a < m) m = a;
        if (b < m) m = b;
        if (c < m) m = c;
        if (d < m) m = d;
        return double.IsPositiveInfinity(m) && !(a == m || b == m || c == m || d == m) ? double.NegativeInfinity : m;
    }

    private static double MaxIgnoringNaN(double a, double b, double c, double d)
    {
        double m = double.NegativeInfinity;
        if (a > m) m = a;
        if (b > m) m = b;
        if (c > m) m = c;
        if (d > m) m = d;
        return double.IsNegativeInfinity(m) && !(a == m || b == m || c == m || d == m) ? double.PositiveInfinity : m;
    }
}
