using System.Globalization;
using System.Text.RegularExpressions;

namespace Nabla.MatrixCalculus;

/// <summary>
/// Assigns shapes by unification. Declared symbols take their declared shapes; undeclared ones
/// follow the convention: a single lowercase letter (optionally followed by digits or '_') is a
/// vector, a name starting with an uppercase letter is a matrix, any other name is a scalar. Each
/// unknown dimension is a variable; operators add equations (A*B: cols(A) = rows(B), A + B: equal
/// shapes, tr/det/inv: square); a contradiction is a <see cref="MatrixShapeException"/> naming
/// the subexpression and both shapes. Unknown dimensions of variables never unify with 1 (an
/// undeclared matrix is not silently a scalar). Remaining unknowns are named n, m, p, q, ... with
/// the variable of differentiation named first. A name dX (d followed by a vector or matrix name)
/// is the differential of X and has its shape.
/// </summary>
internal sealed partial class ShapeInference
{
    private readonly List<int> _parent = [];
    private readonly List<string?> _bound = [];
    private readonly Dictionary<string, int> _rigid = [];
    private readonly Dictionary<string, (int R, int C, bool Sym)> _vars = [];
    private readonly List<string> _varOrder = [];
    private readonly Declarations _decl;
    private readonly string _text;
    private readonly Dictionary<int, string> _provisional = [];
    /// <summary>Dimensions that are products of two others (the rows and columns of kron(A, B)).</summary>
    private readonly List<(int Id, int A, int B)> _products = [];

    [GeneratedRegex(@"^\p{Ll}[0-9_]*$")] private static partial Regex VectorName();

    private ShapeInference(string text, Declarations decl) { _text = text; _decl = decl; }

    public static MatrixExpression Run(string text, SyntaxNode root, Declarations decl, string? wrt)
    {
        var si = new ShapeInference(text, decl);
        foreach (var d in decl.Items) si.Variable(d.Name, root);
        si.Infer(root);
        if (wrt is not null && !si._vars.ContainsKey(wrt))
            throw new MatrixInputException($"'{wrt}' does not occur in the expression", 0);
        var names = si.NameDims(wrt);
        var node = si.BuildNode(root, names);
        var shapes = new List<KeyValuePair<string, Shape>>();
        // listed with the variable first, then by name (a, b, C, ...)
        var order = si._varOrder.Where(v => ContainsId(root, v))
            .OrderBy(v => v == wrt ? 0 : 1).ThenBy(v => v, StringComparer.OrdinalIgnoreCase).ThenBy(v => v, StringComparer.Ordinal).ToList();
        foreach (var v in order)
        {
            var (r, c, _) = si._vars[v];
            shapes.Add(new(v, new Shape(names(r), names(c))));
        }
        return new MatrixExpression(text, node, shapes, decl);
    }

    private static bool ContainsId(SyntaxNode n, string name)
    {
        var stack = new Stack<SyntaxNode>();
        stack.Push(n);
        while (stack.Count > 0)
        {
            var s = stack.Pop();
            if (s.Op == "id" && s.Text == name) return true;
            foreach (var k in s.Kids) stack.Push(k);
        }
        return false;
    }

    // ---- union-find over dimensions ----
    private int Fresh() { _parent.Add(_parent.Count); _bound.Add(null); return _parent.Count - 1; }
    private int Rigid(string name)
    {
        if (_rigid.TryGetValue(name, out var id)) return id;
        id = Fresh();
        _bound[id] = name;
        return _rigid[name] = id;
    }
    private int One => Rigid("1");
    private int Find(int x) { while (_parent[x] != x) x = _parent[x] = _parent[_parent[x]]; return x; }
    private bool IsOne(int id) => _bound[Find(id)] == "1";

    private bool Unify(int a, int b)
    {
        a = Find(a); b = Find(b);
        if (a == b) return true;
        var (na, nb) = (_bound[a], _bound[b]);
        if (na is not null && nb is not null) return false; // two different rigid dimensions
        if (na == "1" && nb is null || nb == "1" && na is null) return false; // variables' dimensions are never 1
        if (na is null) { _parent[a] = b; } else { _parent[b] = a; }
        return true;
    }

    private string DimName(int id)
    {
        id = Find(id);
        if (_bound[id] is { } n) return n;
        if (!_provisional.TryGetValue(id, out var p))
            _provisional[id] = p = $"d{_provisional.Count + 1}";
        return p;
    }

    private string ShapeText((int R, int C) s) =>
        IsOne(s.R) && IsOne(s.C) ? "scalar" : IsOne(s.C) ? $"vector of length {DimName(s.R)}" : $"{DimName(s.R)}×{DimName(s.C)}";

    private string Src(SyntaxNode n) => _text[n.Start..Math.Max(n.Start, n.End)].Trim();

    private MatrixShapeException Mismatch(SyntaxNode at, string rule, SyntaxNode l, (int, int) ls, SyntaxNode? r, (int, int) rs)
    {
        string left = ShapeText(ls), right = r is null ? "" : ShapeText(rs);
        var msg = r is null
            ? $"shape error in '{Src(at)}': {rule}, but '{Src(l)}' is {left}"
            : $"shapes do not match in '{Src(at)}': {rule}, but '{Src(l)}' is {left} and '{Src(r)}' is {right}";
        return new MatrixShapeException(msg, at.Start + 1, Src(at), left, right);
    }

    private (int R, int C) Variable(string name, SyntaxNode at)
    {
        if (_vars.TryGetValue(name, out var v)) return (v.R, v.C);
        (int, int, bool) s;
        if (_decl.Find(name) is { } d) s = (Rigid(d.Rows), Rigid(d.Cols), d.Symmetric);
        else if (name.Length > 1 && name[0] == 'd' && (_vars.ContainsKey(name[1..]) || _decl.Find(name[1..]) is not null || char.IsUpper(name[1]) || VectorName().IsMatch(name[1..])))
        {
            // dX, the differential of X, has the shape of X (so printed differentials parse back)
            var (r, c) = Variable(name[1..], at);
            s = (r, c, _vars[name[1..]].Sym);
        }
        else if (VectorName().IsMatch(name)) s = (Fresh(), One, false);
        else if (char.IsUpper(name[0])) s = (Fresh(), Fresh(), false);
        else s = (One, One, false);
        _vars[name] = s;
        _varOrder.Add(name);
        return (s.Item1, s.Item2);
    }

    private (int R, int C) Scalar => (One, One);
    private bool IsScalar((int R, int C) s) => IsOne(s.R) && IsOne(s.C);

    private int DimArg(SyntaxNode call, SyntaxNode a) => Rigid(DimArgName(call, a).Name);

    /// <summary>A dimension argument: a name, a positive integer, or a product of them (n*m).</summary>
    private Dim DimArgName(SyntaxNode call, SyntaxNode a)
    {
        if (a.Op == "id") return new Dim(a.Text);
        if (a.Op == "num" && a.Number >= 1 && a.Number == Math.Floor(a.Number) && a.Number < 1e6)
            return Dim.Fixed((int)a.Number);
        if (a.Op == "*") return Build.Times(DimArgName(call, a.Kids[0]), DimArgName(call, a.Kids[1]));
        throw new MatrixSyntaxException($"'{call.Text}' takes dimensions (names such as n, positive integers, or products n*m), not '{Src(a)}'", a.Start + 1);
    }

    private (int R, int C) Infer(SyntaxNode n)
    {
        switch (n.Op)
        {
            case "num": return Scalar;
            case "id": return Variable(n.Text, n);
            case "neg": return Infer(n.Kids[0]);
            case "'": { var s = Infer(n.Kids[0]); return (s.C, s.R); }
            case "+" or "-":
            {
                var (l, r) = (Infer(n.Kids[0]), Infer(n.Kids[1]));
                // a scalar operand broadcasts over a vector or matrix (1 - sigmoid(x))
                if (IsScalar(l)) return r;
                if (IsScalar(r)) return l;
                if (!Unify(l.R, r.R) || !Unify(l.C, r.C))
                    throw Mismatch(n, $"'{n.Op}' needs equal shapes (or a scalar operand, which broadcasts)", n.Kids[0], l, n.Kids[1], r);
                return l;
            }
            case "*":
            {
                var (l, r) = (Infer(n.Kids[0]), Infer(n.Kids[1]));
                if (IsScalar(l)) return r;
                if (IsScalar(r)) return l;
                if (!Unify(l.C, r.R))
                    throw Mismatch(n, "a matrix product needs the columns of the left factor to equal the rows of the right", n.Kids[0], l, n.Kids[1], r);
                return (l.R, r.C);
            }
            case "/":
            {
                var (l, r) = (Infer(n.Kids[0]), Infer(n.Kids[1]));
                if (!IsScalar(r)) throw Mismatch(n, "'/' divides by a scalar only (use ./ for elementwise division or inv(...))", n.Kids[1], r, null, default);
                return l;
            }
            case ".*" or "./":
            {
                var (l, r) = (Infer(n.Kids[0]), Infer(n.Kids[1]));
                if (IsScalar(l)) return r;
                if (IsScalar(r)) return l;
                if (!Unify(l.R, r.R) || !Unify(l.C, r.C))
                    throw Mismatch(n, "an elementwise operation needs equal shapes", n.Kids[0], l, n.Kids[1], r);
                return l;
            }
            case "kron": return Kron(n.Kids[0], n.Kids[1]);
            case ".^":
            {
                var (l, r) = (Infer(n.Kids[0]), Infer(n.Kids[1]));
                if (IsScalar(r)) return l;
                if (IsScalar(l)) return r;
                if (!Unify(l.R, r.R) || !Unify(l.C, r.C))
                    throw Mismatch(n, "the exponent of .^ must be a scalar or have the shape of the base", n.Kids[0], l, n.Kids[1], r);
                return l;
            }
            case "^":
            {
                var (l, r) = (Infer(n.Kids[0]), Infer(n.Kids[1]));
                if (!IsScalar(r)) throw Mismatch(n, "the exponent of ^ must be a scalar (use .^ for elementwise powers)", n.Kids[1], r, null, default);
                if (IsScalar(l)) return l;
                if (IntegerLiteral(n.Kids[1]) is null)
                    throw new MatrixSyntaxException($"a matrix power needs an integer exponent in '{Src(n)}' (use .^ for elementwise powers)", n.Start + 1);
                if (!Unify(l.R, l.C)) throw Mismatch(n, "a matrix power needs a square matrix", n.Kids[0], l, null, default);
                return l;
            }
            case "call": return InferCall(n);
        }
        throw new InvalidOperationException(n.Op);
    }

    /// <summary>kron(A, B) is (rows A · rows B) × (cols A · cols B); the products are named when dimensions are named.</summary>
    private (int R, int C) Kron(SyntaxNode a, SyntaxNode b)
    {
        var (l, r) = (Infer(a), Infer(b));
        var (rows, cols) = (Fresh(), Fresh());
        _products.Add((rows, l.R, r.R));
        _products.Add((cols, l.C, r.C));
        return (rows, cols);
    }

    private (int A, int B)? ProductOf(int id)
    {
        id = Find(id);
        foreach (var p in _products)
            if (Find(p.Id) == id) return (p.A, p.B);
        return null;
    }

    internal static int? IntegerLiteral(SyntaxNode e)
    {
        if (e.Op == "num" && e.Number == Math.Floor(e.Number) && Math.Abs(e.Number) <= 1000) return (int)e.Number;
        if (e.Op == "neg" && IntegerLiteral(e.Kids[0]) is int k) return -k;
        return null;
    }

    private (int R, int C) InferCall(SyntaxNode n)
    {
        var name = n.Text;
        var k = n.Kids;
        void Arity(int lo, int hi)
        {
            if (k.Length < lo || k.Length > hi)
                throw new MatrixSyntaxException($"{name}(...) takes {(lo == hi ? lo.ToString(CultureInfo.InvariantCulture) : $"{lo} or {hi}")} argument{(hi == 1 ? "" : "s")}, got {k.Length}", n.Start + 1);
        }
        switch (name)
        {
            case "eye": Arity(1, 1); { var d = DimArg(n, k[0]); return (d, d); }
            case "ones" or "zeros":
                Arity(1, 2);
                return (DimArg(n, k[0]), k.Length == 2 ? DimArg(n, k[1]) : One);
            case "vector":
            case "matrix":
            {
                if (k.Length == 0) throw new MatrixSyntaxException($"{name}(...) needs entries", n.Start + 1);
                foreach (var e in k)
                {
                    var s = Infer(e);
                    if (!IsScalar(s)) throw Mismatch(e, $"entries of {name}(...) must be scalars", e, s, null, default);
                }
                if (name == "vector") return (Rigid(k.Length.ToString(CultureInfo.InvariantCulture)), One);
                return (Rigid(n.Rows.ToString(CultureInfo.InvariantCulture)), Rigid((k.Length / n.Rows).ToString(CultureInfo.InvariantCulture)));
            }
            case "kron": Arity(2, 2); return Kron(k[0], k[1]);
            case "commutation": Arity(2, 2); DimArg(n, k[0]); DimArg(n, k[1]); { var d = Fresh(); return (d, d); }
        }
        Arity(1, 1);
        var a = Infer(k[0]);
        switch (name)
        {
            case "tr" or "det" or "logdet":
                if (!Unify(a.R, a.C)) throw Mismatch(n, $"{name} needs a square matrix", k[0], a, null, default);
                return Scalar;
            case "inv":
                if (!Unify(a.R, a.C)) throw Mismatch(n, "inv needs a square matrix", k[0], a, null, default);
                return a;
            case "norm1" or "norm2" or "sum": return Scalar;
            case "diag":
                if (IsScalar(a)) return a;
                if (IsOne(a.C)) return (a.R, a.R);
                if (IsOne(a.R)) return (a.C, a.C);
                if (!Unify(a.R, a.C)) throw Mismatch(n, "diag needs a vector or a square matrix", k[0], a, null, default);
                return (a.R, One);
        }
        return a; // elementwise function
    }

    /// <summary>Names every unknown dimension: n, m, p, ... in order of the variables (wrt first).</summary>
    private Func<int, Dim> NameDims(string? wrt)
    {
        var taken = new HashSet<string>(_rigid.Keys);
        foreach (var v in _varOrder) taken.Add(v);
        var pool = new Queue<string>(new[] { "n", "m", "p", "q", "r", "s", "k", "l", "t", "u", "v", "w" }.Where(x => !taken.Contains(x)));
        var assigned = new Dictionary<int, string>();
        int extra = 0;
        var order = _varOrder.ToList();
        if (wrt is not null) { order.Remove(wrt); order.Insert(0, wrt); }
        void Assign(int id)
        {
            id = Find(id);
            if (_bound[id] is not null || assigned.ContainsKey(id) || ProductOf(id) is not null) return;
            string name;
            do name = pool.Count > 0 ? pool.Dequeue() : $"n{++extra}"; while (taken.Contains(name));
            assigned[id] = name;
        }
        foreach (var v in order) { var (r, c, _) = _vars[v]; Assign(r); Assign(c); }
        Dim Name(int id, int depth)
        {
            id = Find(id);
            if (_bound[id] is { } b) return new Dim(b);
            if (ProductOf(id) is { } p)
            {
                if (depth > 64) throw new MatrixShapeException("the dimensions of kron(...) depend on themselves", 1, _text, "", "");
                return Build.Times(Name(p.A, depth + 1), Name(p.B, depth + 1));
            }
            Assign(id);
            return new Dim(assigned[id]);
        }
        return id => Name(id, 0);
    }

    private Node BuildNode(SyntaxNode n, Func<int, Dim> names)
    {
        try
        {
            return BuildInner(n, names);
        }
        catch (InvalidOperationException e)
        {
            throw new MatrixShapeException($"shape error in '{Src(n)}': {e.Message}", n.Start + 1, Src(n), "", "");
        }
        catch (MatrixLimitException e) when (e.Column == 0)
        {
            throw new MatrixLimitException($"expression nested deeper than {Node.MaxDepth} levels", n.Start + 1);
        }
    }

    /// <summary>A scalar added to a vector or matrix stands for scalar*ones(shape).</summary>
    private static (Node, Node) Broadcast(Node a, Node b) =>
        a.IsScalar && !b.IsScalar ? (Build.Mul(a, Build.Ones(b.Shape)), b)
        : b.IsScalar && !a.IsScalar ? (a, Build.Mul(b, Build.Ones(a.Shape)))
        : (a, b);

    private Node BuildInner(SyntaxNode n, Func<int, Dim> names)
    {
        Node Kid(int i) => BuildNode(n.Kids[i], names);
        switch (n.Op)
        {
            case "num": return Build.Num(n.Number);
            case "id":
            {
                var (r, c, sym) = _vars[n.Text];
                return Build.Var(n.Text, new Shape(names(r), names(c)), sym);
            }
            case "neg": return Build.Neg(Kid(0));
            case "'": return Build.Transpose(Kid(0));
            case "+": { var (a, b) = Broadcast(Kid(0), Kid(1)); return Build.Add(a, b); }
            case "-": { var (a, b) = Broadcast(Kid(0), Kid(1)); return Build.Sub(a, b); }
            case "*": return Build.Mul(Kid(0), Kid(1));
            case "/": return Build.Div(Kid(0), Kid(1));
            case ".*": return Build.Hadamard(Kid(0), Kid(1));
            case "./": return Build.ElemDiv(Kid(0), Kid(1));
            case ".^": return Build.ElemPow(Kid(0), Kid(1));
            case "kron": return Build.Kron(Kid(0), Kid(1));
            case "^":
            {
                var b = Kid(0);
                if (b.IsScalar) return Build.Pow(b, Kid(1));
                return Build.MatPow(b, IntegerLiteral(n.Kids[1])!.Value);
            }
            case "call":
            {
                var k = n.Kids;
                Dim D(int i) => names(DimArg(n, k[i]));
                switch (n.Text)
                {
                    case "eye": return Build.Eye(D(0));
                    case "ones": return Build.Ones(new Shape(D(0), k.Length == 2 ? D(1) : Dim.One));
                    case "zeros": return Build.Zeros(new Shape(D(0), k.Length == 2 ? D(1) : Dim.One));
                    case "vector": return Build.VectorLit([.. k.Select((_, i) => Kid(i))]);
                    case "matrix": return Build.MatrixLit(n.Rows, k.Length / n.Rows, [.. k.Select((_, i) => Kid(i))]);
                    case "kron": return Build.Kron(Kid(0), Kid(1));
                    case "commutation": return Build.Commutation(D(0), D(1));
                    case "tr": return Build.Trace(Kid(0));
                    case "det": return Build.Det(Kid(0));
                    case "logdet": return Build.LogDet(Kid(0));
                    case "inv": return Build.Inv(Kid(0));
                    case "norm1": return Build.Norm1(Kid(0));
                    case "norm2": return Build.Norm2(Kid(0));
                    case "sum": return Build.SumAll(Kid(0));
                    case "diag": return Build.Diag(Kid(0));
                    default: return Build.Func(n.Text, Kid(0));
                }
            }
        }
        throw new InvalidOperationException(n.Op);
    }
}
