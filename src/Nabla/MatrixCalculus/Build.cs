namespace Nabla.MatrixCalculus;

/// <summary>
/// Smart constructors: every node is built here. They check shapes (a mismatch here is a bug, not
/// user input: the parser reports user mistakes first) and simplify locally: numbers folded and
/// pulled to the front of products, zeros and identities removed, like terms of sums collected,
/// products left-associated, transposes pushed down ((AB)' = B'A', inv(A)' = inv(A')).
/// </summary>
public static class Build
{
    public static Node Var(string name, Shape shape, bool symmetric = false) => new(NodeKind.Var, shape, name: name, symmetric: symmetric && shape.IsSquare);
    public static Node Differential(Node variable) => new(NodeKind.Differential, variable.Shape, name: variable.Name, symmetric: variable.Symmetric);
    public static Node Num(double v) => new(NodeKind.Number, Shape.Scalar, value: v == 0 ? 0 : v);
    public static Node Eye(Dim n) => n.IsOne ? Num(1) : new(NodeKind.Eye, new Shape(n, n));
    public static Node Ones(Shape s) => s.IsScalar ? Num(1) : new(NodeKind.Ones, s);
    public static Node Zeros(Shape s) => s.IsScalar ? Num(0) : new(NodeKind.Zeros, s);

    /// <summary>Splits c*rest; a bare number gives (c, null).</summary>
    public static (double Coef, Node? Body) SplitCoef(Node n) => n.Kind switch
    {
        NodeKind.Number => (n.Value, null),
        NodeKind.Mul when n[0].Kind == NodeKind.Number => (n[0].Value, n[1]),
        _ => (1, n),
    };

    public static Node Scale(double c, Node a)
    {
        if (c == 1) return a;
        if (c == 0 || a.IsZero) return Zeros(a.Shape);
        if (a.Kind == NodeKind.Number) return Num(c * a.Value);
        if (a.Kind == NodeKind.Mul && a[0].Kind == NodeKind.Number) return Scale(c * a[0].Value, a[1]);
        return new Node(NodeKind.Mul, a.Shape, [Num(c), a]);
    }

    public static Node Neg(Node a) => Scale(-1, a);

    public static Node Add(Node a, Node b) => Sum([a, b]);
    public static Node Sub(Node a, Node b) => Sum([a, Neg(b)]);

    /// <summary>n-ary sum with like terms collected (same canonical rest, coefficients added).</summary>
    public static Node Sum(IReadOnlyList<Node> terms)
    {
        if (terms.Count == 0) throw new InvalidOperationException("empty sum");
        // a scalar term broadcasts: s stands for s*ones(shape)
        var shape = terms.FirstOrDefault(t => !t.IsScalar)?.Shape ?? Shape.Scalar;
        var order = new List<string>();
        var coefs = new Dictionary<string, (double C, Node? Body)>();
        double number = 0;
        // Broadcast scalars s*ones(shape) are gathered into one (Σs)*ones(shape) term, placed where
        // the first one stood: ones(n) + a*ones(n) and (1 + a)*ones(n) are one node, so a sum
        // prints (scalars bare) and parses back to itself.
        const string BroadcastKey = "\0broadcast";
        var broadcast = new List<Node>();
        var stack = new Stack<Node>();
        for (int i = terms.Count - 1; i >= 0; i--) stack.Push(terms[i]);
        while (stack.Count > 0)
        {
            var t = stack.Pop();
            if (t.IsScalar && !shape.IsScalar) t = Mul(t, Ones(shape));
            if (t.Shape != shape) throw new InvalidOperationException($"sum of {shape} and {t.Shape}");
            if (t.IsZero) continue;
            if (t.Kind == NodeKind.Add) { for (int i = t.Children.Length - 1; i >= 0; i--) stack.Push(t[i]); continue; }
            var (c, rest) = SplitCoef(t);
            if (rest is not null && rest.Kind == NodeKind.Add)
            {
                for (int i = rest.Children.Length - 1; i >= 0; i--) stack.Push(Scale(c, rest[i]));
                continue;
            }
            if (rest is null) { number += c; continue; }
            if (!shape.IsScalar && (rest.Kind == NodeKind.Ones || rest.Kind == NodeKind.Mul && rest[0].IsScalar && rest[1].Kind == NodeKind.Ones))
            {
                if (broadcast.Count == 0) order.Add(BroadcastKey);
                broadcast.Add(rest.Kind == NodeKind.Ones ? Num(c) : Scale(c, rest[0]));
                continue;
            }
            if (coefs.TryGetValue(rest.Key, out var e)) coefs[rest.Key] = (e.C + c, e.Body);
            else { coefs[rest.Key] = (c, rest); order.Add(rest.Key); }
        }
        var parts = new List<Node>();
        foreach (var k in order)
        {
            if (k == BroadcastKey)
            {
                var scalar = Sum(broadcast);
                if (!scalar.IsZero) parts.Add(Mul(scalar, Ones(shape)));
                continue;
            }
            var (c, rest) = coefs[k];
            if (c != 0) parts.Add(Scale(c, rest!));
        }
        if (number != 0) parts.Add(Num(number));
        if (parts.Count == 0) return Zeros(shape);
        if (parts.Count == 1) return parts[0];
        return new Node(NodeKind.Add, shape, [.. parts]);
    }

    public static Node Mul(Node a, Node b)
    {
        if (a.Kind == NodeKind.Number) return Scale(a.Value, b);
        if (b.Kind == NodeKind.Number) return Scale(b.Value, a);
        Shape shape;
        if (a.IsScalar) shape = b.Shape;
        else if (b.IsScalar) shape = a.Shape;
        else if (a.Shape.Cols == b.Shape.Rows) shape = new Shape(a.Shape.Rows, b.Shape.Cols);
        else throw new InvalidOperationException($"product of {a.Shape} and {b.Shape}");
        if (a.IsZero || b.IsZero) return Zeros(shape);
        if (a.Kind == NodeKind.Mul && a[0].Kind == NodeKind.Number) return Scale(a[0].Value, Mul(a[1], b));
        if (b.Kind == NodeKind.Mul && b[0].Kind == NodeKind.Number) return Scale(b[0].Value, Mul(a, b[1]));
        if (a.Kind == NodeKind.Eye && !b.IsScalar) return b;
        if (b.Kind == NodeKind.Eye && !a.IsScalar) return a;
        if (b.IsScalar && !a.IsScalar) return Mul(b, a); // scalars first
        if (b.Kind == NodeKind.Mul) return Mul(Mul(a, b[0]), b[1]); // left-associate products
        // elementwise forms read better than diagonal scalings: diag(a)*v = a ⊙ v, v'*diag(a) = (a ⊙ v)',
        // diag(a)*M*diag(b) = (a*b') ⊙ M
        if (a.Kind == NodeKind.DiagMatrix && b.Shape.IsColumn) return Hadamard(a[0], b);
        if (b.Kind == NodeKind.DiagMatrix && a.Shape.IsRow) return Transpose(Hadamard(b[0], Transpose(a)));
        if (b.Kind == NodeKind.DiagMatrix && a.Kind == NodeKind.Mul && a[0].Kind == NodeKind.DiagMatrix && !a[1].IsScalar)
            return Hadamard(Mul(a[0][0], Transpose(b[0])), a[1]);
        return new Node(NodeKind.Mul, shape, [a, b]);
    }

    public static Node Div(Node a, Node s)
    {
        if (!s.IsScalar) throw new InvalidOperationException("division by a non-scalar");
        if (s.Kind == NodeKind.Number) return Scale(1 / s.Value, a);
        if (a.IsZero) return a;
        // The numerator's coefficient moves outside (c*a/s = c*(a/s)), so that 2*(-1/s), (-2)/s
        // and -2*(1/s) are one node and print the same.
        var (c, body) = SplitCoef(a);
        if (c != 1) return Scale(c, new Node(NodeKind.Div, a.Shape, [body ?? Num(1), s]));
        return new Node(NodeKind.Div, a.Shape, [a, s]);
    }

    public static Node Pow(Node a, Node p)
    {
        if (!a.IsScalar) throw new InvalidOperationException("scalar power of a non-scalar");
        if (p.IsNumber(1)) return a;
        if (p.IsNumber(0)) return Num(1);
        if (a.Kind == NodeKind.Number && p.Kind == NodeKind.Number) return Num(Math.Pow(a.Value, p.Value));
        return new Node(NodeKind.Pow, Shape.Scalar, [a, p]);
    }

    public static Node MatPow(Node x, int k)
    {
        if (x.IsScalar) return Pow(x, Num(k));
        if (!x.Shape.IsSquare) throw new InvalidOperationException("matrix power of a non-square matrix");
        if (k == 1) return x;
        if (k == 0) return Eye(x.Shape.Rows);
        if (k == -1) return Inv(x);
        return new Node(NodeKind.MatPow, x.Shape, [x], value: k);
    }

    public static Node Transpose(Node a)
    {
        if (a.IsScalar) return a;
        switch (a.Kind)
        {
            case NodeKind.Var or NodeKind.Differential when a.Symmetric: return a;
            case NodeKind.Transpose: return a[0];
            case NodeKind.Eye: case NodeKind.DiagMatrix: return a;
            case NodeKind.Ones: return Ones(a.Shape.Transposed);
            case NodeKind.Zeros: return Zeros(a.Shape.Transposed);
            case NodeKind.Mul:
                if (a[0].Kind == NodeKind.Number || a[0].IsScalar) return Mul(a[0], Transpose(a[1]));
                return Mul(Transpose(a[1]), Transpose(a[0]));
            case NodeKind.Div: return Div(Transpose(a[0]), a[1]);
            case NodeKind.Inv: return Inv(Transpose(a[0]));
            case NodeKind.MatPow: return MatPow(Transpose(a[0]), (int)a.Value);
            case NodeKind.Func: return Func(a.Name, Transpose(a[0]));
            case NodeKind.Hadamard: return Hadamard(Transpose(a[0]), Transpose(a[1]));
            case NodeKind.ElemDiv: return ElemDiv(Transpose(a[0]), Transpose(a[1]));
            case NodeKind.ElemPow: return ElemPow(Transpose(a[0]), Transpose(a[1]));
            case NodeKind.Kron: return Kron(Transpose(a[0]), Transpose(a[1]));
            case NodeKind.Commutation: { var nm = a.Name.Split(','); return Commutation(new Dim(nm[1]), new Dim(nm[0])); }
            case NodeKind.Add when a.Children.Select(Transpose).Count(IsTransposed) <= a.Children.Count(IsTransposed):
                // (A' + B)' = A + B': pushed down when that does not add transposes
                return Sum([.. a.Children.Select(Transpose)]);
        }
        return new Node(NodeKind.Transpose, a.Shape.Transposed, [a]);
    }

    private static bool IsTransposed(Node n) => n.Kind == NodeKind.Transpose || n.Kind == NodeKind.Mul && n[0].Kind == NodeKind.Number && n[1].Kind == NodeKind.Transpose;

    /// <summary>Broadcast shape of an elementwise operation (a scalar operand broadcasts).</summary>
    private static Shape Elementwise(Node a, Node b, string op)
    {
        if (a.IsScalar) return b.Shape;
        if (b.IsScalar || a.Shape == b.Shape) return a.Shape;
        throw new InvalidOperationException($"{op} of {a.Shape} and {b.Shape}");
    }

    public static Node Hadamard(Node a, Node b)
    {
        if (a.IsScalar || b.IsScalar) return Mul(a, b);
        var s = Elementwise(a, b, "⊙");
        if (a.IsZero || b.IsZero) return Zeros(s);
        if (a.Kind == NodeKind.Ones) return b;
        if (b.Kind == NodeKind.Ones) return a;
        if (a.Kind == NodeKind.Mul && a[0].Kind == NodeKind.Number) return Scale(a[0].Value, Hadamard(a[1], b));
        if (b.Kind == NodeKind.Mul && b[0].Kind == NodeKind.Number) return Scale(b[0].Value, Hadamard(a, b[1]));
        return new Node(NodeKind.Hadamard, s, [a, b]);
    }

    public static Node ElemDiv(Node a, Node b)
    {
        if (b.IsScalar) return Div(a, b);
        var s = Elementwise(a, b, "./");
        if (a.IsZero) return Zeros(s);
        if (b.Kind == NodeKind.Ones) return a;
        return new Node(NodeKind.ElemDiv, s, [a, b]);
    }

    public static Node ElemPow(Node a, Node p)
    {
        // the exponent is a scalar or has the shape of the base (elementwise); a scalar base broadcasts
        if (!p.IsScalar && a.IsScalar) return ElemPow(Mul(a, Ones(p.Shape)), p);
        if (!p.IsScalar && p.Shape != a.Shape) throw new InvalidOperationException($".^ of {a.Shape} and {p.Shape}");
        if (a.IsScalar) return Pow(a, p);
        if (p.IsNumber(1)) return a;
        if (p.IsNumber(0)) return Ones(a.Shape);
        return new Node(NodeKind.ElemPow, a.Shape, [a, p]);
    }

    public static Node Kron(Node a, Node b)
    {
        if (a.IsScalar || b.IsScalar) return Mul(a, b);
        if (a.Kind == NodeKind.Eye && b.Kind == NodeKind.Eye) return Eye(Times(a.Shape.Rows, b.Shape.Rows));
        var s = new Shape(Times(a.Shape.Rows, b.Shape.Rows), Times(a.Shape.Cols, b.Shape.Cols));
        if (a.Kind == NodeKind.Mul && a[0].Kind == NodeKind.Number) return Scale(a[0].Value, Kron(a[1], b));
        if (b.Kind == NodeKind.Mul && b[0].Kind == NodeKind.Number) return Scale(b[0].Value, Kron(a, b[1]));
        return new Node(NodeKind.Kron, s, [a, b]);
    }

    /// <summary>The product of two dimensions, named canonically (factors sorted) so that n·m = m·n.</summary>
    public static Dim Times(Dim x, Dim y)
    {
        if (x.IsOne) return y;
        if (y.IsOne) return x;
        if (x.IsFixed && y.IsFixed)
            return Dim.Fixed(int.Parse(x.Name, System.Globalization.CultureInfo.InvariantCulture) * int.Parse(y.Name, System.Globalization.CultureInfo.InvariantCulture));
        var parts = x.Name.Split('·').Concat(y.Name.Split('·')).Order(StringComparer.Ordinal);
        return new Dim(string.Join("·", parts));
    }

    /// <summary>K(n, m) with K vec(A) = vec(A') for an n×m matrix A.</summary>
    public static Node Commutation(Dim n, Dim m)
    {
        if (n.IsOne || m.IsOne) return Eye(Times(n, m));
        var d = Times(n, m);
        return new Node(NodeKind.Commutation, new Shape(d, d), name: $"{n},{m}");
    }

    public static Node Func(string name, Node a)
    {
        if (!ElementwiseFunctions.IsKnown(name)) throw new InvalidOperationException($"unknown function {name}");
        if (a.Kind == NodeKind.Number) return Num(ElementwiseFunctions.Apply(name, a.Value));
        return new Node(NodeKind.Func, a.Shape, [a], name: name);
    }

    public static Node Trace(Node a)
    {
        if (a.IsScalar) return a;
        if (!a.Shape.IsSquare) throw new InvalidOperationException("trace of a non-square matrix");
        if (a.Kind == NodeKind.Transpose) return Trace(a[0]);
        if (a.Kind == NodeKind.Mul && a[0].Kind == NodeKind.Number) return Scale(a[0].Value, Trace(a[1]));
        if (a.Kind == NodeKind.Mul && a[0].IsScalar) return Mul(a[0], Trace(a[1]));
        if (a.IsZero) return Num(0);
        if (a.Kind == NodeKind.Mul && a[0].Shape.IsColumn && a[1].Shape.IsRow)
            return Mul(Transpose(a[1]), a[0]); // tr(p*q') = q'*p
        return new Node(NodeKind.Trace, Shape.Scalar, [a]);
    }

    public static Node Det(Node a)
    {
        if (a.IsScalar) return a;
        if (!a.Shape.IsSquare) throw new InvalidOperationException("det of a non-square matrix");
        if (a.Kind == NodeKind.Transpose) return Det(a[0]);
        return new Node(NodeKind.Det, Shape.Scalar, [a]);
    }

    public static Node LogDet(Node a)
    {
        if (!a.Shape.IsSquare) throw new InvalidOperationException("logdet of a non-square matrix");
        if (a.Kind == NodeKind.Transpose) return LogDet(a[0]);
        return new Node(NodeKind.LogDet, Shape.Scalar, [a]);
    }

    public static Node Inv(Node a)
    {
        if (a.IsScalar) return Pow(a, Num(-1));
        if (!a.Shape.IsSquare) throw new InvalidOperationException("inverse of a non-square matrix");
        if (a.Kind == NodeKind.Inv) return a[0];
        if (a.Kind == NodeKind.Eye) return a;
        if (a.Kind == NodeKind.Mul && a[0].Kind == NodeKind.Number) return Scale(1 / a[0].Value, Inv(a[1]));
        return new Node(NodeKind.Inv, a.Shape, [a]);
    }

    public static Node Norm1(Node a) => new(NodeKind.Norm1, Shape.Scalar, [a]);
    public static Node Norm2(Node a) => new(NodeKind.Norm2, Shape.Scalar, [a]);

    public static Node SumAll(Node a)
    {
        if (a.IsScalar) return a;
        if (a.Kind == NodeKind.Transpose) return SumAll(a[0]);
        if (a.Kind == NodeKind.DiagVector) return Trace(a[0]);
        if (a.Kind == NodeKind.Mul && a[0].Kind == NodeKind.Number) return Scale(a[0].Value, SumAll(a[1]));
        return new Node(NodeKind.Sum, Shape.Scalar, [a]);
    }

    /// <summary>diag(v) of a vector is the diagonal matrix; diag(M) of a square matrix is its diagonal.</summary>
    public static Node Diag(Node a)
    {
        if (a.IsScalar) return a;
        if (a.Shape.IsColumn || a.Shape.IsRow)
        {
            var v = a.Shape.IsRow ? Transpose(a) : a;
            if (v.Kind == NodeKind.Ones) return Eye(v.Shape.Rows);
            return new Node(NodeKind.DiagMatrix, new Shape(v.Shape.Rows, v.Shape.Rows), [v]);
        }
        if (!a.Shape.IsSquare) throw new InvalidOperationException("diag of a non-square matrix");
        if (a.Kind == NodeKind.DiagMatrix) return a[0];
        if (a.Kind == NodeKind.Eye) return Ones(Shape.Vector(a.Shape.Rows));
        return new Node(NodeKind.DiagVector, Shape.Vector(a.Shape.Rows), [a]);
    }

    public static Node VectorLit(IReadOnlyList<Node> entries) =>
        new(NodeKind.VectorLit, Shape.Vector(Dim.Fixed(entries.Count)), [.. entries]);

    public static Node MatrixLit(int rows, int cols, IReadOnlyList<Node> entries) =>
        new(NodeKind.MatrixLit, new Shape(Dim.Fixed(rows), Dim.Fixed(cols)), [.. entries], value: rows);
}
