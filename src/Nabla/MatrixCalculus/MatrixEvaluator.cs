using MathNet.Numerics.LinearAlgebra;

namespace Nabla.MatrixCalculus;

/// <summary>
/// Evaluates expressions on MathNet.Numerics matrices (vectors are n×1, scalars 1×1). Each
/// distinct subexpression is computed once per call. <c>logdet(X)</c> is log|det X|.
/// </summary>
public sealed class MatrixEvaluator
{
    private readonly IReadOnlyDictionary<string, Matrix<double>> _values;
    private readonly Dictionary<string, int> _dims = [];
    private readonly Dictionary<Node, Matrix<double>> _cache = new(ReferenceEqualityComparer.Instance);

    public MatrixEvaluator(IReadOnlyDictionary<string, Matrix<double>> values, IReadOnlyDictionary<string, int>? dims = null)
    {
        _values = values;
        if (dims is not null) foreach (var kv in dims) _dims[kv.Key] = kv.Value;
    }

    /// <summary>Binds the symbolic dimensions of the expression's variables to the sizes of the given values; throws on a mismatch.</summary>
    public static MatrixEvaluator For(Node expression, IReadOnlyDictionary<string, Matrix<double>> values)
    {
        var ev = new MatrixEvaluator(values);
        foreach (var v in expression.Variables())
        {
            if (!values.TryGetValue(v.Name, out var m))
                throw new NablaInputException($"no value given for '{v.Name}' ({v.Shape})");
            ev.Bind(v.Name, v.Shape.Rows, m.RowCount);
            ev.Bind(v.Name, v.Shape.Cols, m.ColumnCount);
        }
        return ev;
    }

    public IReadOnlyDictionary<string, int> Dims => _dims;

    private void Bind(string name, Dim d, int size)
    {
        if (d.IsFixed)
        {
            if (int.Parse(d.Name, System.Globalization.CultureInfo.InvariantCulture) != size)
                throw new NablaInputException($"'{name}' has a dimension of size {size} where {d.Name} is required");
            return;
        }
        if (_dims.TryGetValue(d.Name, out var s) && s != size)
            throw new NablaInputException($"'{name}' gives dimension {d.Name} = {size}, but another value gave {d.Name} = {s}");
        _dims[d.Name] = size;
    }

    public int Size(Dim d) => d.Size(name => _dims.TryGetValue(name, out var s) ? s
        : throw new NablaInputException($"the size of dimension {name} is not known from the values"));

    private static readonly MatrixBuilder<double> M = Matrix<double>.Build;
    private static Matrix<double> S(double v) => M.Dense(1, 1, v);

    public double Scalar(Node n) => Evaluate(n)[0, 0];

    public Matrix<double> Evaluate(Node n)
    {
        if (_cache.TryGetValue(n, out var hit)) return hit;
        var r = Compute(n);
        _cache[n] = r;
        return r;
    }

    private Matrix<double> Compute(Node n)
    {
        switch (n.Kind)
        {
            case NodeKind.Var:
                if (!_values.TryGetValue(n.Name, out var v)) throw new NablaInputException($"no value given for '{n.Name}'");
                return v;
            case NodeKind.Differential:
                return _values.TryGetValue("d" + n.Name, out var dv) ? dv : throw new NablaInputException($"no value given for 'd{n.Name}'");
        }
        var kids = new Matrix<double>[n.Children.Length];
        for (int i = 0; i < kids.Length; i++) kids[i] = Evaluate(n[i]);
        return Apply(n, kids, Size);
    }

    /// <summary>The value of an operation node from the values of its children (shared with <see cref="MatrixCompiler"/>).</summary>
    internal static Matrix<double> Apply(Node n, Matrix<double>[] k, Func<Dim, int> size)
    {
        switch (n.Kind)
        {
            case NodeKind.Number: return S(n.Value);
            case NodeKind.Eye: return M.DenseIdentity(size(n.Shape.Rows));
            case NodeKind.Commutation:
            {
                var nm = n.Name.Split(',');
                int rows = size(new Dim(nm[0])), cols = size(new Dim(nm[1]));
                var k0 = M.Dense(rows * cols, rows * cols);
                for (int i = 0; i < rows; i++)
                    for (int j = 0; j < cols; j++) k0[j + cols * i, i + rows * j] = 1;
                return k0;
            }
            case NodeKind.Ones: return M.Dense(size(n.Shape.Rows), size(n.Shape.Cols), 1.0);
            case NodeKind.Zeros: return M.Dense(size(n.Shape.Rows), size(n.Shape.Cols));
            case NodeKind.Add:
            {
                var s = k[0];
                for (int i = 1; i < k.Length; i++) s = s + k[i];
                return s;
            }
            case NodeKind.Mul:
                if (n[0].IsScalar) return k[1] * k[0][0, 0];
                if (n[1].IsScalar) return k[0] * k[1][0, 0];
                return k[0] * k[1];
            case NodeKind.Div: return k[0] / k[1][0, 0];
            case NodeKind.Pow: return S(Math.Pow(k[0][0, 0], k[1][0, 0]));
            case NodeKind.MatPow:
            {
                var r = M.DenseIdentity(k[0].RowCount);
                for (int i = 0; i < (int)n.Value; i++) r = r * k[0];
                return r;
            }
            case NodeKind.Transpose: return k[0].Transpose();
            case NodeKind.Hadamard: return Broadcast(k[0], k[1], (x, y) => x * y);
            case NodeKind.ElemDiv: return Broadcast(k[0], k[1], (x, y) => x / y);
            case NodeKind.ElemPow: return Broadcast(k[0], k[1], Math.Pow);
            case NodeKind.Kron: return k[0].KroneckerProduct(k[1]);
            case NodeKind.Func: { var name = n.Name; return k[0].Map(x => ElementwiseFunctions.Apply(name, x), MathNet.Numerics.LinearAlgebra.Zeros.Include); }
            case NodeKind.Trace: return S(k[0].Trace());
            case NodeKind.Det: return S(k[0].Determinant());
            case NodeKind.LogDet:
            {
                var lu = k[0].LU();
                double s = 0;
                for (int i = 0; i < lu.U.RowCount; i++) s += Math.Log(Math.Abs(lu.U[i, i]));
                return S(s);
            }
            case NodeKind.Inv: return k[0].Inverse();
            case NodeKind.Norm1: return S(k[0].Enumerate().Sum(Math.Abs));
            case NodeKind.Norm2: return S(k[0].FrobeniusNorm());
            case NodeKind.Sum: return S(k[0].Enumerate().Sum());
            case NodeKind.DiagMatrix: return M.DenseOfDiagonalVector(k[0].Column(0));
            case NodeKind.DiagVector: return k[0].Diagonal().ToColumnMatrix();
            case NodeKind.VectorLit: return M.Dense(k.Length, 1, (i, _) => k[i][0, 0]);
            case NodeKind.MatrixLit:
            {
                int rows = (int)n.Value, cols = k.Length / rows;
                return M.Dense(rows, cols, (i, j) => k[i * cols + j][0, 0]);
            }
        }
        throw new InvalidOperationException(n.Kind.ToString());
    }

    private static Matrix<double> Broadcast(Matrix<double> a, Matrix<double> b, Func<double, double, double> f)
    {
        if (a.RowCount == 1 && a.ColumnCount == 1 && (b.RowCount > 1 || b.ColumnCount > 1)) { var s = a[0, 0]; return b.Map(y => f(s, y), MathNet.Numerics.LinearAlgebra.Zeros.Include); }
        if (b.RowCount == 1 && b.ColumnCount == 1 && (a.RowCount > 1 || a.ColumnCount > 1)) { var s = b[0, 0]; return a.Map(x => f(x, s), MathNet.Numerics.LinearAlgebra.Zeros.Include); }
        return a.Map2(f, b, MathNet.Numerics.LinearAlgebra.Zeros.Include);
    }
}
