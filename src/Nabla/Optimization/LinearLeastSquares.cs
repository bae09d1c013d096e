using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace Nabla.Optimization;

/// <summary>A design matrix A (rows = samples, first column the intercept when added), targets y and column names.</summary>
public sealed record RegressionData(double[,] A, double[] Y, IReadOnlyList<string> Columns)
{
    public int Samples => Y.Length;
    public int Parameters => A.GetLength(1);

    /// <summary>
    /// Reads numeric rows (comma, semicolon, tab or space separated; an optional header row of
    /// names). The last column is the target y unless <paramref name="targets"/> is given.
    /// Limits: at most 1,000,000 rows and 1,000 columns.
    /// </summary>
    public static RegressionData Read(TextReader features, TextReader? targets = null, IReadOnlyList<string>? names = null, string source = "data")
    {
        var rows = new List<double[]>();
        string[]? header = null;
        int lineNumber = 0;
        while (features.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var cells = line.Split([',', ';', '\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            var values = new double[cells.Length];
            bool numeric = true;
            for (int i = 0; i < cells.Length && numeric; i++)
                numeric = double.TryParse(cells[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]);
            if (!numeric)
            {
                if (rows.Count == 0 && header is null)
                {
                    header = cells;
                    continue;
                }
                throw new NablaInputException($"{source}, line {lineNumber}: not a number in '{Shorten(line)}'");
            }
            if (rows.Count > 0 && values.Length != rows[0].Length)
                throw new NablaInputException($"{source}, line {lineNumber}: {values.Length} columns, the first row has {rows[0].Length}");
            if (values.Length > 1000)
                throw new NablaInputException($"{source}: more than 1000 columns");
            rows.Add(values);
            if (rows.Count > 1_000_000)
                throw new NablaInputException($"{source}: more than 1,000,000 rows");
        }
        if (rows.Count == 0)
            throw new NablaInputException($"{source}: no numeric rows");
        double[] y;
        int p;
        if (targets is null)
        {
            p = rows[0].Length - 1;
            if (p < 1)
                throw new NablaInputException($"{source}: need at least one feature column and the target column");
            y = rows.Select(r => r[^1]).ToArray();
        }
        else
        {
            p = rows[0].Length;
            y = ReadColumn(targets, source + " targets");
        }
        if (y.Length != rows.Count)
            throw new NablaInputException($"{source}: {rows.Count} rows of features but {y.Length} targets");
        var a = new double[rows.Count, p];
        for (int i = 0; i < rows.Count; i++)
            for (int j = 0; j < p; j++)
                a[i, j] = rows[i][j];
        var columns = names?.ToArray() ?? header?.Take(p).ToArray() ?? Enumerable.Range(1, p).Select(j => $"x{j}").ToArray();
        if (columns.Length != p)
            columns = Enumerable.Range(1, p).Select(j => $"x{j}").ToArray();
        return new RegressionData(a, y, columns);
    }

    /// <summary>Reads a file of targets alone (one number per line).</summary>
    internal static double[] ReadColumn(TextReader reader, string source)
    {
        var values = new List<double>();
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            if (!double.TryParse(line.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                throw new NablaInputException($"{source}, line {lineNumber}: not a number");
            values.Add(v);
        }
        return values.ToArray();
    }

    /// <summary>The diabetes data (442 × 10) from the two vendored streams (plain text, already decompressed).</summary>
    public static RegressionData Diabetes(TextReader features, TextReader targets)
    {
        var y = ReadColumn(targets, "diabetes targets");
        var rows = new List<double[]>();
        while (features.ReadLine() is { } line)
            if (!string.IsNullOrWhiteSpace(line))
                rows.Add(line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray());
        var a = new double[rows.Count, 10];
        for (int i = 0; i < rows.Count; i++)
            for (int j = 0; j < 10; j++)
                a[i, j] = rows[i][j];
        if (y.Length != rows.Count)
            throw new NablaInputException($"diabetes: {rows.Count} rows but {y.Length} targets");
        return new RegressionData(a, y, ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]);
    }

    /// <summary>Keeps the named columns (e.g. "bmi").</summary>
    public RegressionData Select(IReadOnlyList<string> columns)
    {
        var index = columns.Select(c =>
        {
            int k = Columns.ToList().FindIndex(n => string.Equals(n, c, StringComparison.OrdinalIgnoreCase));
            return k >= 0 ? k : throw new NablaInputException($"no column '{c}'; the columns are {string.Join(", ", Columns)}");
        }).ToArray();
        var a = new double[Samples, index.Length];
        for (int i = 0; i < Samples; i++)
            for (int j = 0; j < index.Length; j++)
                a[i, j] = A[i, index[j]];
        return this with { A = a, Columns = index.Select(k => Columns[k]).ToArray() };
    }

    /// <summary>Centres every column and scales it to unit sum of squares (scikit-learn's scaled diabetes), then prepends an intercept column of ones.</summary>
    public RegressionData StandardizeWithIntercept()
    {
        int n = Samples, p = Parameters;
        var a = new double[n, p + 1];
        for (int i = 0; i < n; i++)
            a[i, 0] = 1;
        for (int j = 0; j < p; j++)
        {
            double mean = 0;
            for (int i = 0; i < n; i++) mean += A[i, j];
            mean /= n;
            double ss = 0;
            for (int i = 0; i < n; i++) ss += (A[i, j] - mean) * (A[i, j] - mean);
            double scale = ss > 0 ? 1 / Math.Sqrt(ss) : 1;
            for (int i = 0; i < n; i++) a[i, j + 1] = (A[i, j] - mean) * scale;
        }
        return this with { A = a, Columns = ["intercept", .. Columns] };
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}

/// <summary>The result of one way of minimizing ‖y − Aω‖².</summary>
/// <param name="Method">"qr", "normal-equations", "gradient-descent" or "newton".</param>
/// <param name="Weights">ω.</param>
/// <param name="Value">‖y − Aω‖².</param>
/// <param name="History">f after each iteration (index 0 = the start) for the iterative methods.</param>
public sealed record LeastSquaresFit(string Method, double[] Weights, double Value, IReadOnlyList<double> History);

/// <summary>
/// The lecture's least-squares example, f(ω) = ‖y − Aω‖², solved four ways: QR (backward stable),
/// the normal equations AᵀAω = Aᵀy (Cholesky), gradient descent with ∇f = −2Aᵀ(y − Aω), and Newton,
/// which converges in one step from any start because the Hessian 2AᵀA is constant.
/// </summary>
public static class LinearLeastSquares
{
    public static double Objective(double[,] a, double[] y, ReadOnlySpan<double> w)
    {
        double f = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double r = y[i];
            for (int j = 0; j < w.Length; j++)
                r -= a[i, j] * w[j];
            f += r * r;
        }
        return f;
    }

    /// <summary>∇f(ω) = −2Aᵀ(y − Aω).</summary>
    public static void Gradient(double[,] a, double[] y, ReadOnlySpan<double> w, Span<double> gradient)
    {
        gradient.Clear();
        for (int i = 0; i < y.Length; i++)
        {
            double r = y[i];
            for (int j = 0; j < w.Length; j++)
                r -= a[i, j] * w[j];
            for (int j = 0; j < w.Length; j++)
                gradient[j] -= 2 * a[i, j] * r;
        }
    }

    public static LeastSquaresFit Qr(RegressionData data)
    {
        var a = Matrix<double>.Build.DenseOfArray(data.A);
        var w = a.QR().Solve(Vector<double>.Build.DenseOfArray(data.Y)).ToArray();
        return new LeastSquaresFit("qr", w, Objective(data.A, data.Y, w), []);
    }

    public static LeastSquaresFit NormalEquations(RegressionData data)
    {
        var a = Matrix<double>.Build.DenseOfArray(data.A);
        var ata = a.TransposeThisAndMultiply(a);
        var aty = a.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(data.Y));
        double[] w;
        try { w = ata.Cholesky().Solve(aty).ToArray(); }
        catch (ArgumentException) { w = ata.Svd().Solve(aty).ToArray(); } // rank deficient: minimum-norm solution
        return new LeastSquaresFit("normal-equations", w, Objective(data.A, data.Y, w), []);
    }

    /// <summary>
    /// Gradient descent ω ← ω − η·∇f(ω) with the fixed step η = 1/L, L = 2·λmax(AᵀA) the Lipschitz
    /// constant of ∇f (so f decreases monotonically), from ω = 0.
    /// </summary>
    public static LeastSquaresFit GradientDescent(RegressionData data, int iterations, CancellationToken cancellation = default)
    {
        if (iterations < 0)
            throw new NablaInputException($"iterations must be non-negative (got {iterations})");
        var a = Matrix<double>.Build.DenseOfArray(data.A);
        double lipschitz = 2 * a.TransposeThisAndMultiply(a).Evd().EigenValues.Max(c => c.Real);
        double eta = 1 / lipschitz;
        int p = data.Parameters;
        var w = new double[p];
        var g = new double[p];
        var history = new List<double> { Objective(data.A, data.Y, w) };
        for (int k = 0; k < iterations && !cancellation.IsCancellationRequested; k++)
        {
            Gradient(data.A, data.Y, w, g);
            for (int j = 0; j < p; j++)
                w[j] -= eta * g[j];
            history.Add(Objective(data.A, data.Y, w));
        }
        return new LeastSquaresFit("gradient-descent", w, history[^1], history);
    }

    /// <summary>One Newton step ω₁ = ω₀ − (2AᵀA)⁻¹∇f(ω₀) from ω₀ (default 0): exact, since f is quadratic.</summary>
    public static LeastSquaresFit Newton(RegressionData data, double[]? start = null)
    {
        int p = data.Parameters;
        var w0 = start ?? new double[p];
        if (w0.Length != p)
            throw new NablaInputException($"start has {w0.Length} coordinates, the model has {p} weights");
        var g = new double[p];
        Gradient(data.A, data.Y, w0, g);
        var a = Matrix<double>.Build.DenseOfArray(data.A);
        var h = 2 * a.TransposeThisAndMultiply(a);
        var step = h.Svd().Solve(Vector<double>.Build.DenseOfArray(g)).ToArray();
        var w1 = new double[p];
        for (int j = 0; j < p; j++)
            w1[j] = w0[j] - step[j];
        return new LeastSquaresFit("newton", w1, Objective(data.A, data.Y, w1), [Objective(data.A, data.Y, w0), Objective(data.A, data.Y, w1)]);
    }
}
