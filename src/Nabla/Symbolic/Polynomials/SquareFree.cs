using Nabla.Symbolic;

namespace Nabla.Symbolic.Polynomials;

/// <summary>A polynomial written as unit * product of factor^multiplicity.</summary>
public sealed record FactoredPolynomial(Rational Unit, IReadOnlyList<(Polynomial Factor, int Multiplicity)> Factors)
{
    public Polynomial Expand(int arity)
    {
        var p = Polynomial.Constant(arity, Unit);
        foreach (var (f, k) in Factors) p *= f.Pow(k);
        return p;
    }
}

/// <summary>
/// Square-free decomposition (Yun's algorithm, applied recursively to contents): the cheap
/// factorisation that reveals denominators such as (x^2 + y^2)^2. Each factor is square-free,
/// integer-primitive with a positive leading coefficient; single variables (monomial factors)
/// come out as their own factors.
/// </summary>
public static class SquareFree
{
    public static FactoredPolynomial Decompose(Polynomial p, Budget? budget = null)
    {
        budget ??= Budget.Current;
        if (p.IsConstant) return new FactoredPolynomial(p.ConstantValue, []);
        var factors = new List<(Polynomial, int)>();
        var unit = p.RationalContent();
        var q = p.Scale((Rational.One / unit));
        var m = q.MonomialContent();
        for (int i = 0; i < m.Length; i++)
            if (m[i] > 0) factors.Add((Polynomial.Variable(p.Arity, i), m[i]));
        q = q.DivideByMonomial(m);
        DecomposePrimitive(q, factors, budget);
        // the parts are primitive with positive leading coefficients, so the unit is the content
        factors.Sort((a, b) => a.Item2 != b.Item2 ? a.Item2.CompareTo(b.Item2) : a.Item1.TermCount.CompareTo(b.Item1.TermCount));
        return new FactoredPolynomial(unit, factors);
    }

    private static void DecomposePrimitive(Polynomial q, List<(Polynomial, int)> output, Budget budget)
    {
        // explicit work list: contents in fewer variables are decomposed in turn
        var work = new Stack<Polynomial>();
        work.Push(q);
        while (work.Count > 0)
        {
            budget.Check();
            var f = work.Pop();
            if (f.IsConstant) continue;
            int v = f.MainVariable();
            var content = PolynomialGcd.ContentIn(f, v, budget);
            if (!content.IsConstant)
            {
                work.Push(content);
                f = f.DivideExact(content, budget).PrimitivePart();
            }
            Yun(f, v, output, budget);
        }
    }

    private static void Yun(Polynomial f, int v, List<(Polynomial, int)> output, Budget budget)
    {
        var df = f.Derivative(v);
        var b = PolynomialGcd.Gcd(f, df, budget);
        var c = f.DivideExact(b, budget);
        var d = df.DivideExact(b, budget) - c.Derivative(v);
        for (int i = 1; !c.IsConstant; i++)
        {
            budget.Check();
            var a = PolynomialGcd.Gcd(c, d, budget);
            if (!a.IsConstant) output.Add((a.PrimitivePart(), i));
            c = c.DivideExact(a, budget);
            d = d.DivideExact(a, budget) - c.Derivative(v);
        }
    }
}
