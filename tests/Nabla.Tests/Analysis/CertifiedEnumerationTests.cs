using CsCheck;

using Nabla.Analysis;
using Nabla.Intervals;

namespace Nabla.Tests.Analysis;

/// <summary>Issue 4 acceptance: certified, complete enumeration; random quadratic forms.</summary>
public class CertifiedEnumerationTests
{
    private static Box Square(double a) => Box.FromBounds([-a, -a], [a, a]);

    [Fact]
    public void SinTimesSinOnMinusFourToFour()
    {
        var r = CriticalPoints.Find(ScalarField.Parse("sin(x)*sin(y)"), Square(4));
        Assert.True(r.Complete, r.Status);
        Assert.Empty(r.UndecidedBoxes);
        Assert.Equal(13, r.Points.Count);
        Assert.All(r.Points, p => Assert.True(p.Certified && p.Classification.IsProof, p.Classification.Reason));
        Assert.Equal(9, r.Points.Count(p => p.Classification.Class == PointClass.SaddlePoint));
        Assert.Equal(2, r.Points.Count(p => p.Classification.Class == PointClass.StrictLocalMaximum));
        Assert.Equal(2, r.Points.Count(p => p.Classification.Class == PointClass.StrictLocalMinimum));
        // Global extrema on the box: ±1 at (±π/2, ±π/2).
        Assert.True(r.GlobalMinimum!.Enclosure.Contains(-1) && r.GlobalMinimum.Enclosure.Width < 1e-8);
        Assert.True(r.GlobalMaximum!.Enclosure.Contains(1) && r.GlobalMaximum.Enclosure.Width < 1e-8);
    }

    [Fact]
    public void HimmelblauOnMinusSixToSix()
    {
        var r = CriticalPoints.Find(ScalarField.Parse("(x^2 + y - 11)^2 + (x + y^2 - 7)^2"), Square(6));
        Assert.True(r.Complete, r.Status);
        Assert.Empty(r.UndecidedBoxes);
        Assert.Equal(9, r.Points.Count);
        Assert.All(r.Points, p => Assert.True(p.Certified && p.Classification.IsProof));
        Assert.Equal(4, r.Points.Count(p => p.Classification.Class == PointClass.StrictLocalMinimum));
        Assert.Equal(1, r.Points.Count(p => p.Classification.Class == PointClass.StrictLocalMaximum));
        Assert.Equal(4, r.Points.Count(p => p.Classification.Class == PointClass.SaddlePoint));
        var max = r.Points.Single(p => p.Classification.Class == PointClass.StrictLocalMaximum);
        Assert.Equal(-0.270845, max.Point[0], 5);
        Assert.Equal(-0.923039, max.Point[1], 5);
        Assert.Contains(r.Points, p => p.Point[0] == 3 && p.Point[1] == 2); // snapped to the exact minimizer
        Assert.True(r.GlobalMinimum!.Enclosure.Contains(0) || r.GlobalMinimum.Enclosure.Hi < 1e-8);
        Assert.True(r.GlobalMaximum!.Enclosure.Contains(2186)); // at the corner (6, 6)
    }

    [Fact]
    public void ScopeItemFourExamplesAreFoundByTheSearchToo()
    {
        (string F, PointClass C)[] cases =
        [
            ("x^4 + y^4", PointClass.StrictLocalMinimum), ("x^2 + y^4", PointClass.StrictLocalMinimum),
            ("x^2 + y^3", PointClass.SaddlePoint), ("x^3 - 3*x*y^2", PointClass.SaddlePoint),
            ("-x^4 - y^2", PointClass.StrictLocalMaximum), ("(y - x^2)*(y - 2*x^2)", PointClass.SaddlePoint),
        ];
        foreach (var (formula, cls) in cases)
        {
            var r = CriticalPoints.Find(ScalarField.Parse(formula), Square(2), new CriticalPointOptions { GlobalExtrema = false });
            var origin = Assert.Single(r.Points);
            Assert.True(origin.Point.All(v => v == 0), formula);
            Assert.True(origin.Certified, formula);
            Assert.True(cls == origin.Classification.Class, $"{formula}: {origin.Classification.Reason}");
        }
    }

    [Fact]
    public void ContinuumOfCriticalPointsIsReportedAsUndecided()
    {
        var r = CriticalPoints.Find(ScalarField.Parse("x^2*y^2"), Square(1),
            new CriticalPointOptions { GlobalExtrema = false, Budget = new SearchBudget { MaxBoxes = 20_000, MinRelativeWidth = 1e-7 } });
        Assert.False(r.Complete);
        Assert.NotEmpty(r.UndecidedBoxes);
        var origin = r.Points.Single(p => p.Point.All(v => v == 0));
        Assert.Equal(PointClass.LocalMinimum, origin.Classification.Class);
        Assert.Contains("not strict", origin.Classification.Reason);
    }

    /// <summary>x'Ax + b'x with a random symmetric nonsingular A: one critical point −A⁻¹b/2, classified by A's eigenvalues.</summary>
    [Fact]
    public void RandomQuadraticFormsAgreeWithTheEigenvaluesOfA()
    {
        var gen = Gen.Select(Gen.Int[1, 3], Gen.Int[-3, 3].Array[6], Gen.Int[-3, 3].Array[3], Gen.Int[0, 7]);
        gen.Sample((n, a, b, signs) =>
        {
            // A = Qᵀ D Q with Q a product of integer shears (det 1) and D = diag(±d): exact eigen-signs known.
            var d = new double[n];
            for (int i = 0; i < n; i++) d[i] = ((signs >> i) & 1) == 0 ? 1 + Math.Abs(a[i]) : -(1 + Math.Abs(a[i]));
            var q = new double[n, n];
            for (int i = 0; i < n; i++) q[i, i] = 1;
            if (n >= 2) q[0, 1] = a[3];
            if (n >= 3) { q[1, 2] = a[4]; q[0, 2] = a[5]; }
            var A = new double[n, n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    for (int k = 0; k < n; k++) A[i, j] += q[k, i] * d[k] * q[k, j];
            string[] v = ["x", "y", "z"];
            var terms = new List<string>();
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                    if (A[i, j] != 0) terms.Add($"({A[i, j]})*{v[i]}*{v[j]}");
                if (b[i] != 0) terms.Add($"({b[i]})*{v[i]}");
            }
            terms.Add("0");
            var f = ScalarField.Parse(string.Join(" + ", terms), v.Take(n).ToArray());
            double half = 5000; // |A⁻¹b|/2 stays below about 2000 for these entries
            var box = Box.FromBounds(Enumerable.Repeat(-half, n).ToArray(), Enumerable.Repeat(half, n).ToArray());
            var r = CriticalPoints.Find(f, box, new CriticalPointOptions { GlobalExtrema = false });
            var p = Assert.Single(r.Points);
            Assert.True(p.Certified);
            var expected = d.All(x => x > 0) ? PointClass.StrictLocalMinimum : d.All(x => x < 0) ? PointClass.StrictLocalMaximum : PointClass.SaddlePoint;
            Assert.Equal(expected, p.Classification.Class);
            // Sylvester's law of inertia: the eigenvalue signs of A = QᵀDQ are those of D.
            Assert.Equal(d.Count(x => x > 0), p.Classification.Eigenvalues.Count(x => x > 0));
            // And the point solves 2Ax + b = 0.
            for (int i = 0; i < n; i++)
            {
                double g = b[i];
                for (int j = 0; j < n; j++) g += 2 * A[i, j] * p.Point[j];
                Assert.True(Math.Abs(g) < 1e-6, $"gradient component {i} is {g}");
            }
        }, iter: 40);
    }
}
