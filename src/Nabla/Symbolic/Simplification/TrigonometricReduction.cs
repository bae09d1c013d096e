using Nabla.Symbolic.Polynomials;

namespace Nabla.Symbolic.Simplification;

/// <summary>
/// sin(u)^2 + cos(u)^2 = 1 (true for every real u, so always safe): for each pair of generators
/// sin(u), cos(u), rewrites cos^2 as 1 - sin^2 (or sin^2 as 1 - cos^2) and keeps whichever form
/// of the fraction has the fewest terms.
/// </summary>
internal static class TrigonometricReduction
{
    public static RationalFunction Apply(RationalFunction r, IReadOnlyList<Expr> generators, Budget budget)
    {
        for (int s = 0; s < generators.Count; s++)
        {
            var gs = generators[s];
            if (gs.Kind != ExprKind.Call || gs.Function != Functions.Sin) continue;
            for (int c = 0; c < generators.Count; c++)
            {
                var gc = generators[c];
                if (gc.Kind != ExprKind.Call || gc.Function != Functions.Cos || gc.Arguments[0] != gs.Arguments[0]) continue;
                if (r.Numerator.Degree(c) < 2 && r.Denominator.Degree(c) < 2 && r.Numerator.Degree(s) < 2 && r.Denominator.Degree(s) < 2) continue;
                var best = r;
                foreach (var (square, other) in new[] { (c, s), (s, c) })
                {
                    var n = Reduce(r.Numerator, square, other);
                    var d = Reduce(r.Denominator, square, other);
                    if (d.IsZero) continue;
                    var candidate = RationalFunction.Create(n, d, budget);
                    if (Size(candidate) < Size(best)) best = candidate;
                }
                r = best;
            }
        }
        return r;
    }

    private static int Size(RationalFunction r) => r.Numerator.TermCount + r.Denominator.TermCount;

    /// <summary>Replaces g^2 by 1 - h^2 in every term (g^(2q+r) = (1 - h^2)^q g^r).</summary>
    private static Polynomial Reduce(Polynomial p, int g, int h)
    {
        int n = p.Arity;
        var oneMinusH2 = Polynomial.One(n) - Polynomial.Variable(n, h, 2);
        var result = Polynomial.Zero(n);
        var cache = new Dictionary<int, Polynomial>();
        foreach (var t in p.Terms)
        {
            int k = t.Exponents[g];
            if (k < 2) { result += Polynomial.Monomial(t.Exponents, t.Coefficient); continue; }
            var e = (int[])t.Exponents.Clone();
            e[g] = k % 2;
            if (!cache.TryGetValue(k / 2, out var pw)) cache[k / 2] = pw = oneMinusH2.Pow(k / 2);
            result += pw.MultiplyTerm(new Term(e, t.Coefficient));
        }
        return result;
    }
}
