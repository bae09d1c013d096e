namespace Nabla.MatrixCalculus;

/// <summary>
/// Entry point of matrix calculus: parse, infer shapes, differentiate in index notation, print in
/// matrix notation, attach conditions, and optionally check numerically.
/// </summary>
public static class MatrixDifferentiation
{
    public static MatrixDerivative Differentiate(string expression, string wrt, MatrixDiffOptions? options = null)
    {
        options ??= new MatrixDiffOptions();
        if (string.IsNullOrWhiteSpace(wrt)) throw new MatrixInputException("no variable to differentiate with respect to (--wrt)", 0);
        var expr = MatrixExpression.Parse(expression, options.Dims, wrt.Trim());
        return Differentiate(expr, wrt.Trim(), options);
    }

    public static MatrixDerivative Differentiate(MatrixExpression expr, string wrt, MatrixDiffOptions? options = null)
    {
        options ??= new MatrixDiffOptions();
        var f = expr.Root;
        var x = f.Variables().FirstOrDefault(v => v.Name == wrt)
            ?? throw new MatrixInputException($"'{wrt}' does not occur in '{expr.Text}'", 0);
        var space = new IndexSpace();
        var diff = new IndexDifferentiator(wrt, space);
        int? I = space.New(f.Shape.Rows), J = space.New(f.Shape.Cols);
        var terms = diff.D(f, I, J);
        int? U = space.New(x.Shape.Rows), V = space.New(x.Shape.Cols);
        var grad = terms.Select(t => ReplaceDx(t, U, V)).ToList();

        // the differential: dX as an ordinary factor
        var dxNode = Build.Differential(x);
        var dterms = terms.Select(t => WithDifferentialFactor(t, dxNode)).ToList();
        var differential = MatrixFormBuilder.Build(dterms, space, I, J, f.Shape);

        var outIdx = new[] { I, J }.Where(k => k is not null).ToList();
        var varIdx = new[] { U, V }.Where(k => k is not null).ToList();
        Node? matrix = null, vec = null, denGrad = null;
        (int? Row, int? Col) roles = (null, null);
        if (outIdx.Count + varIdx.Count <= 2)
        {
            var den = varIdx.Concat(outIdx).ToList();
            (int? r, int? c) = den.Count switch { 0 => (null, null), 1 => (den[0], (int?)null), _ => (den[0], den[1]) };
            if (den.Count == 1 && varIdx.Count == 0) (r, c) = (null, den[0]); // vector by scalar: a row in denominator layout
            var denRoles = (r, c);
            if (options.Layout == MatrixLayout.Numerator && varIdx.Count > 0) (r, c) = (c, r);
            roles = (r, c);
            matrix = MatrixFormBuilder.Build(grad, space, r, c, new Shape(DimOf(space, r), DimOf(space, c)));
            if (f.IsScalar)
                denGrad = options.Layout == MatrixLayout.Denominator ? matrix
                    : MatrixFormBuilder.Build(grad, space, denRoles.r, denRoles.c, x.Shape);
        }
        else if (I is int i && J is int j && U is int u && V is int v)
        {
            var k = MatrixFormBuilder.Kronecker(grad, space, i, j, u, v, VecShape(f.Shape, x.Shape));
            vec = k; // the Magnus-Neudecker Jacobian ∂vec(F)/∂vec(X)ᵀ, whatever the layout
        }
        var index = IndexFormPrinter.Print(f, x, grad, I, J, U, V);

        Node? hessian = null;
        string? hessianForm = null, hessianIndex = null;
        if (options.Hessian)
        {
            if (!f.IsScalar) throw new MatrixInputException("--hessian needs a scalar-valued expression", 0);
            if (denGrad is null) throw new MatrixUnsupportedException("the gradient has no matrix form, so no Hessian is formed");
            (hessian, hessianForm, hessianIndex) = HessianOf(denGrad, x);
        }

        var result = new MatrixDerivative
        {
            Expression = expr, Variable = x, Layout = options.Layout, Matrix = matrix, IndexForm = index,
            Differential = differential, VecForm = vec, Hessian = hessian, HessianForm = hessianForm,
            HessianIndexForm = hessianIndex, Conditions = MatrixConditions.Of(expr, x),
            GradientTerms = grad, Space = space, Indices = (I, J, U, V), Roles = roles, DenominatorGradient = denGrad,
        };
        if (options.Check) result.Check = MatrixNumericCheck.Run(result, options.Instances, options.Seed);
        return result;
    }

    private static Dim DimOf(IndexSpace s, int? idx) => idx is int k ? s.DimOf(k) : Dim.One;

    internal static Shape VecShape(Shape f, Shape x) =>
        new(Build.Kron(Build.Var("_", Shape.Vector(f.Cols)), Build.Var("_", Shape.Vector(f.Rows))).Shape.Rows,
            Build.Kron(Build.Var("_", Shape.Vector(x.Cols)), Build.Var("_", Shape.Vector(x.Rows))).Shape.Rows);

    private static IndexTerm ReplaceDx(IndexTerm t, int? u, int? v)
    {
        var (a, b) = t.Dx!.Value;
        var r = new IndexTerm(t.Coef, t.Scalars, t.Factors, t.Deltas, null);
        if (a is int ai) r = r.WithDelta(ai, u!.Value);
        if (b is int bi) r = r.WithDelta(bi, v!.Value);
        return r;
    }

    private static IndexTerm WithDifferentialFactor(IndexTerm t, Node dx)
    {
        var (a, b) = t.Dx!.Value;
        var r = new IndexTerm(t.Coef, t.Scalars, t.Factors, t.Deltas, null);
        if (a is int ai) return r.WithFactor(new IndexFactor(dx, ai, b));
        if (b is int bi) return r.WithFactor(new IndexFactor(Build.Transpose(dx), bi, null));
        return r.WithScalar(dx);
    }

    /// <summary>
    /// The Hessian from the (denominator-layout) gradient G: for a vector x the n×n matrix
    /// (Hf)_ij = ∂²f/∂x_i∂x_j; for a matrix X, d²f/dvec(X)² = ∂vec(G)/∂vec(X) as Kronecker products
    /// (column-major vec), or in index form when X' occurs.
    /// </summary>
    private static (Node?, string, string?) HessianOf(Node g, Node x)
    {
        var space = new IndexSpace();
        var diff = new IndexDifferentiator(x.Name, space);
        int? I = space.New(g.Shape.Rows), J = space.New(g.Shape.Cols);
        var terms = diff.D(g, I, J);
        int? U = space.New(x.Shape.Rows), V = space.New(x.Shape.Cols);
        var h = terms.Select(t => ReplaceDx(t, U, V)).ToList();
        if (x.IsScalar) return (MatrixFormBuilder.Build(h, space, null, null, Shape.Scalar), $"d²f/d{x.Name}²", null);
        if (x.Shape.IsColumn)
            return (MatrixFormBuilder.Build(h, space, U, I, new Shape(x.Shape.Rows, x.Shape.Rows)), $"(Hf)_ij = ∂²f/∂{x.Name}_i∂{x.Name}_j", null);
        var k = MatrixFormBuilder.Kronecker(h, space, I!.Value, J!.Value, U!.Value, V!.Value, VecShape(x.Shape, x.Shape));
        var form = $"d²f/dvec({x.Name})² (column-major vec)";
        return k is not null ? (k, form, null) : (null, form, IndexFormPrinter.Print(g, x, h, I, J, U, V));
    }
}
