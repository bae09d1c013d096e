using CsCheck;

using Nabla.MatrixCalculus;

namespace Nabla.Tests.MatrixCalculus;

/// <summary>Random well-shaped expressions over rectangular shapes (X: n×m): products must respect dimensions.</summary>
public class RectangularPropertyTests
{
    private const string Dims = "X:n*m, Y:m*n, A:n*n, B:m*m, x:m, a:n, b:m";

    /// <summary>A random expression of shape (r, c), where r, c ∈ {n, m, 1}.</summary>
    internal static string Random(Random rng, string r, string c, int d)
    {
        string Pick(params string[] xs) => xs[rng.Next(xs.Length)];
        string Atom()
        {
            var options = new List<string>();
            foreach (var (name, rr, cc) in new[] { ("X", "n", "m"), ("Y", "m", "n"), ("A", "n", "n"), ("B", "m", "m"), ("x", "m", "1"), ("a", "n", "1"), ("b", "m", "1") })
            {
                if (rr == r && cc == c) options.Add(name);
                if (cc == r && rr == c && cc != "1") options.Add(name + "'");
                if (cc == "1" && r == "1" && c == rr) options.Add(name + "'");
            }
            if (r == "1" && c == "1") options.AddRange(["tr(A)", "sum(X)", "x'*x"]);
            if (r == c && r != "1") options.Add($"eye({r})");
            return options.Count > 0 ? Pick([.. options]) : $"{Random(rng, r, "n", 0)}*{Random(rng, "n", c, 0)}";
        }
        if (d == 0) return Atom();
        string inner = Pick("n", "m", "1");
        return rng.Next(7) switch
        {
            0 => $"({Random(rng, r, c, d - 1)} + {Random(rng, r, c, d - 1)})",
            1 => $"{Random(rng, r, inner, d - 1)}*{Random(rng, inner, c, d - 1)}",
            2 => $"({Random(rng, c, r, d - 1)})'",
            3 => $"tanh({Random(rng, r, c, d - 1)})",
            4 => $"(({Random(rng, r, c, d - 1)}) ⊙ ({Random(rng, r, c, d - 1)}))",
            5 when r == "1" && c == "1" => $"sin({Random(rng, "1", "1", d - 1)})",
            5 when r == c && r != "1" => $"inv(A + {Random(rng, r, c, d - 1)}/10 + 5*eye({r}))".Replace("A +", r == "n" ? "A +" : "B +"),
            _ => $"3*{Random(rng, r, c, d - 1)}",
        };
    }

    [Fact]
    public void RectangularExpressionsAgreeWithFiniteDifferencesAndAutoDiff()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var rng = new Random(seed);
            var wrt = rng.Next(3) switch { 0 => "X", 1 => "Y", _ => "x" };
            var f = Random(rng, "1", "1", 4) + (wrt == "x" ? " + b'*x" : wrt == "X" ? " + a'*X*b" : " + b'*Y*a");
            MatrixDerivative d;
            try { d = MatrixDifferentiation.Differentiate(f, wrt, new MatrixDiffOptions { Dims = Dims, Check = true, Instances = 1, Seed = seed }); }
            catch (Exception e) { throw new Exception($"{f} wrt {wrt}: {e.Message}", e); }
            if (!d.Check!.Passed(1e-6)) throw new Exception($"{f} wrt {wrt}: {d.Text}: {d.Check}");
        }, iter: 400);
    }

    [Fact]
    public void RectangularHessiansAgreeWithFiniteDifferencesAndAutoDiff()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var rng = new Random(seed);
            var wrt = rng.Next(2) == 0 ? "X" : "x";
            var f = Random(rng, "1", "1", 3) + (wrt == "x" ? " + b'*x" : " + a'*X*b");
            MatrixDerivative d;
            try { d = MatrixDifferentiation.Differentiate(f, wrt, new MatrixDiffOptions { Dims = Dims, Check = true, Hessian = true, Instances = 1, Seed = seed }); }
            catch (MatrixUnsupportedException) { return; } // gradient without a matrix form: no Hessian
            catch (Exception e) { throw new Exception($"{f} wrt {wrt}: {e.Message}", e); }
            if (d.Hessian is null && d.HessianIndexForm is null) throw new Exception($"{f}: no Hessian");
            if (!d.Check!.Passed(1e-6)) throw new Exception($"{f} wrt {wrt}: H = {d.HessianText}: {d.Check}");
        }, iter: 150);
    }
}
