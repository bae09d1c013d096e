using BenchmarkDotNet.Attributes;

using Nabla.Analysis;
using Nabla.Intervals;

namespace Nabla.Bench.Analysis;

/// <summary>
/// Certified enumeration and classification of every critical point (interval Krawczyk branch
/// and prune on the symbolic gradient and Hessian), against bench/peers/critical.py (SymPy solve on
/// the gradient plus the Hessian test). Global extrema are not part of the workload (the peer has none).
/// Run: bench/run-critical.sh.
/// </summary>
[MemoryDiagnoser]
public class CriticalPointsBench
{
    private static readonly CriticalPointOptions Options = new() { GlobalExtrema = false };

    [Benchmark(Description = "himmelblau")]
    public int Himmelblau()
    {
        // A fresh ScalarField each time: parsing, differentiation and compilation are part of the cost.
        var f = ScalarField.Parse("(x^2 + y - 11)^2 + (x + y^2 - 7)^2");
        var r = CriticalPoints.Find(f, Box.FromBounds([-6.0, -6.0], [6.0, 6.0]), Options);
        if (r.Points.Count != 9 || !r.Complete) throw new InvalidOperationException("Himmelblau: expected 9 certified critical points");
        return r.Points.Count;
    }

    [Benchmark(Description = "poly3")]
    public int Polynomial3()
    {
        var f = ScalarField.Parse("x*y*z - x^2 - y^2 - z^2");
        var r = CriticalPoints.Find(f, Box.FromBounds([-3.0, -3.0, -3.0], [3.0, 3.0, 3.0]), Options);
        if (r.Points.Count != 5 || !r.Complete) throw new InvalidOperationException("poly3: expected 5 certified critical points");
        return r.Points.Count;
    }
}
