namespace Nabla.Symbolic.Polynomials;

/// <summary>
/// Multivariate polynomial GCD over Q (equivalently over Z up to units), by the recursive
/// primitive polynomial remainder sequence: view both polynomials as univariate in their first
/// common variable with coefficients in the remaining variables, split off contents
/// (recursively), and run pseudo-remainders taking primitive parts at every step. Always correct;
/// the cost is bounded by the <see cref="Budget"/> (which throws when it runs out).
/// Results are normalized: integer coefficients with gcd 1 and a positive leading coefficient.
/// </summary>
public static class PolynomialGcd
{
    public static Polynomial Gcd(Polynomial a, Polynomial b, Budget? budget = null)
    {
        budget ??= Budget.Current;
        using var scope = budget.Enter();
        if (a.Arity != b.Arity) throw new ArgumentException("polynomials over different rings");
        if (a.IsZero) return b.PrimitivePart();
        if (b.IsZero) return a.PrimitivePart();
        if (a.IsConstant || b.IsConstant) return Polynomial.One(a.Arity);

        // monomial factors first: cheap, and very common in textbook expressions
        var ma = a.MonomialContent();
        var mb = b.MonomialContent();
        var m = new int[a.Arity];
        for (int i = 0; i < m.Length; i++) m[i] = Math.Min(ma[i], mb[i]);
        a = a.DivideByMonomial(ma).PrimitivePart();
        b = b.DivideByMonomial(mb).PrimitivePart();
        var g = GcdPrimitiveParts(a, b, budget);
        return Polynomial.IsZeroVector(m) ? g : g.MultiplyTerm(new Term(m, BigRational.One));
    }

    /// <summary>Least common multiple, normalized like <see cref="Gcd"/>.</summary>
    public static Polynomial Lcm(Polynomial a, Polynomial b, Budget? budget = null)
    {
        if (a.IsZero || b.IsZero) return Polynomial.Zero(a.Arity);
        var g = Gcd(a, b, budget);
        return (a.DivideExact(g, budget) * b).PrimitivePart();
    }

    // a, b: non-zero, integer-primitive
    private static Polynomial GcdPrimitiveParts(Polynomial a, Polynomial b, Budget budget)
    {
        budget.Check();
        if (a.IsConstant || b.IsConstant) return Polynomial.One(a.Arity);
        if (a.Equals(b)) return a;

        // pick the first variable occurring in either
        int v = -1;
        for (int i = 0; i < a.Arity && v < 0; i++)
            if (a.Contains(i) || b.Contains(i)) v = i;

        bool inA = a.Contains(v), inB = b.Contains(v);
        if (!inA) return GcdPrimitiveParts(a, ContentIn(b, v, budget), budget);
        if (!inB) return GcdPrimitiveParts(ContentIn(a, v, budget), b, budget);

        // cheap exact-division check: the gcd is often one of the two
        if (a.TermCount <= b.TermCount ? Divides(a, b, budget) : false) return a;
        if (b.TermCount <= a.TermCount && Divides(b, a, budget)) return b;

        var ca = ContentIn(a, v, budget);
        var cb = ContentIn(b, v, budget);
        var c = GcdPrimitiveParts(ca, cb, budget);
        var pa = ca.IsConstant ? a : a.DivideExact(ca, budget).PrimitivePart();
        var pb = cb.IsConstant ? b : b.DivideExact(cb, budget).PrimitivePart();

        if (pa.Degree(v) < pb.Degree(v)) (pa, pb) = (pb, pa);
        while (true)
        {
            budget.Check();
            var r = PseudoRemainder(pa, pb, v, budget);
            if (r.IsZero) break;
            if (!r.Contains(v)) { pb = Polynomial.One(a.Arity); break; }
            pa = pb;
            pb = PrimitivePartIn(r, v, budget);
        }
        var g = PrimitivePartIn(pb, v, budget);
        return (c * g).PrimitivePart();
    }

    private static bool Divides(Polynomial d, Polynomial p, Budget budget)
    {
        var lt = d.LeadingTerm.Exponents;
        var lp = p.LeadingTerm.Exponents;
        for (int i = 0; i < lt.Length; i++) if (lt[i] > lp[i]) return false;
        return p.TryDivideExact(d, budget) is not null;
    }

    /// <summary>The content of p as a polynomial in variable v: gcd of its coefficients (free of v).</summary>
    public static Polynomial ContentIn(Polynomial p, int v, Budget? budget = null)
    {
        budget ??= Budget.Current;
        if (p.IsZero) return p;
        var coefficients = p.CoefficientsIn(v).Values.OrderBy(q => q.TermCount).ToList();
        var g = coefficients[0].PrimitivePart();
        for (int i = 1; i < coefficients.Count && !g.IsConstant; i++)
            g = Gcd(g, coefficients[i], budget);
        return g.IsConstant ? Polynomial.One(p.Arity) : g;
    }

    /// <summary>p divided by its content in v, made integer-primitive.</summary>
    public static Polynomial PrimitivePartIn(Polynomial p, int v, Budget? budget = null)
    {
        if (p.IsZero) return p;
        var c = ContentIn(p, v, budget);
        return (c.IsConstant ? p : p.DivideExact(c, budget)).PrimitivePart();
    }

    /// <summary>
    /// Pseudo-remainder of a by b as polynomials in variable v: lc(b)^k * a = q * b + r with
    /// deg_v r &lt; deg_v b.
    /// </summary>
    public static Polynomial PseudoRemainder(Polynomial a, Polynomial b, int v, Budget? budget = null)
    {
        int db = b.Degree(v);
        if (db < 0) throw new DivideByZeroException();
        var lcb = b.LeadingCoefficientIn(v);
        var r = a;
        while (!r.IsZero && r.Degree(v) >= db)
        {
            budget?.Check();
            int dr = r.Degree(v);
            var lcr = r.LeadingCoefficientIn(v);
            var shift = new int[a.Arity];
            shift[v] = dr - db;
            // lcb*r - lcr*x_v^(dr-db)*b cancels the degree-dr part
            r = lcb * r - (lcr * b).MultiplyTerm(new Term(shift, BigRational.One));
        }
        return r;
    }
}
