using CsCheck;
using Nabla.Analysis;

namespace Nabla.Tests.Symbolic;

public class HessianAtPointTests
{
    [Theory]
    [InlineData(new double[] { 2, 0, 0, 3 }, "positive definite")]
    [InlineData(new double[] { -2, 1, 1, -3 }, "negative definite")]
    [InlineData(new double[] { 0, 1, 1, 0 }, "indefinite")]
    [InlineData(new double[] { 1, 1, 1, 1 }, "positive semidefinite")]
    [InlineData(new double[] { -1, 0, 0, 0 }, "negative semidefinite")]
    public void Definiteness(double[] h, string expected)
    {
        var a = HessianAtPoint.Analyze(h, 2);
        Assert.Equal(expected, a.DefinitenessText);
        Assert.True(a.Eigenvalues[0] <= a.Eigenvalues[1]);
    }

    [Fact]
    public void MinorsConditionAndRoundingTolerance()
    {
        var a = HessianAtPoint.Analyze([4, 2, 2, 3], 2);
        Assert.Equal(4, a.LeadingPrincipalMinors[0], 12);
        Assert.Equal(8, a.LeadingPrincipalMinors[1], 12);
        Assert.Equal(a.Eigenvalues[1] / a.Eigenvalues[0], a.ConditionNumber, 12);
        // A rounding-level eigenvalue counts as zero: semidefinite, not indefinite.
        Assert.Equal("positive semidefinite", HessianAtPoint.Analyze([1, 1, 1, 1 + 1e-15], 2).DefinitenessText);
        Assert.Equal(Nabla.Analysis.Definiteness.Undefined, HessianAtPoint.Analyze([double.NaN, 0, 0, 1], 2).Definiteness);
        Assert.Throws<NablaInputException>(() => HessianAtPoint.Analyze([1, 2, 3], 2));
    }

    [Fact]
    public void EigenvaluesOfRandomSymmetricMatricesMatchTraceAndDeterminant()
    {
        Gen.Double[-5, 5].Array[3].Sample(v =>
        {
            double a = v[0], b = v[1], c = v[2];
            var r = HessianAtPoint.Analyze([a, b, b, c], 2);
            double scale = 1 + Math.Abs(a) + Math.Abs(b) + Math.Abs(c);
            Assert.True(Math.Abs(a + c - r.Eigenvalues.Sum()) <= 1e-12 * scale);
            Assert.True(Math.Abs(a * c - b * b - r.Eigenvalues[0] * r.Eigenvalues[1]) <= 1e-12 * scale * scale);
        }, iter: 2000);
    }
}
