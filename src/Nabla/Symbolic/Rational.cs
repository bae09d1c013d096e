using System.Globalization;
using System.Numerics;

namespace Nabla.Symbolic;

/// <summary>
/// An exact rational number: numerator and denominator are <see cref="BigInteger"/>s in lowest
/// terms with a positive denominator. Numbers written in a formula (<c>2</c>, <c>0.5</c>,
/// <c>1e-3</c>) become rationals, so symbolic results are exact.
/// </summary>
public readonly struct Rational : IEquatable<Rational>, IComparable<Rational>
{
    public BigInteger Numerator { get; }
    public BigInteger Denominator => den.IsZero ? BigInteger.One : den;   // default(Rational) is 0/1
    private readonly BigInteger den;

    public static Rational Zero => new(BigInteger.Zero, BigInteger.One, true);
    public static Rational One => new(BigInteger.One, BigInteger.One, true);
    public static Rational MinusOne => new(BigInteger.MinusOne, BigInteger.One, true);

    private Rational(BigInteger num, BigInteger den, bool _) { Numerator = num; this.den = den; }

    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException("rational with zero denominator");
        if (denominator.Sign < 0) { numerator = -numerator; denominator = -denominator; }
        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!g.IsOne && !g.IsZero) { numerator /= g; denominator /= g; }
        if (numerator.IsZero) denominator = BigInteger.One;
        Numerator = numerator; den = denominator;
    }

    public static implicit operator Rational(long value) => new(value, BigInteger.One, true);
    public static implicit operator Rational(BigInteger value) => new(value, BigInteger.One, true);

    public bool IsZero => Numerator.IsZero;
    public bool IsOne => Numerator.IsOne && Denominator.IsOne;
    public bool IsInteger => Denominator.IsOne;
    public int Sign => Numerator.Sign;

    /// <summary>The double nearest to the value (correct for huge numerators and denominators).</summary>
    public double ToDouble()
    {
        var d = Denominator;
        if (d.IsOne) return (double)Numerator;
        double n = (double)Numerator, dd = (double)d;
        if (!double.IsInfinity(n) && !double.IsInfinity(dd) && BigInteger.Abs(Numerator) < (BigInteger.One << 53) && d < (BigInteger.One << 53))
            return n / dd;
        // Scale so the quotient carries 64 significant bits, then divide exactly.
        long shift = 64 - ((long)Numerator.GetBitLength() - (long)d.GetBitLength());
        var q = shift >= 0 ? (Numerator << (int)shift) / d : Numerator / (d << (int)-shift);
        return Math.ScaleB((double)q, (int)-shift);
    }

    /// <summary>The exact value of a finite double (every double is a dyadic rational).</summary>
    public static Rational FromDouble(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), "not a finite number");
        if (value == Math.Floor(value) && Math.Abs(value) < 9.2e18) return (long)value;
        long bits = BitConverter.DoubleToInt64Bits(value);
        bool neg = bits < 0;
        int exp = (int)((bits >> 52) & 0x7FF);
        long mant = bits & 0xFFFFFFFFFFFFFL;
        if (exp == 0) exp++; else mant |= 1L << 52;
        exp -= 1075;
        BigInteger num = mant;
        if (neg) num = -num;
        return exp >= 0 ? new Rational(num << exp, BigInteger.One) : new Rational(num, BigInteger.One << -exp);
    }

    /// <summary>Parses a decimal literal such as <c>12</c>, <c>0.5</c>, <c>1e-3</c>, <c>2.5E+4</c> exactly.</summary>
    public static bool TryParseDecimal(ReadOnlySpan<char> s, out Rational value)
    {
        value = Zero;
        int i = 0;
        var digits = new System.Text.StringBuilder();
        int fracDigits = 0;
        bool any = false;
        while (i < s.Length && char.IsAsciiDigit(s[i])) { digits.Append(s[i++]); any = true; }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { digits.Append(s[i++]); fracDigits++; any = true; }
        }
        if (!any) return false;
        long exponent = 0;
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            bool eneg = false;
            if (i < s.Length && (s[i] == '+' || s[i] == '-')) { eneg = s[i] == '-'; i++; }
            int start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                if (exponent > 100_000) return false;
                exponent = exponent * 10 + (s[i++] - '0');
            }
            if (i == start) return false;
            if (eneg) exponent = -exponent;
        }
        if (i != s.Length) return false;
        exponent -= fracDigits;
        if (Math.Abs(exponent) > 10_000) return false;   // keeps exact numbers bounded in size
        var num = BigInteger.Parse(digits.ToString(), CultureInfo.InvariantCulture);
        value = exponent >= 0 ? new Rational(num * BigInteger.Pow(10, (int)exponent), BigInteger.One)
                              : new Rational(num, BigInteger.Pow(10, (int)-exponent));
        return true;
    }

    public static Rational operator +(Rational a, Rational b) =>
        a.IsInteger && b.IsInteger ? new Rational(a.Numerator + b.Numerator, BigInteger.One, true)
        : new Rational(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);
    public static Rational operator -(Rational a, Rational b) => a + (-b);
    public static Rational operator -(Rational a) => new(-a.Numerator, a.Denominator, true);
    public static Rational operator *(Rational a, Rational b) =>
        a.IsInteger && b.IsInteger ? new Rational(a.Numerator * b.Numerator, BigInteger.One, true)
        : new Rational(a.Numerator * b.Numerator, a.Denominator * b.Denominator);
    public static Rational operator /(Rational a, Rational b) => new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);
    public static bool operator ==(Rational a, Rational b) => a.Equals(b);
    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);
    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;
    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;
    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    public Rational Abs() => Sign < 0 ? -this : this;

    /// <summary>Integer power; the caller bounds the size (see <see cref="Expr"/>'s folding rules).</summary>
    public Rational Pow(int n)
    {
        if (n == 0) return One;
        if (n < 0) return new Rational(BigInteger.Pow(Denominator, -n), BigInteger.Pow(Numerator, -n));
        return new Rational(BigInteger.Pow(Numerator, n), BigInteger.Pow(Denominator, n), true);
    }

    /// <summary>Bits needed to write the number: used to refuse folding that would explode in size.</summary>
    public long BitSize => (long)Numerator.GetBitLength() + (long)Denominator.GetBitLength();

    public bool Equals(Rational other) => Numerator == other.Numerator && Denominator == other.Denominator;
    public override bool Equals(object? obj) => obj is Rational r && Equals(r);
    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);
    public int CompareTo(Rational other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public override string ToString() => Denominator.IsOne
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : Numerator.ToString(CultureInfo.InvariantCulture) + "/" + Denominator.ToString(CultureInfo.InvariantCulture);
}
