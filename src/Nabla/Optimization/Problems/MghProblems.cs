namespace Nabla.Optimization.Problems;

/// <summary>
/// The catalogue of the Moré-Garbow-Hillstrom test problems (J. J. Moré, B. S. Garbow, K. E.
/// Hillstrom, "Testing unconstrained optimization software", ACM TOMS 7(1), 1981, 17-41), with the
/// standard starting points and known minimum values.
/// </summary>
/// <remarks>
/// Published f(x0): gonum optimize/functions tests, JuliaSmoothOptimizers OptimizationProblems.jl
/// and the MGH paper; where no independent publication was found (Osborne 1, Kowalik-Osborne,
/// Bard, Freudenstein-Roth, and the variable-dimension problems at the chosen n) the value was
/// evaluated to 30 digits with SymPy/mpmath from an independent implementation (bench/peers/mgh.py).
/// Minimizers are given to the digits published and are exact where f* = 0.
/// </remarks>
public static class MghProblems
{
    public static TestProblem Rosenbrock { get; } = new TestProblem<Rosenbrock>(
        "Rosenbrock", 1, new(), [-1.2, 1.0], 0.0, 24.2, minimizer: [1, 1]);

    public static TestProblem FreudensteinRoth { get; } = new TestProblem<FreudensteinRoth>(
        "Freudenstein-Roth", 2, new(), [0.5, -2.0], 0.0, 400.5,
        localMinimumValues: [48.98425367924000], minimizer: [5, 4]);

    public static TestProblem PowellBadlyScaled { get; } = new TestProblem<PowellBadlyScaled>(
        "Powell badly scaled", 3, new(), [0.0, 1.0], 0.0, 1.13526171734838,
        minimizer: [1.098159329699759e-5, 9.106146739867318]);

    public static TestProblem BrownBadlyScaled { get; } = new TestProblem<BrownBadlyScaled>(
        "Brown badly scaled", 4, new(), [1.0, 1.0], 0.0, 999998000003.0, minimizer: [1e6, 2e-6]);

    public static TestProblem Beale { get; } = new TestProblem<Beale>(
        "Beale", 5, new(), [1.0, 1.0], 0.0, 14.203125, minimizer: [3, 0.5]);

    public static TestProblem JennrichSampson { get; } = new TestProblem<JennrichSampson>(
        "Jennrich-Sampson", 6, new(), [0.3, 0.4], 124.3621823556148, 4171.306161960493,
        minimizer: [0.2578252135686162, 0.2578252135686162]);

    public static TestProblem HelicalValley { get; } = new TestProblem<HelicalValley>(
        "Helical valley", 7, new(), [-1.0, 0.0, 0.0], 0.0, 2500.0, minimizer: [1, 0, 0]);

    public static TestProblem Bard { get; } = new TestProblem<Bard>(
        "Bard", 8, new(), [1.0, 1.0, 1.0], 8.214877306578e-3, 41.68169586167800,
        localMinimumValues: [17.4286], minimizer: [0.08241056, 1.133036, 2.343695]);

    public static TestProblem Gaussian { get; } = new TestProblem<Gaussian>(
        "Gaussian", 9, new(), [0.4, 1.0, 0.0], 1.127932769618e-8, 3.88810699116688e-6,
        minimizer: [0.3989561, 1.000019, 0]);

    public static TestProblem Meyer { get; } = new TestProblem<Meyer>(
        "Meyer", 10, new(), [0.02, 4000.0, 250.0], 87.9458551708, 1.6936078094361455e9,
        minimizer: [5.60963766837e-3, 6181.34616768, 345.223628592]);

    public static TestProblem GulfResearch { get; } = new TestProblem<GulfResearch>(
        "Gulf research", 11, new(), [5.0, 2.5, 0.15], 0.0, 12.11070582556949, minimizer: [50, 25, 1.5]);

    public static TestProblem Box3D { get; } = new TestProblem<Box3D>(
        "Box 3-D", 12, new(), [0.0, 10.0, 20.0], 0.0, 1031.1538106093985, minimizer: [1, 10, 1]);

    public static TestProblem PowellSingular { get; } = new TestProblem<PowellSingular>(
        "Powell singular", 13, new(), [3.0, -1.0, 0.0, 1.0], 0.0, 215.0, minimizer: [0, 0, 0, 0]);

    public static TestProblem Wood { get; } = new TestProblem<Wood>(
        "Wood", 14, new(), [-3.0, -1.0, -3.0, -1.0], 0.0, 19192.0, minimizer: [1, 1, 1, 1]);

    public static TestProblem KowalikOsborne { get; } = new TestProblem<KowalikOsborne>(
        "Kowalik-Osborne", 15, new(), [0.25, 0.39, 0.415, 0.39], 3.075056038492e-4, 5.313172272108542e-3,
        localMinimumValues: [1.02734e-3], minimizer: [0.1928069, 0.1912823, 0.1230565, 0.1360623]);

    public static TestProblem BrownDennis { get; } = new TestProblem<BrownDennis>(
        "Brown-Dennis", 16, new(), [25.0, 5.0, -5.0, -1.0], 85822.2016263564, 7926693.33699744,
        minimizer: [-11.59443990, 13.20363005, -0.4034394884, 0.2367787744]);

    public static TestProblem Osborne1 { get; } = new TestProblem<Osborne1>(
        "Osborne 1", 17, new(), [0.5, 1.5, -1.0, 0.01, 0.02], 5.464894697483e-5, 0.8790262935446405,
        minimizer: [0.3754100, 1.935847, -1.464687, 0.01286753, 0.02212270]);

    public static TestProblem BiggsExp6 { get; } = new TestProblem<BiggsExp6>(
        "Biggs EXP6", 18, new(), [1.0, 2.0, 1.0, 1.0, 1.0, 1.0], 0.0, 0.77907007565597,
        localMinimumValues: [5.65565e-3], minimizer: [1, 10, 1, 5, 4, 3]);

    public static TestProblem Osborne2 { get; } = new TestProblem<Osborne2>(
        "Osborne 2", 19, new(), [1.3, 0.65, 0.65, 0.7, 0.6, 3.0, 5.0, 7.0, 2.0, 4.5, 5.5], 4.013773629354e-2, 2.093419514212065,
        minimizer: [1.3099771, 0.4315537, 0.6336616, 0.5994305, 0.7541832, 0.9042887, 1.3658118, 4.8236988, 2.3986848, 4.5688745, 5.6753414]);

    public static TestProblem Watson6 { get; } = Watson(6);

    /// <summary>Watson (MGH 20) for 2 ≤ n ≤ 31; f* is known for n = 6, 9, 12.</summary>
    public static TestProblem Watson(int n)
    {
        double fstar = n switch { 6 => 2.287670053552e-3, 9 => 1.39976e-6, 12 => 4.72238e-10, _ => double.NaN };
        double[]? minimizer = n == 6 ? [-0.01572509, 1.012435, -0.2329916, 1.260430, -1.513729, 0.9929965] : null;
        return new TestProblem<Watson>("Watson", 20, new(n), new double[n], fstar, 30.0, minimizer: minimizer);
    }

    /// <summary>Extended Rosenbrock (MGH 21), n even.</summary>
    public static TestProblem ExtendedRosenbrock(int n = 10)
    {
        var fn = new ExtendedRosenbrock(n);
        var x0 = new double[n];
        for (int i = 0; i < n; i += 2) { x0[i] = -1.2; x0[i + 1] = 1.0; }
        return new TestProblem<ExtendedRosenbrock>("Extended Rosenbrock", 21, fn, x0, 0.0, 12.1 * n, minimizer: Filled(n, 1));
    }

    /// <summary>Penalty I (MGH 23); f* = 2.24997e-5 (n = 4), 7.08765e-5 (n = 10).</summary>
    public static TestProblem PenaltyI(int n = 4)
    {
        var x0 = new double[n];
        double sumSquares = 0, sumLinear = 0;
        for (int j = 0; j < n; j++) { x0[j] = j + 1; sumSquares += (j + 1.0) * (j + 1.0); sumLinear += j * (double)j; }
        double f0 = 1e-5 * sumLinear + (sumSquares - 0.25) * (sumSquares - 0.25);
        double fstar = n switch { 4 => 2.24997e-5, 10 => 7.08765e-5, _ => double.NaN };
        return new TestProblem<PenaltyI>("Penalty I", 23, new(n), x0, fstar, f0);
    }

    /// <summary>Penalty II (MGH 24); f* = 9.37629e-6 (n = 4), 2.93660e-4 (n = 10).</summary>
    public static TestProblem PenaltyII(int n = 4)
    {
        double fstar = n switch { 4 => 9.37629e-6, 10 => 2.93660e-4, _ => double.NaN };
        double f0 = n switch { 4 => 2.34000880546302, 10 => 162.65277656596712, _ => double.NaN };
        return new TestProblem<PenaltyII>("Penalty II", 24, new(n), Filled(n, 0.5), fstar, f0);
    }

    /// <summary>Variably dimensioned (MGH 25); f* = 0 at x = 1.</summary>
    public static TestProblem VariablyDimensioned(int n = 10)
    {
        var x0 = new double[n];
        for (int j = 0; j < n; j++) x0[j] = 1.0 - (j + 1.0) / n;
        double f0 = n == 10 ? 2198551.1625 : double.NaN;
        return new TestProblem<VariablyDimensioned>("Variably dimensioned", 25, new(n), x0, 0.0, f0, minimizer: Filled(n, 1));
    }

    /// <summary>Trigonometric (MGH 26); f* = 0, with a local minimum 2.79506e-5 for n = 10.</summary>
    public static TestProblem Trigonometric(int n = 10)
    {
        double f0 = n == 10 ? 0.00707575946622220 : double.NaN;
        return new TestProblem<Trigonometric>("Trigonometric", 26, new(n), Filled(n, 1.0 / n), 0.0, f0,
            localMinimumValues: n == 10 ? [2.79506e-5] : null);
    }

    /// <summary>Brown almost-linear (MGH 27); f* = 0 at x = 1, and f = 1 at (0, …, 0, n + 1).</summary>
    public static TestProblem BrownAlmostLinear(int n = 10)
    {
        double f0 = n == 10 ? 273.2480478286743 : double.NaN;
        return new TestProblem<BrownAlmostLinear>("Brown almost-linear", 27, new(n), Filled(n, 0.5), 0.0, f0,
            localMinimumValues: [1.0], minimizer: Filled(n, 1));
    }

    /// <summary>Discrete boundary value (MGH 28); f* = 0.</summary>
    public static TestProblem DiscreteBoundaryValue(int n = 10)
    {
        var x0 = new double[n];
        double h = 1.0 / (n + 1);
        for (int j = 0; j < n; j++) { double t = (j + 1) * h; x0[j] = t * (t - 1); }
        double f0 = n == 10 ? 7.885191012648215e-4 : double.NaN;
        return new TestProblem<DiscreteBoundaryValue>("Discrete boundary value", 28, new(n), x0, 0.0, f0);
    }

    /// <summary>Broyden tridiagonal (MGH 30); f* = 0.</summary>
    public static TestProblem BroydenTridiagonal(int n = 10)
    {
        double f0 = n == 10 ? 21.0 : double.NaN;
        return new TestProblem<BroydenTridiagonal>("Broyden tridiagonal", 30, new(n), Filled(n, -1.0), 0.0, f0);
    }

    /// <summary>Chebyquad (MGH 35) with m = n; f* = 0 for n ≤ 7 and n = 9, 3.51687e-3 for n = 8, 6.50395e-3 for n = 10.</summary>
    public static TestProblem Chebyquad(int n = 8)
    {
        var x0 = new double[n];
        for (int j = 0; j < n; j++) x0[j] = (j + 1.0) / (n + 1);
        double fstar = n switch { <= 7 or 9 => 0.0, 8 => 3.51687e-3, 10 => 6.50395e-3, _ => double.NaN };
        double f0 = n == 8 ? 3.861769828593023e-2 : double.NaN;
        return new TestProblem<Chebyquad>("Chebyquad", 35, new(n), x0, fstar, f0);
    }

    /// <summary>The 20 problems of the acceptance benchmark (issue 6), in MGH order.</summary>
    public static IReadOnlyList<TestProblem> Benchmark { get; } =
    [
        Rosenbrock, FreudensteinRoth, PowellBadlyScaled, BrownBadlyScaled, Beale, JennrichSampson, HelicalValley,
        Bard, Gaussian, Meyer, GulfResearch, Box3D, PowellSingular, Wood, KowalikOsborne, BrownDennis, Osborne1,
        BiggsExp6, Osborne2, Watson6,
    ];

    /// <summary>Every problem in the catalogue at its standard dimension.</summary>
    public static IReadOnlyList<TestProblem> All { get; } =
    [
        .. Benchmark, ExtendedRosenbrock(), PenaltyI(), PenaltyII(), VariablyDimensioned(), Trigonometric(),
        BrownAlmostLinear(), DiscreteBoundaryValue(), BroydenTridiagonal(), Chebyquad(),
    ];

    /// <summary>Finds a problem by name (case, spaces and hyphens ignored; a unique prefix is enough) or MGH number.</summary>
    public static TestProblem? Find(string nameOrNumber)
    {
        if (int.TryParse(nameOrNumber, out int number))
            return All.FirstOrDefault(p => p.Number == number);
        string key = Normalize(nameOrNumber);
        if (key.Length == 0)
            return null;
        var exact = All.FirstOrDefault(p => Normalize(p.Name) == key);
        if (exact is not null)
            return exact;
        var prefixed = All.Where(p => Normalize(p.Name).StartsWith(key, StringComparison.Ordinal)).ToList();
        return prefixed.Count == 1 ? prefixed[0] : null;
    }

    private static string Normalize(string s) =>
        new(s.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static double[] Filled(int n, double value)
    {
        var x = new double[n];
        Array.Fill(x, value);
        return x;
    }
}
