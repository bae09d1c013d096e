namespace Nabla.Intervals;

/// <summary>
/// Interval extensions of the elementary functions: each returns an enclosure of the range of the
/// function over the argument (monotone pieces evaluated at endpoints, interior extrema located
/// explicitly), widened by a few ulps because the platform's libm is not correctly rounded.
/// </summary>
public readonly partial struct Interval
{
    // glibc documents errors of at most 1-2 ulps for these functions; a margin of a few more is cheap.
    private const int LibmUlps = 3;

    private static readonly double HalfPiUp = Math.BitIncrement(Math.PI / 2);
    private static readonly double PiUp = Math.BitIncrement(Math.PI);

    private static Interval Monotone(double lo, double hi, bool flag) =>
        new(Rounding.Down(lo, LibmUlps), Rounding.Up(hi, LibmUlps), flag);

    private static Interval Clip(Interval x, double lo, double hi) =>
        x.IsEmpty ? x : new(Math.Max(x._lo, lo), Math.Min(x._hi, hi), x._discontinuous);

    // ---------------------------------------------------------------- trigonometric

    /// <summary>
    /// Whether some k ≡ r (mod 4) has k·π/2 possibly inside x. Errs on the side of "yes" by a
    /// relative 1e-13, which only admits extrema within that distance of an endpoint, where the
    /// function already is within 1e-26 of the extremal value.
    /// </summary>
    private static bool ContainsQuarterTurn(Interval x, int r)
    {
        const double halfPi = Math.PI / 2;
        double tl = x._lo / halfPi, th = x._hi / halfPi;
        tl -= 1e-13 * (1 + Math.Abs(tl));
        th += 1e-13 * (1 + Math.Abs(th));
        long kLo = (long)Math.Ceiling(tl), kHi = (long)Math.Floor(th);
        long k = kLo + ((r - kLo) % 4 + 4) % 4;
        return k <= kHi;
    }

    // Arguments this large have no useful enclosure tighter than the whole range.
    private static bool Huge(Interval x) => !x.IsBounded || Math.Abs(x._lo) > 1e15 || Math.Abs(x._hi) > 1e15 || x._hi - x._lo >= 7;

    public static Interval Sin(Interval x)
    {
        if (x.IsEmpty) return x;
        if (Huge(x)) return new(-1, 1, x._discontinuous);
        double a = Math.Sin(x._lo), b = Math.Sin(x._hi);
        var r = Monotone(Math.Min(a, b), Math.Max(a, b), x._discontinuous);
        double lo = ContainsQuarterTurn(x, 3) ? -1 : r._lo;
        double hi = ContainsQuarterTurn(x, 1) ? 1 : r._hi;
        return new(Math.Max(lo, -1), Math.Min(hi, 1), x._discontinuous);
    }

    public static Interval Cos(Interval x)
    {
        if (x.IsEmpty) return x;
        if (Huge(x)) return new(-1, 1, x._discontinuous);
        double a = Math.Cos(x._lo), b = Math.Cos(x._hi);
        var r = Monotone(Math.Min(a, b), Math.Max(a, b), x._discontinuous);
        double lo = ContainsQuarterTurn(x, 2) ? -1 : r._lo;
        double hi = ContainsQuarterTurn(x, 0) ? 1 : r._hi;
        return new(Math.Max(lo, -1), Math.Min(hi, 1), x._discontinuous);
    }

    /// <summary>tan: Entire (flagged) when a pole π/2 + kπ may lie in x, else increasing.</summary>
    public static Interval Tan(Interval x)
    {
        if (x.IsEmpty) return x;
        if (Huge(x) || x._hi - x._lo >= 3.2 || ContainsQuarterTurn(x, 1) || ContainsQuarterTurn(x, 3))
            return Entire.MarkDiscontinuous();
        return Monotone(Math.Tan(x._lo), Math.Tan(x._hi), x._discontinuous);
    }

    public static Interval Asin(Interval x)
    {
        var d = Intersect(x, new(-1, 1, false));
        if (d.IsEmpty) return Empty;
        bool clipped = x._lo < -1 || x._hi > 1;
        return Clip(Monotone(Math.Asin(d._lo), Math.Asin(d._hi), x._discontinuous | clipped), -HalfPiUp, HalfPiUp);
    }

    public static Interval Acos(Interval x)
    {
        var d = Intersect(x, new(-1, 1, false));
        if (d.IsEmpty) return Empty;
        bool clipped = x._lo < -1 || x._hi > 1;
        return Clip(Monotone(Math.Acos(d._hi), Math.Acos(d._lo), x._discontinuous | clipped), 0, PiUp);
    }

    public static Interval Atan(Interval x)
    {
        if (x.IsEmpty) return x;
        return Clip(Monotone(Math.Atan(x._lo), Math.Atan(x._hi), x._discontinuous), -HalfPiUp, HalfPiUp);
    }

    /// <summary>
    /// atan2(y, x), the angle of (x, y) in (−π, π]. [−π, π] (flagged) when the box touches the
    /// origin or the branch cut x &lt; 0, y = 0; otherwise the angle is continuous on the box and
    /// its extremes are at the corners (the box is convex and misses the origin).
    /// </summary>
    public static Interval Atan2(Interval y, Interval x)
    {
        if (x.IsEmpty || y.IsEmpty) return Empty;
        bool flag = x._discontinuous | y._discontinuous;
        if (y.ContainsZero && x._lo <= 0)
            return new(-PiUp, PiUp, true);
        double a = Math.Atan2(y._lo, x._lo), b = Math.Atan2(y._lo, x._hi);
        double c = Math.Atan2(y._hi, x._lo), d = Math.Atan2(y._hi, x._hi);
        return Clip(Monotone(Math.Min(Math.Min(a, b), Math.Min(c, d)), Math.Max(Math.Max(a, b), Math.Max(c, d)), flag), -PiUp, PiUp);
    }

    // ---------------------------------------------------------------- hyperbolic, exp, log

    public static Interval Sinh(Interval x) =>
        x.IsEmpty ? x : Monotone(Math.Sinh(x._lo), Math.Sinh(x._hi), x._discontinuous);

    public static Interval Cosh(Interval x)
    {
        if (x.IsEmpty) return x;
        var r = Monotone(Math.Cosh(x.Mig), Math.Cosh(x.Mag), x._discontinuous);
        return new(Math.Max(1, r._lo), r._hi, r._discontinuous);
    }

    public static Interval Tanh(Interval x) =>
        x.IsEmpty ? x : Clip(Monotone(Math.Tanh(x._lo), Math.Tanh(x._hi), x._discontinuous), -1, 1);

    public static Interval Exp(Interval x)
    {
        if (x.IsEmpty) return x;
        var r = Monotone(Math.Exp(x._lo), Math.Exp(x._hi), x._discontinuous);
        return new(Math.Max(0, r._lo), r._hi, r._discontinuous);
    }

    /// <summary>Natural log on x ∩ (0, ∞); flagged when x reaches 0 or below.</summary>
    public static Interval Log(Interval x)
    {
        if (x.IsEmpty || x._hi <= 0) return Empty;
        if (x._lo <= 0) return new(double.NegativeInfinity, Rounding.Up(Math.Log(x._hi), LibmUlps), true);
        return Monotone(Math.Log(x._lo), Math.Log(x._hi), x._discontinuous);
    }

    /// <summary>Square root on x ∩ [0, ∞) (correctly rounded, so exact squares stay exact); flagged when clipped.</summary>
    public static Interval Sqrt(Interval x)
    {
        if (x.IsEmpty || x._hi < 0) return Empty;
        bool clipped = x._lo < 0;
        double lo = Math.Max(0, x._lo);
        return new(Rounding.SqrtDown(lo), Rounding.SqrtUp(x._hi), x._discontinuous | clipped);
    }

    public static Interval Cbrt(Interval x) =>
        x.IsEmpty ? x : Monotone(Math.Cbrt(x._lo), Math.Cbrt(x._hi), x._discontinuous);

    // ---------------------------------------------------------------- piecewise

    public static Interval Abs(Interval x)
    {
        if (x.IsEmpty || x._lo >= 0) return x;
        if (x._hi <= 0) return -x;
        return new(0, Math.Max(-x._lo, x._hi), x._discontinuous);
    }

    /// <summary>sign is non-decreasing: [sign lo, sign hi]; flagged when x contains 0 (the jump).</summary>
    public static Interval Sign(Interval x)
    {
        if (x.IsEmpty) return x;
        return new(Math.Sign(x._lo), Math.Sign(x._hi), x._discontinuous | x.ContainsZero);
    }

    public static Interval Min(Interval a, Interval b) =>
        a.IsEmpty || b.IsEmpty ? Empty : new(Math.Min(a._lo, b._lo), Math.Min(a._hi, b._hi), a._discontinuous | b._discontinuous);

    public static Interval Max(Interval a, Interval b) =>
        a.IsEmpty || b.IsEmpty ? Empty : new(Math.Max(a._lo, b._lo), Math.Max(a._hi, b._hi), a._discontinuous | b._discontinuous);

    // ---------------------------------------------------------------- powers

    /// <summary>
    /// x^n for an integer n: exact endpoints where possible (binary powering with directed
    /// rounding), [0, ...] for even n across 0 (no dependency problem), 1/x^|n| for n &lt; 0,
    /// and x^0 = 1.
    /// </summary>
    public static Interval Pow(Interval x, int n)
    {
        if (x.IsEmpty) return x;
        if (n == 0) return new(1, 1, x._discontinuous);
        if (n < 0)
        {
            var positive = n == int.MinValue ? Square(Pow(x, 1 << 30)) : Pow(x, -n);
            return One / positive;
        }
        if (n == 1) return x;
        if ((n & 1) == 0)
        {
            double mig = x.Mig, mag = x.Mag;
            return new(Rounding.PowNonNegative(mig, n, up: false), Rounding.PowNonNegative(mag, n, up: true), x._discontinuous);
        }
        return new(OddPow(x._lo, n, up: false), OddPow(x._hi, n, up: true), x._discontinuous);
    }

    private static double OddPow(double a, int n, bool up) =>
        a >= 0 ? Rounding.PowNonNegative(a, n, up) : -Rounding.PowNonNegative(-a, n, !up);

    public static Interval Square(Interval x) => Pow(x, 2);

    /// <summary>
    /// x^y for real y. A point integer y is <see cref="Pow(Interval, int)"/>. Otherwise on
    /// x ≥ 0 the function is monotone in each argument, so its range is spanned by the corners;
    /// negative x contributes only at integer y (±|x|^y, enclosed by the magnitude), and is
    /// undefined elsewhere (flagged).
    /// </summary>
    public static Interval Pow(Interval x, Interval y)
    {
        if (x.IsEmpty || y.IsEmpty) return Empty;
        if (y.IsPoint && Math.Abs(y._lo) <= int.MaxValue && y._lo == Math.Floor(y._lo))
            return Pow(x, (int)y._lo).WithFlag(y._discontinuous);
        bool flag = x._discontinuous || y._discontinuous || x._lo < 0 || (x._lo <= 0 && y._lo <= 0);
        var result = Empty;
        if (x._hi >= 0)
        {
            double a = Math.Max(0, x._lo), b = x._hi;
            result = PowCorners(a, b, y);
        }
        if (x._lo < 0 && Math.Floor(y._hi) >= Math.Ceiling(y._lo))
        {
            double a = Math.Max(0, -x._hi), b = -x._lo;
            double mag = PowCorners(a, b, y)._hi;
            result = Hull(result, new Interval(-mag, mag, false));
        }
        return result.IsEmpty ? Empty : result.WithFlag(flag);
    }

    private static Interval PowCorners(double a, double b, Interval y)
    {
        double p1 = Math.Pow(a, y._lo), p2 = Math.Pow(a, y._hi), p3 = Math.Pow(b, y._lo), p4 = Math.Pow(b, y._hi);
        double lo = Math.Min(Math.Min(p1, p2), Math.Min(p3, p4));
        double hi = Math.Max(Math.Max(p1, p2), Math.Max(p3, p4));
        return new(Math.Max(0, Rounding.Down(lo, LibmUlps)), Rounding.Up(hi, LibmUlps), false);
    }

    // ---------------------------------------------------------------- activation functions

    /// <summary>Increasing, so the bounds are rigorous interval evaluations at the endpoints.</summary>
    public static Interval Sigmoid(Interval x)
    {
        if (x.IsEmpty) return x;
        static Interval At(double t) => One / (One + Exp(-Constant(t)));
        double lo = double.IsNegativeInfinity(x._lo) ? 0 : At(x._lo)._lo;
        double hi = double.IsPositiveInfinity(x._hi) ? 1 : At(x._hi)._hi;
        return new(Math.Max(0, lo), Math.Min(1, hi), x._discontinuous);
    }

    /// <summary>log(1 + e^x), increasing; bounds are rigorous interval evaluations at the endpoints.</summary>
    public static Interval Softplus(Interval x)
    {
        if (x.IsEmpty) return x;
        static Interval At(double t)
        {
            var p = Constant(t);
            return Max(p, Zero) + Log(One + Exp(-Abs(p)));
        }
        double lo = double.IsNegativeInfinity(x._lo) ? 0 : At(x._lo)._lo;
        double hi = double.IsPositiveInfinity(x._hi) ? double.PositiveInfinity : At(x._hi)._hi;
        return new(Math.Max(0, lo), hi, x._discontinuous);
    }

    public static Interval Relu(Interval x) => Max(x, Zero);
}
