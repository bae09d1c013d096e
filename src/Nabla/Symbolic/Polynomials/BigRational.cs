using System.Globalization;
using System.Numerics;

namespace Nabla.Symbolic.Polynomials;

/// <summary>
/// An exact rational number: BigInteger numerator over a positive BigInteger denominator, always
/// in lowest terms (so structural equality is numeric equality). The default value is zero.
/// </summary>
public readonly struct BigRational : IEquatable<BigRational>, IComparable<BigRational>
{
    private readonly BigInteger _num;
    private readonly BigInteger _denMinusOne; // stored as den-1 so that default(BigRational) is 0/1

    public BigInteger Numerator => _num;
    public BigInteger Denominator => _denMinusOne + BigInteger.One;

    private BigRational(BigInteger num, BigInteger den, bool _)
    {
        _num = num;
        _denMinusOne = den - BigInteger.One;
    }

    public BigRational(BigInteger value) : this(value, BigInteger.One, true) { }

    public BigRational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException("BigRational with zero denominator");
        if (denominator.Sign < 0) { numerator = -numerator; denominator = -denominator; }
        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!g.IsOne && !g.IsZero) { numerator /= g; denominator /= g; }
        if (numerator.IsZero) denominator = BigInteger.One;
        _num = numerator;
        _denMinusOne = denominator - BigInteger.One;
    }

    public static BigRational Zero => default;
    public static BigRational One => new(BigInteger.One);
    public static BigRational MinusOne => new(BigInteger.MinusOne);

    public bool IsZero => _num.IsZero;
    public bool IsOne => _num.IsOne && _denMinusOne.IsZero;
    public bool IsInteger => _denMinusOne.IsZero;
    public int Sign => _num.Sign;

    public static implicit operator BigRational(int value) => new(new BigInteger(value));
    public static implicit operator BigRational(long value) => new(new BigInteger(value));
    public static implicit operator BigRational(BigInteger value) => new(value);

    /// <summary>The exact value of a finite double (every finite double is a dyadic rational).</summary>
    public static BigRational FromDouble(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), "not a finite double");
        if (value == 0) return Zero;
        long bits = BitConverter.DoubleToInt64Bits(value);
        bool negative = bits < 0;
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent++; else mantissa |= 1L << 52;
        exponent -= 1075;
        BigInteger num = mantissa;
        BigInteger den = BigInteger.One;
        if (exponent > 0) num <<= exponent; else den <<= -exponent;
        if (negative) num = -num;
        return new BigRational(num, den);
    }

    public static BigRational operator +(BigRational a, BigRational b)
    {
        if (a.IsZero) return b;
        if (b.IsZero) return a;
        if (a.IsInteger && b.IsInteger) return new BigRational(a._num + b._num);
        return new BigRational(a._num * b.Denominator + b._num * a.Denominator, a.Denominator * b.Denominator);
    }

    public static BigRational operator -(BigRational a, BigRational b) => a + (-b);
    public static BigRational operator -(BigRational a) => new(-a._num, a.Denominator, true);

    public static BigRational operator *(BigRational a, BigRational b)
    {
        if (a.IsZero || b.IsZero) return Zero;
        if (a.IsInteger && b.IsInteger) return new BigRational(a._num * b._num);
        return new BigRational(a._num * b._num, a.Denominator * b.Denominator);
    }

    public static BigRational operator /(BigRational a, BigRational b)
    {
        if (b.IsZero) throw new DivideByZeroException();
        return new BigRational(a._num * b.Denominator, a.Denominator * b._num);
    }

    public BigRational Reciprocal() => One / this;

    public static BigRational Pow(BigRational a, int n)
    {
        if (n >= 0) return new BigRational(BigInteger.Pow(a._num, n), BigInteger.Pow(a.Denominator, n), true);
        return Pow(a.Reciprocal(), -n);
    }

    public BigRational Abs() => _num.Sign < 0 ? -this : this;

    public static bool operator ==(BigRational a, BigRational b) => a.Equals(b);
    public static bool operator !=(BigRational a, BigRational b) => !a.Equals(b);
    public static bool operator <(BigRational a, BigRational b) => a.CompareTo(b) < 0;
    public static bool operator >(BigRational a, BigRational b) => a.CompareTo(b) > 0;
    public static bool operator <=(BigRational a, BigRational b) => a.CompareTo(b) <= 0;
    public static bool operator >=(BigRational a, BigRational b) => a.CompareTo(b) >= 0;

    public bool Equals(BigRational other) => _num == other._num && _denMinusOne == other._denMinusOne;
    public override bool Equals(object? obj) => obj is BigRational r && Equals(r);
    public override int GetHashCode() => HashCode.Combine(_num, _denMinusOne);

    public int CompareTo(BigRational other) =>
        (_num * other.Denominator).CompareTo(other._num * Denominator);

    /// <summary>Nearest double (correct for huge numerators and denominators too).</summary>
    public double ToDouble()
    {
        if (IsInteger) return (double)_num;
        var den = Denominator;
        long shift = (long)den.GetBitLength() - (long)BigInteger.Abs(_num).GetBitLength() + 64;
        if (shift < 0) shift = 0;
        var q = BigInteger.Divide(_num << (int)shift, den);
        return Math.ScaleB((double)q, (int)-shift);
    }

    public override string ToString() =>
        IsInteger ? _num.ToString(CultureInfo.InvariantCulture)
                  : _num.ToString(CultureInfo.InvariantCulture) + "/" + Denominator.ToString(CultureInfo.InvariantCulture);
}
