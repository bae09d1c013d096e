using BenchmarkDotNet.Attributes;
using Nabla.Symbolic;

namespace Nabla.Bench.Symbolic;

/// <summary>
/// Issue 2's tasks (a)-(e); bench/peers/symbolic.py runs the same on SymPy and bench/run-symbolic.sh
/// prints the ratios. Each symbolic task starts from the built formula, as the peer does.
/// </summary>
[MemoryDiagnoser(false)]
public class SymbolicBenchmarks
{
    private Expr rosenbrock = null!, watson = null!, eighth = null!, lecture = null!;
    private CompiledHessian watsonHessian = null!;
    private readonly double[] point = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
    private readonly double[] grad = new double[6];
    private readonly double[] hess = new double[36];

    [GlobalSetup]
    public void Setup()
    {
        rosenbrock = SymbolicProblems.ExtendedRosenbrock(10);
        watson = SymbolicProblems.Watson(6);
        eighth = SymbolicProblems.Eighth;
        lecture = SymbolicProblems.Lecture;
        watsonHessian = watson.CompileHessian(SymbolicProblems.Vars(6));
    }

    [Benchmark(Description = "a_rosenbrock10_hessian")]
    public Expr[][] RosenbrockHessian() => rosenbrock.Hessian(SymbolicProblems.Vars(10));

    [Benchmark(Description = "b_watson6_hessian")]
    public Expr[][] WatsonHessian() => watson.Hessian(SymbolicProblems.Vars(6));

    [Benchmark(Description = "c_eighth_derivative")]
    public Expr EighthDerivative() => eighth.Diff("x", 8);

    [Benchmark(Description = "d_lecture_gradient_simplify")]
    public Expr[] LectureGradientSimplify() => lecture.Gradient().Select(g => g.Simplify()).ToArray();

    [Benchmark(Description = "e_watson6_compiled_hessian_eval")]
    public double WatsonCompiledHessian() => watsonHessian.Kernel(point, grad, hess);

    [Benchmark(Description = "e_watson6_handwritten_hessian_eval")]
    public double WatsonHandWrittenHessian() => SymbolicProblems.WatsonHandWritten(point, grad, hess);
}
