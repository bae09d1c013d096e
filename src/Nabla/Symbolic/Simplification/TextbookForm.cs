using Nabla.Symbolic.Polynomials;

namespace Nabla.Symbolic.Simplification;

/// <summary>
/// Writes a rational function in lowest terms as a textbook expression:
/// coefficient * monomial * numerator / (monomial * product of square-free factors^k), e.g.
/// <c>x*y^2*(3*x^2 + y^2)/(x^2 + y^2)^2</c>. The numerator is shown factored only when its
/// square-free decomposition is shorter than its expansion.
/// </summary>
internal static class TextbookForm
{
    /// <summary>Largest numerator (in terms) we try to factor; beyond it the expansion is shown.</summary>
    private const int MaxFactoredNumeratorTerms = 24;

    public static Expr ToExpr(RationalFunction r, IReadOnlyList<Expr> generators, Budget budget, TimeSpan factorLimit)
    {
        if (r.IsZero) return Expr.Zero;
        var (cn, mn, pn) = Split(r.Numerator);
        var (cd, md, pd) = Split(r.Denominator);
        var coefficient = cn / cd;

        // Prefer y^2 - x^2 over -(x^2 - y^2): flip the sign of the polynomial part when the
        // coefficient is negative and the flipped polynomial has no more negative terms.
        if (coefficient.Sign < 0 && pn.TermCount > 1)
        {
            int negative = 0;
            foreach (var t in pn.Terms) if (t.Coefficient.Sign < 0) negative++;
            if (pn.TermCount - negative <= negative)
            {
                coefficient = -coefficient;
                pn = -pn;
            }
        }

        var factors = new List<Expr> { Expr.Number(coefficient) };
        AddMonomial(factors, mn, generators, 1);
        if (!pn.IsConstant) factors.Add(NumeratorExpr(pn, generators, budget, factorLimit));
        AddMonomial(factors, md, generators, -1);
        if (!pd.IsConstant)
        {
            foreach (var (factor, k) in DenominatorFactors(pd, budget, factorLimit))
                factors.Add(Expr.Pow(PolynomialExpr(factor, generators), -k));
        }
        return Expr.Mul(factors.ToArray());
    }

    /// <summary>p = content * monomial * primitive part (positive leading coefficient).</summary>
    private static (Rational Content, int[] Monomial, Polynomial Primitive) Split(Polynomial p)
    {
        var m = p.MonomialContent();
        var q = p.DivideByMonomial(m);
        var c = q.RationalContent();
        return (c, m, c.IsOne ? q : q.Scale(Rational.One / c));
    }

    private static void AddMonomial(List<Expr> factors, int[] exponents, IReadOnlyList<Expr> generators, int sign)
    {
        List<Expr>? exponentials = null;
        for (int i = 0; i < exponents.Length; i++)
        {
            if (exponents[i] == 0) continue;
            var g = generators[i];
            if (g.Kind == ExprKind.Call && g.Function == Functions.Exp)
                (exponentials ??= []).Add(Expr.Mul(Expr.Number(sign * exponents[i]), g.Arguments[0]));
            else factors.Add(Power(g, sign * exponents[i]));
        }
        // exp(a)^j * exp(b)^k = exp(j*a + k*b), true for all real a, b
        if (exponentials is not null) factors.Add(Expr.Exp(Expr.Add(exponentials.ToArray())));
    }

    private static Expr Power(Expr b, long k) => k == 1 ? b : Expr.Pow(b, Expr.Number(k));

    private static IReadOnlyList<(Polynomial, int)> DenominatorFactors(Polynomial pd, Budget budget, TimeSpan factorLimit)
    {
        var sub = budget.Child(factorLimit);
        try
        {
            using var scope = sub.Enter();
            var f = SquareFree.Decompose(pd, sub);
            return f.Factors.Count > 0 && f.Unit.IsOne ? f.Factors : [(pd, 1)];
        }
        catch (BudgetExceededException) when (!budget.IsExhausted)
        {
            return [(pd, 1)];
        }
    }

    private static Expr NumeratorExpr(Polynomial pn, IReadOnlyList<Expr> generators, Budget budget, TimeSpan factorLimit)
    {
        if (pn.TermCount <= 2 || pn.TermCount > MaxFactoredNumeratorTerms) return PolynomialExpr(pn, generators);
        var sub = budget.Child(factorLimit);
        try
        {
            using var scope = sub.Enter();
            var f = SquareFree.Decompose(pn, sub);
            int factoredTerms = 0;
            bool repeated = false;
            foreach (var (factor, k) in f.Factors) { factoredTerms += factor.TermCount; repeated |= k > 1; }
            if (!repeated || !f.Unit.IsOne || factoredTerms >= pn.TermCount) return PolynomialExpr(pn, generators);
            var parts = new List<Expr>();
            foreach (var (factor, k) in f.Factors) parts.Add(Power(PolynomialExpr(factor, generators), k));
            return Expr.Mul(parts.ToArray());
        }
        catch (BudgetExceededException) when (!budget.IsExhausted)
        {
            return PolynomialExpr(pn, generators);
        }
    }

    /// <summary>The expanded polynomial as a sum of coefficient * product of generator powers.</summary>
    public static Expr PolynomialExpr(Polynomial p, IReadOnlyList<Expr> generators)
    {
        var terms = new Expr[p.TermCount];
        int j = 0;
        foreach (var t in p.Terms)
        {
            var f = new List<Expr> { Expr.Number(t.Coefficient) };
            AddMonomial(f, t.Exponents, generators, 1);
            terms[j++] = Expr.Mul(f.ToArray());
        }
        return Expr.Add(terms);
    }
}
