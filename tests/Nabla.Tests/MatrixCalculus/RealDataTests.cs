using System.Globalization;
using System.IO.Compression;

using MathNet.Numerics.LinearAlgebra;

using Nabla.MatrixCalculus;

namespace Nabla.Tests.MatrixCalculus;

/// <summary>The compiled least-squares gradient on the diabetes data set (442 patients, 10 features).</summary>
public class RealDataTests
{
    private static string? FindDiabetes()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var vendored = Path.Combine(dir.FullName, "data", "diabetes_data_raw.csv.gz");
            if (File.Exists(vendored)) return Path.Combine(dir.FullName, "data");
        }
        return Directory.Exists("/work/shared/data") ? "/work/shared/data" : null;
    }

    private static List<double[]> Read(string path) =>
        [.. new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress)).ReadToEnd()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray())];

    [Fact]
    public void LeastSquaresGradientVanishesAtTheNormalEquationsSolution()
    {
        var dir = FindDiabetes();
        Assert.NotNull(dir); // the data set is vendored in data/ (or shared on the build machine)
        var x = Read(Path.Combine(dir!, "diabetes_data_raw.csv.gz"));
        var t = Read(Path.Combine(dir!, "diabetes_target.csv.gz"));
        Assert.Equal(442, x.Count);
        // standardized features and an intercept column
        int n = x.Count, p = x[0].Length;
        var a = Matrix<double>.Build.Dense(n, p + 1, (i, j) => j == 0 ? 1 : x[i][j - 1]);
        for (int j = 1; j <= p; j++)
        {
            var col = a.Column(j);
            double mean = col.Average(), sd = Math.Sqrt(col.Select(v => (v - mean) * (v - mean)).Average());
            a.SetColumn(j, col.Map(v => (v - mean) / sd));
        }
        var y = Matrix<double>.Build.Dense(n, 1, (i, _) => t[i][0]);
        var objective = new MatrixObjective("norm2(y - A*w)^2", "w", new Dictionary<string, Matrix<double>> { ["A"] = a, ["y"] = y });
        Assert.Equal(p + 1, objective.Dimension);
        var solution = a.QR().Solve(y).Column(0).ToArray();
        var g = new double[p + 1];
        double f = objective.ValueAndGradient(solution, g);
        double residual = (y - a * Matrix<double>.Build.Dense(p + 1, 1, solution)).FrobeniusNorm();
        Assert.Equal(residual * residual, f, 6);
        // ∇f = 0 at the minimum, relative to the size of the gradient at the origin
        var g0 = new double[p + 1];
        objective.ValueAndGradient(new double[p + 1], g0);
        Assert.True(g.Max(Math.Abs) < 1e-9 * g0.Max(Math.Abs), $"{g.Max(Math.Abs)} vs {g0.Max(Math.Abs)}");
        // and equals 2A'(Aw - y) elsewhere
        var w = Enumerable.Range(0, p + 1).Select(i => 10.0 * i).ToArray();
        objective.ValueAndGradient(w, g);
        var expected = 2 * a.Transpose() * (a * Matrix<double>.Build.Dense(p + 1, 1, w) - y);
        for (int i = 0; i <= p; i++) Assert.Equal(expected[i, 0], g[i], 6);
    }
}
