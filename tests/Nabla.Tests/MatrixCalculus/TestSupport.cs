using Nabla.MatrixCalculus;

namespace Nabla.Tests.MatrixCalculus;

internal static class TestSupport
{
    /// <summary>The printed derivative (parsed back) and the reference formula agree on random instances.</summary>
    public static void AssertSameValue(MatrixDerivative d, string reference, int instances = 3)
    {
        var printed = MatrixNumericCheck.ParseBack(d.Text, d.Expression);
        var expected = MatrixNumericCheck.ParseBack(reference, d.Expression);
        for (int s = 0; s < instances; s++)
        {
            var (values, dims) = MatrixNumericCheck.Instance(d.Expression, new Random(100 + s));
            var a = new MatrixEvaluator(values, dims).Evaluate(printed);
            var b = new MatrixEvaluator(values, dims).Evaluate(expected);
            double err = MatrixNumericCheck.Relative(a, b);
            Assert.True(err < 1e-10, $"{d.Expression.Text}: Nabla printed {d.Text}, reference {reference}: relative difference {err}");
        }
    }
}
