using Nabla.Symbolic.Polynomials;

namespace Nabla.Symbolic.Simplification;

/// <summary>
/// sqrt(w)^2 = w, true wherever sqrt(w) is defined (w &gt;= 0): every power sqrt(w)^k with k &gt;= 2
/// in the numerator or denominator becomes w^(k div 2) * sqrt(w)^(k mod 2), and the fraction is
/// normalized again, so x/sqrt(x^2 + 1) differentiates to 1/(sqrt(x^2 + 1)*(x^2 + 1)).
/// </summary>
internal static class SqrtReduction
{
    public static RationalFunction Apply(RationalFunction r, IReadOnlyList<Expr> generators, Func<Expr, RationalFunction> argument, Budget budget)
    {
        for (int g = 0; g < generators.Count; g++)
        {
            if (!RationalRegion.IsSqrt(generators[g])) continue;
            if (r.Numerator.Degree(g) < 2 && r.Denominator.Degree(g) < 2) continue;
            var w = argument(generators[g]);
            var n = Reduce(r.Numerator, g, w, budget);
            var d = Reduce(r.Denominator, g, w, budget);
            if (d.IsZero) continue;
            r = n.Divide(d, budget);
        }
        return r;
    }

    private static RationalFunction Reduce(Polynomial p, int g, RationalFunction w, Budget budget)
    {
        int arity = p.Arity;
        var kept = new List<Term>();
        var byPower = new SortedDictionary<int, List<Term>>();
        foreach (var t in p.Terms)
        {
            int k = t.Exponents[g];
            if (k < 2) { kept.Add(t); continue; }
            var e = (int[])t.Exponents.Clone();
            e[g] = k % 2;
            if (!byPower.TryGetValue(k / 2, out var list)) byPower[k / 2] = list = [];
            list.Add(new Term(e, t.Coefficient));
        }
        var result = RationalFunction.FromPolynomial(Polynomial.FromTerms(arity, kept));
        foreach (var (half, terms) in byPower)
        {
            budget.Check();
            var part = RationalFunction.FromPolynomial(Polynomial.FromTerms(arity, terms));
            result = result.Add(part.Multiply(w.Pow(half, budget), budget), budget);
        }
        return result;
    }
}
