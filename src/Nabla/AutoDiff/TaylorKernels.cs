namespace Nabla.AutoDiff;

/// <summary>
/// The standard recurrences of univariate Taylor arithmetic (Griewank and Walther, "Evaluating
/// Derivatives", ch. 13) on normalised coefficient spans c_k = f^(k)/k!, k = 0..K. Outputs must not
/// alias inputs. Each is O(K²).
/// </summary>
internal static class TaylorKernels
{
    public static void Mul(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c)
    {
        for (int k = 0; k < c.Length; k++)
        {
            double s = 0;
            for (int j = 0; j <= k; j++) s += a[j] * b[k - j];
            c[k] = s;
        }
    }

    public static void Div(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c)
    {
        double r = 1 / b[0];
        for (int k = 0; k < c.Length; k++)
        {
            double s = a[k];
            for (int j = 0; j < k; j++) s -= c[j] * b[k - j];
            c[k] = s * r;
        }
    }

    public static void Exp(ReadOnlySpan<double> a, Span<double> e)
    {
        e[0] = Math.Exp(a[0]);
        for (int k = 1; k < e.Length; k++)
        {
            double s = 0;
            for (int j = 1; j <= k; j++) s += j * a[j] * e[k - j];
            e[k] = s / k;
        }
    }

    public static void Log(ReadOnlySpan<double> a, Span<double> l)
    {
        l[0] = Math.Log(a[0]);
        for (int k = 1; k < l.Length; k++)
        {
            double s = 0;
            for (int j = 1; j < k; j++) s += j * l[j] * a[k - j];
            l[k] = (a[k] - s / k) / a[0];
        }
    }

    public static void Sqrt(ReadOnlySpan<double> a, Span<double> r)
    {
        r[0] = Math.Sqrt(a[0]);
        for (int k = 1; k < r.Length; k++)
        {
            double s = a[k];
            for (int j = 1; j < k; j++) s -= r[j] * r[k - j];
            r[k] = s / (2 * r[0]);
        }
    }

    /// <summary>a^p for a constant real p, from a·(a^p)' = p·a'·a^p; needs a_0 ≠ 0.</summary>
    public static void PowConst(ReadOnlySpan<double> a, double p, double value0, Span<double> r)
    {
        r[0] = value0;
        for (int k = 1; k < r.Length; k++)
        {
            double s = 0;
            for (int j = 1; j <= k; j++) s += (p * j - (k - j)) * a[j] * r[k - j];
            r[k] = s / (k * a[0]);
        }
    }

    /// <summary>Sine and cosine together (each one's derivative is the other).</summary>
    public static void SinCos(ReadOnlySpan<double> a, Span<double> s, Span<double> c, double sign = -1)
    {
        s[0] = Math.Sin(a[0]);
        c[0] = Math.Cos(a[0]);
        SinCosTail(a, s, c, sign);
    }

    public static void SinhCosh(ReadOnlySpan<double> a, Span<double> s, Span<double> c)
    {
        s[0] = Math.Sinh(a[0]);
        c[0] = Math.Cosh(a[0]);
        SinCosTail(a, s, c, 1);
    }

    static void SinCosTail(ReadOnlySpan<double> a, Span<double> s, Span<double> c, double sign)
    {
        for (int k = 1; k < s.Length; k++)
        {
            double ss = 0, cc = 0;
            for (int j = 1; j <= k; j++)
            {
                ss += j * a[j] * c[k - j];
                cc += j * a[j] * s[k - j];
            }
            s[k] = ss / k;
            c[k] = sign * cc / k;
        }
    }

    /// <summary>tan (sign = +1, w = 1 + f²) or tanh (sign = -1, w = 1 - f²) from f' = a'·w.</summary>
    public static void TanLike(ReadOnlySpan<double> a, Span<double> f, Span<double> w, double value0, double sign)
    {
        f[0] = value0;
        for (int k = 1; k < f.Length; k++)
        {
            // w_{k-1} needs f up to k-1, which is known.
            int m = k - 1;
            double q = m == 0 ? 1 : 0;
            for (int i = 0; i <= m; i++) q += sign * f[i] * f[m - i];
            w[m] = q;
            double s = 0;
            for (int j = 1; j <= k; j++) s += j * a[j] * w[k - j];
            f[k] = s / k;
        }
    }

    /// <summary>f with f' = a'/w for a known series w (atan: w = 1 + a², asin: w = sqrt(1 - a²)).</summary>
    public static void IntegrateQuotient(ReadOnlySpan<double> a, ReadOnlySpan<double> w, Span<double> f, double value0)
    {
        f[0] = value0;
        for (int k = 1; k < f.Length; k++)
        {
            double s = k * a[k];
            for (int j = 1; j < k; j++) s -= j * f[j] * w[k - j];
            f[k] = s / (k * w[0]);
        }
    }
}
