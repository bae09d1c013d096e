using Nabla.Analysis;
using Nabla.Intervals;

using static Nabla.Analysis.PointClass;

namespace Nabla.Tests.Analysis;

/// <summary>
/// Textbook functions of one to three variables with known critical points and classes. Each
/// case was checked by hand (gradient, Hessian or the lowest non-vanishing derivative); the
/// source names where the function appears.
/// Sources: Stewart, Calculus: Early Transcendentals, 8th ed., §4.3 and §14.7 (examples and
/// exercises); Marsden &amp; Tromba, Vector Calculus, 6th ed., §3.3; Apostol, Calculus Vol. II, §9.11;
/// Thomas' Calculus, 14th ed., §14.7; Himmelblau (1972), Applied Nonlinear Programming.
/// </summary>
public class TextbookCriticalPointTests
{
    private const double S = 0.7071067811865476; // 1/√2

    public sealed record Case(string Source, string Formula, double Half, (double[] P, PointClass C)[] Expected)
    {
        public override string ToString() => Formula;
    }

    private static (double[], PointClass) P(PointClass c, params double[] p) => (p, c);

    public static readonly Case[] Cases =
    [
        // ---- two variables
        new("Stewart §14.7 Example 1", "x^2 + y^2 - 2*x - 6*y + 14", 5, [P(StrictLocalMinimum, 1, 3)]),
        new("Stewart §14.7 Example 2", "y^2 - x^2", 5, [P(SaddlePoint, 0, 0)]),
        new("Stewart §14.7 Example 3", "x^4 + y^4 - 4*x*y + 1", 3, [P(SaddlePoint, 0, 0), P(StrictLocalMinimum, 1, 1), P(StrictLocalMinimum, -1, -1)]),
        new("Stewart §14.7 exercises", "x^2 + x*y + y^2 + y", 3, [P(StrictLocalMinimum, 1.0 / 3, -2.0 / 3)]),
        new("Stewart §14.7 exercises", "x*y - 2*x - 2*y - x^2 - y^2", 5, [P(StrictLocalMaximum, -2, -2)]),
        new("Stewart §14.7 exercises", "(x - y)*(1 - x*y)", 3, [P(SaddlePoint, 1, 1), P(SaddlePoint, -1, -1)]),
        new("Stewart §14.7 exercises", "y*(exp(x) - 1)", 3, [P(SaddlePoint, 0, 0)]),
        new("Stewart §14.7 exercises", "x^2 + y^4 + 2*x*y", 3, [P(SaddlePoint, 0, 0), P(StrictLocalMinimum, S, -S), P(StrictLocalMinimum, -S, S)]),
        new("Stewart §14.7 exercises", "x^3 - 12*x*y + 8*y^3", 3, [P(SaddlePoint, 0, 0), P(StrictLocalMinimum, 2, 1)]),
        new("Stewart §14.7 exercises", "2*x^3 + x*y^2 + 5*x^2 + y^2", 3, [P(StrictLocalMinimum, 0, 0), P(StrictLocalMaximum, -5.0 / 3, 0), P(SaddlePoint, -1, 2), P(SaddlePoint, -1, -2)]),
        new("Stewart §14.7 exercises", "exp(x)*cos(y)", 3, []),
        new("Thomas §14.7 exercises", "x*y*(1 - x - y)", 2.5, [P(SaddlePoint, 0, 0), P(SaddlePoint, 1, 0), P(SaddlePoint, 0, 1), P(StrictLocalMaximum, 1.0 / 3, 1.0 / 3)]),
        new("Marsden-Tromba §3.3", "x^3 + y^3 - 3*x*y", 3, [P(SaddlePoint, 0, 0), P(StrictLocalMinimum, 1, 1)]),
        new("Marsden-Tromba §3.3", "x^4 - 2*x^2 + y^2", 3, [P(SaddlePoint, 0, 0), P(StrictLocalMinimum, 1, 0), P(StrictLocalMinimum, -1, 0)]),
        new("Marsden-Tromba §3.3", "x^3 - 3*x + y^3 - 3*y", 3, [P(StrictLocalMinimum, 1, 1), P(StrictLocalMaximum, -1, -1), P(SaddlePoint, 1, -1), P(SaddlePoint, -1, 1)]),
        new("Marsden-Tromba §3.3", "(x^2 + 3*y^2)*exp(1 - x^2 - y^2)", 3, [P(StrictLocalMinimum, 0, 0), P(StrictLocalMaximum, 0, 1), P(StrictLocalMaximum, 0, -1), P(SaddlePoint, 1, 0), P(SaddlePoint, -1, 0)]),
        new("Apostol Vol. II §9.11", "x^2 - x*y + y^2 - 3*x", 5, [P(StrictLocalMinimum, 2, 1)]),
        new("Apostol Vol. II §9.11", "x*y*exp(-(x^2 + y^2)/2)", 3, [P(SaddlePoint, 0, 0), P(StrictLocalMaximum, 1, 1), P(StrictLocalMaximum, -1, -1), P(StrictLocalMinimum, 1, -1), P(StrictLocalMinimum, -1, 1)]),
        new("Thomas §14.7", "x*sin(y)", 4, [P(SaddlePoint, 0, -Math.PI), P(SaddlePoint, 0, 0), P(SaddlePoint, 0, Math.PI)]),
        new("Thomas §14.7", "cos(x) + cos(y)", 4, [P(StrictLocalMaximum, 0, 0), P(StrictLocalMinimum, Math.PI, Math.PI), P(StrictLocalMinimum, -Math.PI, Math.PI), P(StrictLocalMinimum, Math.PI, -Math.PI), P(StrictLocalMinimum, -Math.PI, -Math.PI),
            P(SaddlePoint, 0, Math.PI), P(SaddlePoint, 0, -Math.PI), P(SaddlePoint, Math.PI, 0), P(SaddlePoint, -Math.PI, 0)]),
        new("Rosenbrock (1960)", "(1 - x)^2 + 100*(y - x^2)^2", 2, [P(StrictLocalMinimum, 1, 1)]),
        new("Stewart §14.7 exercises", "x^2 + y^3 - 3*y", 3, [P(StrictLocalMinimum, 0, 1), P(SaddlePoint, 0, -1)]),
        // ---- three variables
        new("Marsden-Tromba §3.3", "x^2 + y^2 + z^2", 2, [P(StrictLocalMinimum, 0, 0, 0)]),
        new("Marsden-Tromba §3.3", "x^2 + y^2 - z^2", 2, [P(SaddlePoint, 0, 0, 0)]),
        new("Apostol Vol. II §9.11", "x^2 + 2*y^2 + 3*z^2 - 2*x*y - 2*y*z", 2, [P(StrictLocalMinimum, 0, 0, 0)]),
        new("Marsden-Tromba §3.3 exercises", "x*y*z - x^2 - y^2 - z^2", 3, [P(StrictLocalMaximum, 0, 0, 0), P(SaddlePoint, 2, 2, 2), P(SaddlePoint, 2, -2, -2), P(SaddlePoint, -2, 2, -2), P(SaddlePoint, -2, -2, 2)]),
        new("Stewart §14.7 exercises (3-D)", "x^4 + y^4 + z^4 - 4*x*y*z", 2, [P(SaddlePoint, 0, 0, 0), P(StrictLocalMinimum, 1, 1, 1), P(StrictLocalMinimum, 1, -1, -1), P(StrictLocalMinimum, -1, 1, -1), P(StrictLocalMinimum, -1, -1, 1)]),
        // ---- one variable
        new("Stewart §4.3", "x^3 - 3*x", 3, [P(StrictLocalMaximum, -1), P(StrictLocalMinimum, 1)]),
        new("Stewart §4.3", "x^4 - 4*x^3", 4, [P(SaddlePoint, 0), P(StrictLocalMinimum, 3)]),
        new("Stewart §4.3", "x*exp(-x)", 3, [P(StrictLocalMaximum, 1)]),
        new("Stewart §4.3", "sin(x)", 4, [P(StrictLocalMinimum, -Math.PI / 2), P(StrictLocalMaximum, Math.PI / 2)]),
        new("Stewart §4.3", "x^5", 2, [P(SaddlePoint, 0)]),
        new("Stewart §4.3", "x^4", 2, [P(StrictLocalMinimum, 0)]),
        new("Stewart §4.3", "x^2*exp(x)", 3, [P(StrictLocalMaximum, -2), P(StrictLocalMinimum, 0)]),
        new("Stewart §4.3", "x - 2*sin(x)", 3, [P(StrictLocalMinimum, Math.PI / 3), P(StrictLocalMaximum, -Math.PI / 3)]),
    ];

    public static TheoryData<int> CaseIndices => new(Enumerable.Range(0, Cases.Length));

    [Fact]
    public void ThereAreAtLeastThirtyCases() => Assert.True(Cases.Length >= 30);

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void FindsAndClassifiesEveryCriticalPoint(int index)
    {
        var c = Cases[index];
        var f = ScalarField.Parse(c.Formula);
        var box = Box.FromBounds(Enumerable.Repeat(-c.Half, f.Dimension).ToArray(), Enumerable.Repeat(c.Half, f.Dimension).ToArray());
        var r = CriticalPoints.Find(f, box, new CriticalPointOptions { GlobalExtrema = false });
        string found = string.Join("; ", r.Points.Select(p => $"({string.Join(", ", p.Point)}) {p.Classification.ClassText}"));
        Assert.True(r.Complete, $"{c.Formula} ({c.Source}): {r.Status}");
        Assert.True(c.Expected.Length == r.Points.Count, $"{c.Formula}: expected {c.Expected.Length} points, found {found}");
        foreach (var (p, cls) in c.Expected)
        {
            var match = r.Points.SingleOrDefault(q => q.Point.Zip(p).All(t => Math.Abs(t.First - t.Second) < 1e-7));
            Assert.True(match is not null, $"{c.Formula}: no critical point near ({string.Join(", ", p)}); found {found}");
            Assert.True(match.Certified, $"{c.Formula}: ({string.Join(", ", p)}) not certified");
            Assert.True(cls == match.Classification.Class, $"{c.Formula} at ({string.Join(", ", p)}): expected {Classification.Text(cls)}, got {match.Classification.ClassText}: {match.Classification.Reason}");
        }
    }
}
