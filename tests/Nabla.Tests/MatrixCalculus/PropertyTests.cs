using System.Text;

using CsCheck;

using Nabla.MatrixCalculus;

namespace Nabla.Tests.MatrixCalculus;

/// <summary>Random well-shaped expressions: every derivative (and the printed form, parsed back) agrees with finite differences.</summary>
public class PropertyTests
{
    private const string Dims = "X:n*n, A:n*n, B:n*n, a:n, b:n, x:n";

    /// <summary>A random scalar-valued expression over X or x and constants, built by shape.</summary>
    internal static string RandomScalar(Random r, string wrt)
    {
        string Pick(params string[] xs) => xs[r.Next(xs.Length)];
        string Mat(int d) => d == 0 || r.Next(3) == 0
            ? Pick("X", "X", "A", "B", "inv(X)", "X'")
            : r.Next(8) switch
            {
                0 => $"{Mat(d - 1)}*{Mat(d - 1)}",
                1 => $"({Mat(d - 1)})'",
                2 => $"({Mat(d - 1)} + {Mat(d - 1)})",
                3 => $"2*{Mat(d - 1)}",
                4 => $"tanh({Mat(d - 1)})",
                5 => $"(({Mat(d - 1)}) ⊙ ({Mat(d - 1)}))",
                6 => $"sin({Mat(d - 1)})",
                _ => $"({Mat(d - 1)} - {Mat(d - 1)})",
            };
        string Vec(int d) => d == 0 || r.Next(3) == 0
            ? Pick("x", "x", "a", "b")
            : r.Next(6) switch
            {
                0 => $"{Mat(d - 1)}*{Vec(d - 1)}",
                1 => $"({Vec(d - 1)} + {Vec(d - 1)})",
                2 => $"tanh({Vec(d - 1)})",
                3 => $"(({Vec(d - 1)}) ⊙ ({Vec(d - 1)}))",
                4 => $"({Mat(d - 1)})'*{Vec(d - 1)}",
                _ => $"sigmoid({Vec(d - 1)})",
            };
        string Scal(int d) => d == 0
            ? Pick("tr(X)", "x'*x", "a'*x", "sum(X)")
            : r.Next(9) switch
            {
                0 => $"({Vec(d - 1)})'*({Vec(d - 1)})",
                1 => $"tr({Mat(d - 1)})",
                2 => $"sum({Mat(d - 1)})",
                3 => $"a'*{Mat(d - 1)}*b",
                4 => $"norm2({Vec(d - 1)})^2",
                5 => $"({Scal(d - 1)})*({Scal(d - 1)})",
                6 => $"sin({Scal(d - 1)})",
                7 => "logdet(X)",
                _ => $"({Scal(d - 1)} + {Scal(d - 1)})",
            };
        var sb = new StringBuilder(Scal(3));
        sb.Append(wrt == "X" ? " + tr(X*A)" : " + a'*x");
        return sb.ToString();
    }

    [Fact]
    public void RandomExpressionsAgreeWithFiniteDifferences()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var r = new Random(seed);
            var wrt = r.Next(2) == 0 ? "X" : "x";
            var f = RandomScalar(r, wrt);
            MatrixDerivative d;
            try { d = MatrixDifferentiation.Differentiate(f, wrt, new MatrixDiffOptions { Dims = Dims, Check = true, Instances = 1, Seed = seed }); }
            catch (Exception e) { throw new Exception($"{f} wrt {wrt}: {e.Message}", e); }
            if (!d.Check!.Passed(1e-6))
                throw new Exception($"{f} wrt {wrt}: {d.Text}: {d.Check}");
        }, iter: 400);
    }

    [Fact]
    public void RandomHessiansAgreeWithFiniteDifferences()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var r = new Random(seed);
            var f = RandomScalar(r, "x");
            MatrixDerivative d;
            try { d = MatrixDifferentiation.Differentiate(f, "x", new MatrixDiffOptions { Dims = Dims, Check = true, Hessian = true, Instances = 1, Seed = seed }); }
            catch (Exception e) { throw new Exception($"{f}: {e.Message}", e); }
            if (!d.Check!.Passed(1e-6))
                throw new Exception($"{f}: H = {d.HessianText}: {d.Check}");
        }, iter: 100);
    }
}
