namespace Nabla.Optimization;

/// <summary>
/// The small dense linear algebra the methods need (n up to a few hundred): spans, no allocation
/// in the loops, row-major matrices. Kept here rather than in MathNet so the hot loops do not
/// allocate and the failure cases (not positive definite, singular) are return values.
/// </summary>
internal static class Dense
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) =>
        System.Numerics.Tensors.TensorPrimitives.Dot(a, b);

    /// <summary>s = xNew − x and y = gNew − g (a quasi-Newton pair); returns ‖s‖∞.</summary>
    public static double Differences(ReadOnlySpan<double> xNew, ReadOnlySpan<double> x, ReadOnlySpan<double> gNew, ReadOnlySpan<double> g, Span<double> s, Span<double> y)
    {
        double stepInf = 0;
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = xNew[i] - x[i];
            y[i] = gNew[i] - g[i];
            stepInf = Math.Max(stepInf, Math.Abs(s[i]));
        }
        return stepInf;
    }

    public static double Norm2(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));

    public static double NormInf(ReadOnlySpan<double> a) => RunState.InfNorm(a);

    /// <summary>y += a·x.</summary>
    public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++)
            y[i] += a * x[i];
    }

    /// <summary>y = A·x for a row-major n×n A.</summary>
    public static void MatVec(ReadOnlySpan<double> a, ReadOnlySpan<double> x, Span<double> y)
    {
        int n = x.Length;
        for (int i = 0; i < n; i++)
            y[i] = Dot(a.Slice(i * n, n), x);
    }

    /// <summary>In-place Cholesky A = L·Lᵀ (lower triangle holds L). False when A is not (numerically) positive definite.</summary>
    public static bool Cholesky(Span<double> a, int n)
    {
        for (int j = 0; j < n; j++)
        {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++)
                d -= a[j * n + k] * a[j * n + k];
            if (!(d > 0) || !double.IsFinite(d))
                return false;
            d = Math.Sqrt(d);
            a[j * n + j] = d;
            for (int i = j + 1; i < n; i++)
            {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++)
                    s -= a[i * n + k] * a[j * n + k];
                a[i * n + j] = s / d;
            }
        }
        return true;
    }

    /// <summary>Solves L·Lᵀ·x = b in place (b becomes x) with the factor from <see cref="Cholesky"/>.</summary>
    public static void CholeskySolve(ReadOnlySpan<double> l, int n, Span<double> b)
    {
        for (int i = 0; i < n; i++)
        {
            double s = b[i];
            for (int k = 0; k < i; k++)
                s -= l[i * n + k] * b[k];
            b[i] = s / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int k = i + 1; k < n; k++)
                s -= l[k * n + i] * b[k];
            b[i] = s / l[i * n + i];
        }
    }

    /// <summary>
    /// Solves A·x = b by LU with partial pivoting (A is overwritten, b becomes x). False when A is
    /// singular to working precision (a pivot below n·ε·max|a_ij|).
    /// </summary>
    public static bool LuSolve(Span<double> a, int n, Span<double> b)
    {
        double scale = 0;
        foreach (var v in a)
            scale = Math.Max(scale, Math.Abs(v));
        if (!double.IsFinite(scale))
            return false;
        double tiny = n * 2.220446049250313e-16 * scale;
        for (int k = 0; k < n; k++)
        {
            int p = k;
            for (int i = k + 1; i < n; i++)
                if (Math.Abs(a[i * n + k]) > Math.Abs(a[p * n + k]))
                    p = i;
            if (!(Math.Abs(a[p * n + k]) > tiny))
                return false;
            if (p != k)
            {
                for (int j = 0; j < n; j++)
                    (a[k * n + j], a[p * n + j]) = (a[p * n + j], a[k * n + j]);
                (b[k], b[p]) = (b[p], b[k]);
            }
            for (int i = k + 1; i < n; i++)
            {
                double m = a[i * n + k] / a[k * n + k];
                if (m == 0)
                    continue;
                for (int j = k + 1; j < n; j++)
                    a[i * n + j] -= m * a[k * n + j];
                b[i] -= m * b[k];
            }
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int j = i + 1; j < n; j++)
                s -= a[i * n + j] * b[j];
            b[i] = s / a[i * n + i];
        }
        return true;
    }

    /// <summary>
    /// Eigen-decomposition of a symmetric n×n matrix by cyclic Jacobi rotations: eigenvalues
    /// ascending in <paramref name="values"/>, eigenvectors as the columns of <paramref name="vectors"/>
    /// (row-major). <paramref name="a"/> is destroyed. Accurate to rounding for the small n used here.
    /// </summary>
    public static void SymmetricEigen(Span<double> a, int n, Span<double> values, Span<double> vectors)
    {
        vectors.Clear();
        for (int i = 0; i < n; i++)
            vectors[i * n + i] = 1;
        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, total = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    double v = a[i * n + j] * a[i * n + j];
                    total += v;
                    if (i != j)
                        off += v;
                }
            if (off <= 1e-30 * total || off == 0)
                break;
            for (int p = 0; p < n - 1; p++)
                for (int q = p + 1; q < n; q++)
                {
                    double apq = a[p * n + q];
                    if (apq == 0)
                        continue;
                    double app = a[p * n + p], aqq = a[q * n + q];
                    double theta = (aqq - app) / (2 * apq);
                    double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (theta == 0)
                        t = 1;
                    double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        double akp = a[k * n + p], akq = a[k * n + q];
                        a[k * n + p] = c * akp - s * akq;
                        a[k * n + q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++)
                    {
                        double apk = a[p * n + k], aqk = a[q * n + k];
                        a[p * n + k] = c * apk - s * aqk;
                        a[q * n + k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++)
                    {
                        double vkp = vectors[k * n + p], vkq = vectors[k * n + q];
                        vectors[k * n + p] = c * vkp - s * vkq;
                        vectors[k * n + q] = s * vkp + c * vkq;
                    }
                }
        }
        for (int i = 0; i < n; i++)
            values[i] = a[i * n + i];
        // Sort ascending (selection sort; n is small), permuting the eigenvector columns.
        for (int i = 0; i < n - 1; i++)
        {
            int m = i;
            for (int j = i + 1; j < n; j++)
                if (values[j] < values[m])
                    m = j;
            if (m == i)
                continue;
            (values[i], values[m]) = (values[m], values[i]);
            for (int k = 0; k < n; k++)
                (vectors[k * n + i], vectors[k * n + m]) = (vectors[k * n + m], vectors[k * n + i]);
        }
    }
}
