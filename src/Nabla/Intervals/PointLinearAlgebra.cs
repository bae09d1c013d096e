namespace Nabla.Intervals;

/// <summary>Small dense point-matrix helpers (the preconditioner of Krawczyk's operator needs an approximate inverse only).</summary>
internal static class PointLinearAlgebra
{
    /// <summary>Gauss-Jordan inverse with partial pivoting; false when (numerically) singular.</summary>
    public static bool TryInvert(ReadOnlySpan<double> a, int n, Span<double> inverse)
    {
        var m = new double[n * 2 * n];
        double scale = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                m[i * 2 * n + j] = a[i * n + j];
                scale = Math.Max(scale, Math.Abs(a[i * n + j]));
            }
            m[i * 2 * n + n + i] = 1;
        }
        if (!(scale > 0) || !double.IsFinite(scale)) return false;
        int w = 2 * n;
        for (int col = 0; col < n; col++)
        {
            int p = col;
            for (int r = col + 1; r < n; r++)
                if (Math.Abs(m[r * w + col]) > Math.Abs(m[p * w + col])) p = r;
            double pivot = m[p * w + col];
            if (Math.Abs(pivot) <= 1e-14 * scale) return false;
            if (p != col)
                for (int j = 0; j < w; j++) (m[p * w + j], m[col * w + j]) = (m[col * w + j], m[p * w + j]);
            for (int j = 0; j < w; j++) m[col * w + j] /= pivot;
            for (int r = 0; r < n; r++)
            {
                if (r == col) continue;
                double f = m[r * w + col];
                if (f == 0) continue;
                for (int j = 0; j < w; j++) m[r * w + j] -= f * m[col * w + j];
            }
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double v = m[i * w + n + j];
                if (!double.IsFinite(v)) return false;
                inverse[i * n + j] = v;
            }
        return true;
    }
}
