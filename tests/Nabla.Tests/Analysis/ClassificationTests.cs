using Nabla.Analysis;

namespace Nabla.Tests.Analysis;

/// <summary>Scope item 4 of issue 4: the semidefinite cases need higher-order arguments.</summary>
public class ClassificationTests
{
    private static Classification At(string formula, params double[] p) =>
        CriticalPointClassifier.Classify(ScalarField.Parse(formula), p, certified: true);

    [Theory]
    [InlineData("x^4 + y^4", PointClass.StrictLocalMinimum)]
    [InlineData("x^2 + y^4", PointClass.StrictLocalMinimum)]
    [InlineData("x^2 + y^3", PointClass.SaddlePoint)]
    [InlineData("x^3 - 3*x*y^2", PointClass.SaddlePoint)]
    [InlineData("x^2*y^2", PointClass.LocalMinimum)]
    [InlineData("-x^4 - y^2", PointClass.StrictLocalMaximum)]
    [InlineData("(y - x^2)*(y - 2*x^2)", PointClass.SaddlePoint)]
    [InlineData("x^3", PointClass.SaddlePoint)]
    [InlineData("x^4", PointClass.StrictLocalMinimum)]
    [InlineData("-x^6", PointClass.StrictLocalMaximum)]
    [InlineData("x^2 + y^2", PointClass.StrictLocalMinimum)]
    [InlineData("x^2 - y^2", PointClass.SaddlePoint)]
    [InlineData("-x^2*y^2", PointClass.LocalMaximum)]
    public void ScopeItemFourExamplesAtTheOrigin(string formula, PointClass expected)
    {
        var f = ScalarField.Parse(formula);
        var origin = new double[f.Dimension];
        var c = CriticalPointClassifier.Classify(f, origin, certified: true);
        Assert.True(expected == c.Class, $"{formula}: {c.ClassText}: {c.Reason}");
    }

    [Fact]
    public void LectureRuleIsCorrectedForXToTheFourth()
    {
        var c = At("x^4", 0);
        Assert.Equal(PointClass.StrictLocalMinimum, c.Class);
        Assert.True(c.IsProof);
        Assert.Contains("fails", c.LectureRuleNote);
        var s = At("x^3", 0);
        Assert.Equal(PointClass.SaddlePoint, s.Class);
        Assert.Contains("not valid in general", s.LectureRuleNote);
    }

    [Fact]
    public void DefiniteQuarticFormIsAProof()
    {
        var c = At("x^4 + y^4", 0, 0);
        Assert.Equal(PointClass.StrictLocalMinimum, c.Class);
        Assert.True(c.IsProof, c.Reason);
        var d = At("-(x^4 + x^2*y^2 + y^4)", 0, 0);
        Assert.Equal(PointClass.StrictLocalMaximum, d.Class);
        Assert.True(d.IsProof, d.Reason);
        // x²y² has a semidefinite quartic form: no proof, evidence for a non-strict minimum.
        Assert.False(At("x^2*y^2", 0, 0).IsProof);
    }

    [Fact]
    public void PeanoSaddleIsExplained()
    {
        var c = At("(y - x^2)*(y - 2*x^2)", 0, 0);
        Assert.Equal(PointClass.SaddlePoint, c.Class);
        Assert.Contains("splitting lemma", c.Reason);
    }

    [Fact]
    public void MonkeySaddleIsProvenByAnOddDirection()
    {
        var c = At("x^3 - 3*x*y^2", 0, 0);
        Assert.Equal(PointClass.SaddlePoint, c.Class);
        Assert.True(c.IsProof, c.Reason);
    }
}
