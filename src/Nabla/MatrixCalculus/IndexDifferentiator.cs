namespace Nabla.MatrixCalculus;

/// <summary>
/// Forward mode on the expression DAG in index notation: <c>D(n, i, j)</c> is the list of terms of
/// <c>d(n_ij)</c>, each linear in dX (one <see cref="IndexTerm.Dx"/> slot), with the other factors
/// held at the current point. The rules are the Matrix Cookbook's differentials written entrywise
/// (d(AB)_ij = dA_ik B_kj + A_ik dB_kj, d inv(A) = -inv(A) dA inv(A), d det A = det(A) tr(inv(A) dA), ...),
/// as in Laue, Mitterreiter and Giesen's tensor calculus; <see cref="MatrixFormBuilder"/> turns
/// the terms back into matrix notation.
/// </summary>
public sealed class IndexDifferentiator
{
    /// <summary>Largest number of terms one derivative may expand to.</summary>
    public const int MaxTerms = 20_000;

    private readonly string _x;
    private readonly IndexSpace _space;
    private int _count;

    public IndexDifferentiator(string variable, IndexSpace space) { _x = variable; _space = space; }

    public IndexSpace Space => _space;

    private readonly Dictionary<Node, bool> _depends = new(ReferenceEqualityComparer.Instance);

    /// <summary>Whether n depends on the variable, memoized over the DAG (linear, not quadratic).</summary>
    private bool Depends(Node n)
    {
        if (_depends.TryGetValue(n, out var d)) return d;
        d = n.Kind == NodeKind.Var ? n.Name == _x : n.Children.Any(Depends);
        return _depends[n] = d;
    }

    public List<IndexTerm> D(Node n, int? i, int? j)
    {
        if (!Depends(n)) return [];
        var result = DInner(n, i, j);
        _count += result.Count;
        if (_count > MaxTerms) throw new MatrixLimitException($"the derivative expands to more than {MaxTerms} terms", 0);
        return result;
    }

    private int? New(Dim d) => _space.New(d);

    private static List<IndexTerm> Times(List<IndexTerm> ts, IndexTerm f)
    {
        if (f.Coef == 0) return [];
        var r = new List<IndexTerm>(ts.Count);
        foreach (var t in ts) r.Add(t.Times(f));
        return r;
    }

    private static List<IndexTerm> Times(IndexTerm f, List<IndexTerm> ts) => Times(ts, f);

    private List<IndexTerm> DInner(Node n, int? i, int? j)
    {
        switch (n.Kind)
        {
            case NodeKind.Var: return [IndexTerm.Differential(i, j)];
            case NodeKind.Add:
            {
                var r = new List<IndexTerm>();
                foreach (var c in n.Children) r.AddRange(D(c, i, j));
                return r;
            }
            case NodeKind.Mul:
            {
                var (a, b) = (n[0], n[1]);
                if (a.IsScalar && !b.IsScalar || b.IsScalar && !a.IsScalar || a.IsScalar && b.IsScalar)
                {
                    var (s, m) = a.IsScalar ? (a, b) : (b, a);
                    return [.. Times(D(s, null, null), F(m, i, j)), .. Times(F(s, null, null), D(m, i, j))];
                }
                var k = New(a.Shape.Cols);
                return [.. Times(D(a, i, k), F(b, k, j)), .. Times(F(a, i, k), D(b, k, j))];
            }
            case NodeKind.Div:
            {
                var (a, s) = (n[0], n[1]);
                var inv = Build.Pow(s, Build.Num(-1));
                var r = Times(D(a, i, j), IndexTerm.One.WithScalar(inv));
                var ds = D(s, null, null);
                if (ds.Count > 0) r.AddRange(Times(ds, F(a, i, j).WithScalar(Build.Pow(s, Build.Num(-2))).Scale(-1)));
                return r;
            }
            case NodeKind.Pow:
            {
                var (a, p) = (n[0], n[1]);
                var r = new List<IndexTerm>();
                if (Depends(a))
                {
                    if (a.Kind == NodeKind.Norm2 && p.Kind == NodeKind.Number)
                    {
                        // d ||r||^p = p ||r||^(p-2) r_kl dr_kl: exact for p = 2, no ||r||/||r||
                        var inner = a[0];
                        var (k, l) = (New(inner.Shape.Rows), New(inner.Shape.Cols));
                        var f = F(inner, k, l).WithScalar(Build.Pow(a, Build.Num(p.Value - 2))).Scale(p.Value);
                        r.AddRange(Times(D(inner, k, l), f));
                    }
                    else
                    {
                        var f = IndexTerm.One.WithScalar(p).WithScalar(Build.Pow(a, Build.Sub(p, Build.Num(1))));
                        r.AddRange(Times(D(a, null, null), f));
                    }
                }
                if (Depends(p))
                    r.AddRange(Times(D(p, null, null), IndexTerm.One.WithScalar(n).WithScalar(Build.Func("log", a))));
                return r;
            }
            case NodeKind.MatPow:
            {
                int k = (int)n.Value;
                var x = n[0];
                if (k < 0) return D(Build.MatPow(Build.Inv(x), -k), i, j);
                var r = new List<IndexTerm>();
                for (int e = 0; e < k; e++)
                {
                    var (p, q) = (New(x.Shape.Rows), New(x.Shape.Cols));
                    var left = F(Build.MatPow(x, e), i, p);
                    var right = F(Build.MatPow(x, k - 1 - e), q, j);
                    r.AddRange(Times(Times(D(x, p, q), left), right));
                }
                return r;
            }
            case NodeKind.Transpose: return D(n[0], j, i);
            case NodeKind.Hadamard:
                return [.. Times(D(n[0], i, j), F(n[1], i, j)), .. Times(F(n[0], i, j), D(n[1], i, j))];
            case NodeKind.ElemDiv:
            {
                var (a, b) = (n[0], n[1]);
                var (ai, aj) = a.IsScalar ? ((int?)null, (int?)null) : (i, j);
                var r = Times(D(a, ai, aj), F(Build.ElemDiv(Build.Num(1), b), i, j));
                var db = D(b, i, j);
                if (db.Count > 0) r.AddRange(Times(db, F(Build.ElemDiv(a, Build.ElemPow(b, Build.Num(2))), i, j).Scale(-1)));
                return r;
            }
            case NodeKind.ElemPow:
            {
                var (a, p) = (n[0], n[1]);
                // d(A.^P) = P ⊙ A.^(P-1) ⊙ dA + log(A) ⊙ A.^P ⊙ dP  (A > 0 where P varies)
                var r = new List<IndexTerm>();
                if (Depends(a))
                    r.AddRange(Times(D(a, i, j), p.IsScalar
                        ? F(Build.ElemPow(a, Build.Sub(p, Build.Num(1))), i, j).WithScalar(p)
                        : F(Build.Hadamard(p, Build.ElemPow(a, Build.Sub(p, Build.Num(1)))), i, j)));
                if (Depends(p))
                {
                    var f = F(Build.Hadamard(Build.Func("log", a), n), i, j);
                    r.AddRange(p.IsScalar ? Times(D(p, null, null), f) : Times(D(p, i, j), f));
                }
                return r;
            }
            case NodeKind.Func:
            {
                var d = ElementwiseFunctions.Derivative(n.Name, n[0]);
                return d is null ? [] : Times(D(n[0], i, j), F(d, i, j));
            }
            case NodeKind.Trace:
            {
                var k = New(n[0].Shape.Rows);
                return D(n[0], k, k);
            }
            case NodeKind.Det or NodeKind.LogDet:
            {
                var a = n[0];
                var (k, l) = (New(a.Shape.Rows), New(a.Shape.Cols));
                var f = F(Build.Inv(a), l, k);
                if (n.Kind == NodeKind.Det) f = f.WithScalar(n);
                return Times(D(a, k, l), f);
            }
            case NodeKind.Inv:
            {
                var a = n[0];
                var (k, l) = (New(a.Shape.Rows), New(a.Shape.Cols));
                return Times(Times(D(a, k, l), F(n, i, k).Scale(-1)), F(n, l, j));
            }
            case NodeKind.Norm1:
            {
                var a = n[0];
                var (k, l) = (New(a.Shape.Rows), New(a.Shape.Cols));
                return Times(D(a, k, l), F(Build.Func("sign", a), k, l));
            }
            case NodeKind.Norm2:
            {
                var a = n[0];
                var (k, l) = (New(a.Shape.Rows), New(a.Shape.Cols));
                return Times(D(a, k, l), F(a, k, l).WithScalar(Build.Pow(n, Build.Num(-1))));
            }
            case NodeKind.Sum:
            {
                var a = n[0];
                return D(a, New(a.Shape.Rows), New(a.Shape.Cols));
            }
            case NodeKind.DiagMatrix:
            {
                var r = D(n[0], i, null);
                return [.. r.Select(t => t.WithDelta(i!.Value, j!.Value))];
            }
            case NodeKind.DiagVector: return D(n[0], i, i);
            case NodeKind.Kron:
                throw new MatrixUnsupportedException("differentiating through kron(...) is not supported");
            case NodeKind.VectorLit or NodeKind.MatrixLit:
                throw new MatrixUnsupportedException("differentiating through vector(...)/matrix(...) entries is not supported");
        }
        return [];
    }

    /// <summary>The constant factor n_ij in index form: products and transposes are split, numbers become the coefficient.</summary>
    public IndexTerm F(Node n, int? i, int? j)
    {
        switch (n.Kind)
        {
            case NodeKind.Number: return IndexTerm.One.Scale(n.Value);
            case NodeKind.Zeros: return IndexTerm.One.Scale(0);
            case NodeKind.Mul:
            {
                var (a, b) = (n[0], n[1]);
                if (a.IsScalar) return F(a, null, null).Times(F(b, i, j));
                if (b.IsScalar) return F(a, i, j).Times(F(b, null, null));
                var k = New(a.Shape.Cols);
                return F(a, i, k).Times(F(b, k, j));
            }
            case NodeKind.Transpose: return F(n[0], j, i);
            case NodeKind.MatPow when n.Value > 0 && n.Value <= 8:
            {
                // X^k = X*X*...*X: split, so that like terms meet (the builder writes runs back as powers)
                var t = IndexTerm.One;
                var cur = i;
                for (int e = 0; e < (int)n.Value; e++)
                {
                    var next = e == (int)n.Value - 1 ? j : New(n.Shape.Rows);
                    t = t.Times(F(n[0], cur, next));
                    cur = next;
                }
                return t;
            }
            case NodeKind.Eye: return IndexTerm.One.WithDelta(i!.Value, j!.Value);
            case NodeKind.DiagMatrix: return F(n[0], i, null).WithDelta(i!.Value, j!.Value);
        }
        if (n.IsScalar) return IndexTerm.One.WithScalar(n);
        if (i is null) return IndexTerm.One.WithFactor(new IndexFactor(Build.Transpose(n), j!.Value, null)); // row vector
        return IndexTerm.One.WithFactor(new IndexFactor(n, i.Value, j));
    }
}
