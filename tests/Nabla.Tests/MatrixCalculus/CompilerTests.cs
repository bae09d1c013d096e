using MathNet.Numerics.LinearAlgebra;

using Nabla.MatrixCalculus;

namespace Nabla.Tests.MatrixCalculus;

public class CompilerTests
{
    [Fact]
    public void CompiledExpressionEqualsTheEvaluator()
    {
        var e = MatrixExpression.Parse("a'*X'*C*X*b + tr(X'*X)");
        var rng = new Random(3);
        var (values, dims) = MatrixNumericCheck.Instance(e, rng);
        var names = e.Root.Variables().Select(v => v.Name).ToList();
        var f = MatrixCompiler.Compile(e.Root, names);
        var got = f([.. names.Select(n => values[n])])[0, 0];
        var expected = new MatrixEvaluator(values, dims).Scalar(e.Root);
        Assert.Equal(expected, got, 12);
    }

    [Fact]
    public void LeastSquaresGradientDrivesGradientDescentToTheSolution()
    {
        var rng = new Random(11);
        var a = Matrix<double>.Build.Dense(60, 5, (_, _) => rng.NextDouble() * 2 - 1);
        var y = Matrix<double>.Build.Dense(60, 1, (_, _) => rng.NextDouble() * 2 - 1);
        var objective = new MatrixObjective("norm2(y - A*w)^2", "w", new Dictionary<string, Matrix<double>> { ["A"] = a, ["y"] = y });
        Assert.Equal(5, objective.Dimension);
        Assert.Equal("-2*A'*(y - A*w)", objective.Derivative.Text);
        var w = new double[5];
        var g = new double[5];
        double lipschitz = 2 * Math.Pow(a.L2Norm(), 2);
        for (int it = 0; it < 2000; it++)
        {
            objective.ValueAndGradient(w, g);
            for (int i = 0; i < 5; i++) w[i] -= g[i] / lipschitz;
        }
        var solution = a.QR().Solve(y);
        for (int i = 0; i < 5; i++) Assert.Equal(solution[i, 0], w[i], 8);
        // the gradient is zero at the solution
        objective.ValueAndGradient(w, g);
        Assert.True(g.Max(Math.Abs) < 1e-8);
    }
}
