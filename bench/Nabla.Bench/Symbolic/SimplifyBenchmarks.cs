using BenchmarkDotNet.Attributes;
using Nabla.Symbolic;
using Nabla.Symbolic.Simplification;

namespace Nabla.Bench.Symbolic;

/// <summary>
/// Simplification alone (the derivative is computed once in the setup), the peers of SymPy's
/// simplify in bench/peers/symbolic.py (--simplify-eighth, --simplify-watson); bench/run-simplify.sh
/// prints the ratios. Each call is a fresh run: the simplifier keeps no cache between calls.
/// </summary>
[MemoryDiagnoser(false)]
public class SimplifyBenchmarks
{
    private Expr[] lectureGradient = null!, watsonHessian = null!;
    private Expr eighth = null!;
    private static readonly SimplifyOptions Generous = new() { Budget = TimeSpan.FromSeconds(60) };

    [GlobalSetup]
    public void Setup()
    {
        lectureGradient = SymbolicProblems.Lecture.Gradient();
        eighth = SymbolicProblems.Eighth.Diff("x", 8);
        watsonHessian = SymbolicProblems.Watson(6).Hessian(SymbolicProblems.Vars(6)).SelectMany(row => row).ToArray();
        // fail loudly rather than time a budget overrun
        if (Simplifier.TrySimplify(eighth, Generous).Status != SimplifyStatus.Complete ||
            Simplifier.TrySimplifyAll(watsonHessian, Generous).Status != SimplifyStatus.Complete)
            throw new InvalidOperationException("simplification did not complete");
    }

    [Benchmark(Description = "d_lecture_gradient_simplify_only")]
    public Expr[] LectureGradient() => lectureGradient.Select(g => Simplifier.Simplify(g, Generous)).ToArray();

    [Benchmark(Description = "c_eighth_derivative_simplify")]
    public Expr EighthDerivative() => Simplifier.Simplify(eighth, Generous);

    [Benchmark(Description = "b_watson6_hessian_simplify")]
    public Expr[] WatsonHessian() => Simplifier.Simplify(watsonHessian, Generous);
}
