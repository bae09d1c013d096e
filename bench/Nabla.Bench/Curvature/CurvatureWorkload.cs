using Nabla.Curvature;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Bench.Curvature;

/// <summary>
/// The model and data shared with bench/peers/curvature.py: written by `curvature.py prepare`
/// (standardised digits training split, a trained 64-32-10 tanh MLP in PyTorch's parameter order).
/// </summary>
public sealed class CurvatureWorkload
{
    public required MlpCrossEntropy Loss { get; init; }
    public required double[] Theta { get; init; }

    public static string Directory => Environment.GetEnvironmentVariable("NABLA_CURVATURE_BENCH_DIR") ?? "/tmp/nabla-curvature-bench";

    public static CurvatureWorkload Load(string? dir = null)
    {
        dir ??= Directory;
        var x = Read<double>(Path.Combine(dir, "X.bin"));
        var y = Read<int>(Path.Combine(dir, "y.bin"));
        var theta = Read<double>(Path.Combine(dir, "theta.bin"));
        var loss = new MlpCrossEntropy([64, 32, 10], Activation.Tanh, x, y);
        if (loss.Dimension != theta.Length)
            throw new InvalidDataException($"theta.bin has {theta.Length} parameters, expected {loss.Dimension}");
        return new CurvatureWorkload { Loss = loss, Theta = theta };
    }

    private static T[] Read<T>(string path) where T : unmanaged
    {
        var bytes = File.ReadAllBytes(path);
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(bytes).ToArray();
    }

    /// <summary>Prints what the benchmark cannot: accuracy against the dense eigendecomposition, and rough timings.</summary>
    public static void Check(TextWriter o)
    {
        var w = Load();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var op = w.Loss.HessianAt(w.Theta);
        o.WriteLine($"setup (forward+backward) {sw.Elapsed.TotalMilliseconds:F2} ms, loss {w.Loss.Value(w.Theta):F6}, n = {op.Dimension}");
        var v = new double[op.Dimension];
        var hv = new double[op.Dimension];
        v[0] = 1;
        for (int i = 0; i < 300; i++) op.Apply(v, hv);
        sw.Restart();
        for (int i = 0; i < 200; i++) op.Apply(v, hv);
        o.WriteLine($"HVP {sw.Elapsed.TotalMilliseconds / 200:F3} ms");
        if (Environment.GetEnvironmentVariable("NABLA_GEMM_ONLY") is not null)
        {
            var xa = w.Loss.Inputs; int nn = w.Loss.Samples;
            var bm = new double[64 * 32]; var cm = new double[nn * 32]; var hw = new double[32 * 64];
            for (int i = 0; i < 50; i++) Gemm.Multiply(false, false, nn, 32, 64, 1.0, xa, 64, bm, 32, 0.0, cm, 32);
            sw.Restart();
            for (int i = 0; i < 500; i++) Gemm.Multiply(false, false, nn, 32, 64, 1.0, xa, 64, bm, 32, 0.0, cm, 32);
            double t1 = sw.Elapsed.TotalSeconds / 500;
            sw.Restart();
            for (int i = 0; i < 500; i++) Gemm.Multiply(true, false, 32, 64, nn, 1.0, cm, 32, xa, 64, 0.0, hw, 64);
            double t2 = sw.Elapsed.TotalSeconds / 500;
            o.WriteLine($"GEMM X·V: {t1 * 1e3:F3} ms ({2.0 * nn * 64 * 32 / t1 / 1e9:F1} GFLOP/s); RGᵀ·X: {t2 * 1e3:F3} ms ({2.0 * nn * 64 * 32 / t2 / 1e9:F1} GFLOP/s)");
            return;
        }
        sw.Restart();
        var dense = DenseHessian.Build(op);
        o.WriteLine($"dense Hessian {sw.Elapsed.TotalSeconds:F2} s");
        sw.Restart();
        var exact = DenseHessian.Eigenvalues(dense, op.Dimension);
        o.WriteLine($"dense eigenvalues (MathNet) {sw.Elapsed.TotalSeconds:F2} s");
        double trace = Enumerable.Range(0, op.Dimension).Sum(i => dense[(long)i * op.Dimension + i]);
        int n = op.Dimension;
        o.WriteLine($"exact top-5 {string.Join(" ", exact.Reverse().Take(5).Select(x => x.ToString("G8")))}, trace {trace:G8}");
        foreach (var tol in new[] { 1e-3, 1e-4, 1e-6, 1e-8 })
            foreach (int k in new[] { 1, 5 })
            {
                sw.Restart();
                var r = Lanczos.Compute(op, new LanczosOptions { Largest = k, Tolerance = tol });
                double ms = sw.Elapsed.TotalMilliseconds;
                bool covered = r.Largest.Select((p, i) => Math.Abs(p.Value - exact[n - 1 - i]) <= p.Residual + 1e-12 * exact[n - 1]).All(b => b); // + the dense reference's rounding
                bool ordered = r.Largest.Zip(r.Largest.Skip(1), (a, b) => a.Value >= b.Value).All(b => b);
                if (!covered)
                    o.WriteLine("  not covered: " + string.Join("; ", r.Largest.Select((p, i) => $"err {Math.Abs(p.Value - exact[n - 1 - i]):E2} res {p.Residual:E2}")));
                o.WriteLine($"Lanczos k={k} tol={tol:G2}: {ms:F1} ms, {r.OperatorApplications} HVPs, values {string.Join(" ", r.Largest.Select(p => p.Value.ToString("G8")))}, max rel err {r.Largest.Select((p, i) => Math.Abs(p.Value - exact[n - 1 - i]) / exact[n - 1 - i]).Max():E1}, residuals cover: {covered}, ordered: {ordered}");
            }
        foreach (int k in new[] { 1, 5 })
        {
            sw.Restart();
            var p = PowerIteration.Compute(op, new PowerIterationOptions { Count = k });
            o.WriteLine($"power k={k}: {sw.Elapsed.TotalMilliseconds:F1} ms, {p.OperatorApplications} HVPs, values {string.Join(" ", p.Eigenpairs.Select(e => e.Value.ToString("G8")))}");
        }
        sw.Restart();
        var t = HutchinsonTrace.Estimate(op, new HutchinsonOptions { MaxSamples = 100 });
        o.WriteLine($"Hutchinson 100: {sw.Elapsed.TotalMilliseconds:F1} ms, {t.Estimate:G6} ± {t.StandardError:G3} (exact {trace:G6})");
        sw.Restart();
        var d = SpectralDensity.Estimate(op, new SpectralDensityOptions { Probes = 5, Steps = 60 });
        o.WriteLine($"SLQ 5×60: {sw.Elapsed.TotalMilliseconds:F1} ms, integral {d.Integral():F4}, trace {d.TraceEstimate:G6}");
    }
}
