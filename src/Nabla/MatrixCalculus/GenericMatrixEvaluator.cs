namespace Nabla.MatrixCalculus;

/// <summary>A dense row-major matrix of any scalar type (vectors n×1, scalars 1×1).</summary>
public readonly record struct ScalarMatrix<T>(int Rows, int Cols, T[] Data) where T : IScalar<T>
{
    public T this[int i, int j] { get => Data[i * Cols + j]; set => Data[i * Cols + j] = value; }
    public static ScalarMatrix<T> Create(int rows, int cols) => new(rows, cols, new T[rows * cols]);
    public static ScalarMatrix<T> Filled(int rows, int cols, T v) { var m = Create(rows, cols); Array.Fill(m.Data, v); return m; }
    public static ScalarMatrix<T> Identity(int n) { var m = Filled(n, n, T.Zero); for (int i = 0; i < n; i++) m[i, i] = T.One; return m; }
    public bool IsScalar => Rows == 1 && Cols == 1;
}

/// <summary>
/// Evaluates an expression over any <see cref="IScalar{T}"/> (dual numbers, the reverse tape,
/// intervals...), so that the AutoDiff layer can differentiate it and the check can compare
/// Nabla's symbolic derivative with automatic differentiation. det and inv use LU with partial
/// pivoting (pivots chosen on primal values); logdet is log|det|.
/// </summary>
public sealed class GenericMatrixEvaluator<T> where T : IScalar<T>
{
    private readonly Func<string, ScalarMatrix<T>> _values;
    private readonly Func<Dim, int> _size;
    private readonly Dictionary<Node, ScalarMatrix<T>> _cache = new(ReferenceEqualityComparer.Instance);

    public GenericMatrixEvaluator(Func<string, ScalarMatrix<T>> values, Func<Dim, int> size) { _values = values; _size = size; }

    public ScalarMatrix<T> Evaluate(Node n)
    {
        if (_cache.TryGetValue(n, out var hit)) return hit;
        var r = Compute(n);
        _cache[n] = r;
        return r;
    }

    private static ScalarMatrix<T> Map(ScalarMatrix<T> a, Func<T, T> f)
    {
        var r = ScalarMatrix<T>.Create(a.Rows, a.Cols);
        for (int i = 0; i < a.Data.Length; i++) r.Data[i] = f(a.Data[i]);
        return r;
    }

    private static ScalarMatrix<T> Zip(ScalarMatrix<T> a, ScalarMatrix<T> b, Func<T, T, T> f)
    {
        if (a.IsScalar && !b.IsScalar) return Map(b, y => f(a.Data[0], y));
        if (b.IsScalar && !a.IsScalar) return Map(a, x => f(x, b.Data[0]));
        var r = ScalarMatrix<T>.Create(a.Rows, a.Cols);
        for (int i = 0; i < a.Data.Length; i++) r.Data[i] = f(a.Data[i], b.Data[i]);
        return r;
    }

    private static ScalarMatrix<T> Product(ScalarMatrix<T> a, ScalarMatrix<T> b)
    {
        var r = ScalarMatrix<T>.Create(a.Rows, b.Cols);
        for (int i = 0; i < a.Rows; i++)
            for (int j = 0; j < b.Cols; j++)
            {
                T s = T.Zero;
                for (int k = 0; k < a.Cols; k++) s += a[i, k] * b[k, j];
                r[i, j] = s;
            }
        return r;
    }

    private static ScalarMatrix<T> Transpose(ScalarMatrix<T> a)
    {
        var r = ScalarMatrix<T>.Create(a.Cols, a.Rows);
        for (int i = 0; i < a.Rows; i++)
            for (int j = 0; j < a.Cols; j++) r[j, i] = a[i, j];
        return r;
    }

    private static T Scalar(double v) => T.Constant(v);

    /// <summary>LU with partial pivoting: returns the factors in place, the permutation sign, or null if singular.</summary>
    private static (ScalarMatrix<T> Lu, int[] Perm, int Sign) Lu(ScalarMatrix<T> a)
    {
        int n = a.Rows;
        var lu = new ScalarMatrix<T>(n, n, (T[])a.Data.Clone());
        var perm = Enumerable.Range(0, n).ToArray();
        int sign = 1;
        for (int k = 0; k < n; k++)
        {
            int p = k;
            for (int i = k + 1; i < n; i++) if (Math.Abs(lu[i, k].Value) > Math.Abs(lu[p, k].Value)) p = i;
            if (p != k)
            {
                for (int j = 0; j < n; j++) (lu[k, j], lu[p, j]) = (lu[p, j], lu[k, j]);
                (perm[k], perm[p]) = (perm[p], perm[k]);
                sign = -sign;
            }
            for (int i = k + 1; i < n; i++)
            {
                var f = lu[i, k] / lu[k, k];
                lu[i, k] = f;
                for (int j = k + 1; j < n; j++) lu[i, j] -= f * lu[k, j];
            }
        }
        return (lu, perm, sign);
    }

    private static ScalarMatrix<T> Inverse(ScalarMatrix<T> a)
    {
        int n = a.Rows;
        var (lu, perm, _) = Lu(a);
        var r = ScalarMatrix<T>.Create(n, n);
        for (int c = 0; c < n; c++)
        {
            var y = new T[n];
            for (int i = 0; i < n; i++)
            {
                T s = perm[i] == c ? T.One : T.Zero;
                for (int k = 0; k < i; k++) s -= lu[i, k] * y[k];
                y[i] = s;
            }
            for (int i = n - 1; i >= 0; i--)
            {
                T s = y[i];
                for (int k = i + 1; k < n; k++) s -= lu[i, k] * r[k, c];
                r[i, c] = s / lu[i, i];
            }
        }
        return r;
    }

    private ScalarMatrix<T> Compute(Node n)
    {
        ScalarMatrix<T> A(int i) => Evaluate(n[i]);
        switch (n.Kind)
        {
            case NodeKind.Var: return _values(n.Name);
            case NodeKind.Number: return ScalarMatrix<T>.Filled(1, 1, Scalar(n.Value));
            case NodeKind.Eye: return ScalarMatrix<T>.Identity(_size(n.Shape.Rows));
            case NodeKind.Commutation:
            {
                var nm = n.Name.Split(',');
                int rows = _size(new Dim(nm[0])), cols = _size(new Dim(nm[1]));
                var k0 = ScalarMatrix<T>.Filled(rows * cols, rows * cols, T.Zero);
                for (int i = 0; i < rows; i++)
                    for (int j = 0; j < cols; j++) k0[j + cols * i, i + rows * j] = T.One;
                return k0;
            }
            case NodeKind.Ones: return ScalarMatrix<T>.Filled(_size(n.Shape.Rows), _size(n.Shape.Cols), T.One);
            case NodeKind.Zeros: return ScalarMatrix<T>.Filled(_size(n.Shape.Rows), _size(n.Shape.Cols), T.Zero);
            case NodeKind.Add:
            {
                var s = A(0);
                for (int i = 1; i < n.Children.Length; i++) s = Zip(s, A(i), (x, y) => x + y);
                return s;
            }
            case NodeKind.Mul:
                if (n[0].IsScalar) { var c = A(0).Data[0]; return Map(A(1), y => c * y); }
                if (n[1].IsScalar) { var c = A(1).Data[0]; return Map(A(0), x => x * c); }
                return Product(A(0), A(1));
            case NodeKind.Div: { var c = A(1).Data[0]; return Map(A(0), x => x / c); }
            case NodeKind.Pow: return ScalarMatrix<T>.Filled(1, 1, PowT(A(0).Data[0], n[1], A(1).Data[0]));
            case NodeKind.MatPow:
            {
                var x = A(0);
                var r = ScalarMatrix<T>.Identity(x.Rows);
                for (int i = 0; i < (int)n.Value; i++) r = Product(r, x);
                return r;
            }
            case NodeKind.Transpose: return Transpose(A(0));
            case NodeKind.Hadamard: return Zip(A(0), A(1), (x, y) => x * y);
            case NodeKind.ElemDiv: return Zip(A(0), A(1), (x, y) => x / y);
            case NodeKind.ElemPow: { var pn = n[1]; return Zip(A(0), A(1), (x, p) => PowT(x, pn, p)); }
            case NodeKind.Func: return Map(A(0), x => Func(n.Name, x));
            case NodeKind.Trace: { var a = A(0); T s = T.Zero; for (int i = 0; i < a.Rows; i++) s += a[i, i]; return ScalarMatrix<T>.Filled(1, 1, s); }
            case NodeKind.Det or NodeKind.LogDet:
            {
                var (lu, _, sign) = Lu(A(0));
                if (n.Kind == NodeKind.Det)
                {
                    T d = Scalar(sign);
                    for (int i = 0; i < lu.Rows; i++) d *= lu[i, i];
                    return ScalarMatrix<T>.Filled(1, 1, d);
                }
                T s = T.Zero;
                for (int i = 0; i < lu.Rows; i++) s += T.Log(T.Abs(lu[i, i]));
                return ScalarMatrix<T>.Filled(1, 1, s);
            }
            case NodeKind.Inv: return Inverse(A(0));
            case NodeKind.Norm1: { T s = T.Zero; foreach (var v in A(0).Data) s += T.Abs(v); return ScalarMatrix<T>.Filled(1, 1, s); }
            case NodeKind.Norm2: { T s = T.Zero; foreach (var v in A(0).Data) s += v * v; return ScalarMatrix<T>.Filled(1, 1, T.Sqrt(s)); }
            case NodeKind.Sum: { T s = T.Zero; foreach (var v in A(0).Data) s += v; return ScalarMatrix<T>.Filled(1, 1, s); }
            case NodeKind.DiagMatrix:
            {
                var v = A(0);
                var r = ScalarMatrix<T>.Filled(v.Rows, v.Rows, T.Zero);
                for (int i = 0; i < v.Rows; i++) r[i, i] = v.Data[i];
                return r;
            }
            case NodeKind.DiagVector:
            {
                var a = A(0);
                var r = ScalarMatrix<T>.Create(a.Rows, 1);
                for (int i = 0; i < a.Rows; i++) r.Data[i] = a[i, i];
                return r;
            }
            case NodeKind.Kron:
            {
                var (a, b) = (A(0), A(1));
                var r = ScalarMatrix<T>.Create(a.Rows * b.Rows, a.Cols * b.Cols);
                for (int i = 0; i < a.Rows; i++)
                    for (int j = 0; j < a.Cols; j++)
                        for (int k = 0; k < b.Rows; k++)
                            for (int l = 0; l < b.Cols; l++)
                                r[i * b.Rows + k, j * b.Cols + l] = a[i, j] * b[k, l];
                return r;
            }
            case NodeKind.VectorLit: return new ScalarMatrix<T>(n.Children.Length, 1, [.. n.Children.Select((_, i) => A(i).Data[0])]);
            case NodeKind.MatrixLit:
            {
                int rows = (int)n.Value;
                return new ScalarMatrix<T>(rows, n.Children.Length / rows, [.. n.Children.Select((_, i) => A(i).Data[0])]);
            }
        }
        throw new InvalidOperationException(n.Kind.ToString());
    }

    private static T PowT(T x, Node exponent, T p) =>
        exponent.Kind == NodeKind.Number && exponent.Value == Math.Floor(exponent.Value) && Math.Abs(exponent.Value) < 1000
            ? T.Pow(x, (int)exponent.Value) : T.Pow(x, p);

    private static T Func(string name, T x) => name switch
    {
        "exp" => T.Exp(x),
        "log" => T.Log(x),
        "sin" => T.Sin(x),
        "cos" => T.Cos(x),
        "tanh" => T.Tanh(x),
        "sqrt" => T.Sqrt(x),
        "abs" => T.Abs(x),
        "relu" => T.Relu(x),
        "sigmoid" => T.Sigmoid(x),
        "step" => T.Constant(x.Value > 0 ? 1 : 0),
        "sign" => T.Sign(x),
        "sech" => T.One / T.Cosh(x),
        _ => throw new InvalidOperationException(name),
    };
}
