using MathNet.Numerics.LinearAlgebra;

namespace Nabla.MatrixCalculus;

/// <summary>
/// Verifies a derivative numerically: draws random instances (random sizes 2-4 for every symbolic
/// dimension; square matrices made invertible by a diagonal shift where the expression inverts
/// them; positive entries where logarithms or roots need them; symmetric where declared), parses
/// the printed derivative back, and compares it with central finite differences refined by
/// repeated Richardson extrapolation (Ridders) and with the AutoDiff layer's Jacobian (and Hessian) of
/// the same expression evaluated over IScalar&lt;T&gt;. The error is max|D - R| / max(|R|∞, |D|∞, 1e-6).
/// </summary>
public static class MatrixNumericCheck
{
    private static readonly MatrixBuilder<double> M = Matrix<double>.Build;

    public static MatrixCheck Run(MatrixDerivative d, int instances = 3, int seed = 12345)
    {
        try
        {
            double fd = 0, ad = 0;
            for (int s = 0; s < instances; s++)
            {
                var (f, a) = RunOne(d, new Random(seed + 7919 * s));
                (fd, ad) = (Math.Max(fd, f), Math.Max(ad, a));
            }
            return new MatrixCheck(Math.Max(fd, ad), instances) { FiniteDifferenceError = fd, AutoDiffError = ad };
        }
        catch (Exception e) when (e is NablaInputException or ArgumentException or InvalidOperationException)
        {
            return new MatrixCheck(double.NaN, instances, e.Message);
        }
    }

    /// <summary>Random values for every variable of the expression, respecting its conditions.</summary>
    public static (Dictionary<string, Matrix<double>> Values, Dictionary<string, int> Dims) Instance(MatrixExpression expr, Random rng)
    {
        var root = expr.Root;
        var all = AllNodes(root);
        bool positive = all.Any(n => n.Kind == NodeKind.Func && n.Name is "log" or "sqrt"
            || n.Kind == NodeKind.Pow && !(n[1].Kind == NodeKind.Number && n[1].Value == Math.Floor(n[1].Value))
            || n.Kind == NodeKind.ElemPow && !(n[1].Kind == NodeKind.Number && n[1].Value == Math.Floor(n[1].Value)));
        bool invert = all.Any(n => n.Kind is NodeKind.Inv or NodeKind.Det or NodeKind.LogDet || n.Kind == NodeKind.MatPow && n.Value < 0);
        var dims = new Dictionary<string, int>();
        foreach (var n in all)
            foreach (var dim in new[] { n.Shape.Rows, n.Shape.Cols })
                foreach (var part in dim.Name.Split('·')) // the factors of a kron product dimension n·m
                    if (!new Dim(part).IsFixed && !dims.ContainsKey(part))
                        dims[part] = rng.Next(2, 5);
        int Size(Dim dim) => dim.Size(name => dims[name]);
        var values = new Dictionary<string, Matrix<double>>();
        foreach (var v in root.Variables())
        {
            int r = Size(v.Shape.Rows), c = Size(v.Shape.Cols);
            var m = M.Dense(r, c, (_, _) => positive ? 0.5 + rng.NextDouble() : 2 * rng.NextDouble() - 1);
            if (v.Symmetric) m = (m + m.Transpose()) / 2;
            if (invert && r == c && r > 1) m += M.DenseIdentity(r) * r;
            values[v.Name] = m;
        }
        return (values, dims);
    }

    private static List<Node> AllNodes(Node root)
    {
        var seen = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var list = new List<Node>();
        var stack = new Stack<Node>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (!seen.Add(n)) continue;
            list.Add(n);
            foreach (var c in n.Children) stack.Push(c);
        }
        return list;
    }

    private static (double Fd, double Ad) RunOne(MatrixDerivative d, Random rng)
    {
        var expr = d.Expression;
        Dictionary<string, Matrix<double>> values = [];
        Dictionary<string, int> dims = [];
        for (int attempt = 0; ; attempt++)
        {
            (values, dims) = Instance(expr, rng);
            var f0 = new MatrixEvaluator(values, dims).Evaluate(expr.Root);
            if (f0.Enumerate().All(double.IsFinite)) break;
            if (attempt > 20) throw new InvalidOperationException("no random instance where the expression is finite");
        }
        var x = d.Variable;
        var f0v = new MatrixEvaluator(values, dims).Evaluate(expr.Root);
        var fd = FiniteDifferences(expr.Root, x.Name, values, dims);
        var ad = MatrixAutoDiff.Tensor(expr.Root, x.Name, values, dims, f0v.RowCount, f0v.ColumnCount);
        var (I, J, U, V) = d.Indices;
        Func<double[,,,], double> compare;
        if (d.Matrix is not null)
        {
            var dm = new MatrixEvaluator(values, dims).Evaluate(ParseBack(d.Matrix.Key, expr));
            var (row, col) = d.Roles;
            compare = t => Relative(dm, M.Dense(dm.RowCount, dm.ColumnCount, (r, c) =>
            {
                var at = new Dictionary<int, int>();
                if (row is int rr) at[rr] = r;
                if (col is int cc) at[cc] = c;
                return t[Get(at, I), Get(at, J), Get(at, U), Get(at, V)];
            }));
        }
        else if (d.VecForm is not null)
        {
            var km = new MatrixEvaluator(values, dims).Evaluate(ParseBack(d.VecForm.Key, expr));
            compare = t => Relative(km, VecMatrix(t));
        }
        else
        {
            var ev = new MatrixEvaluator(values, dims);
            compare = t => IndexTensor.Evaluate(d.GradientTerms, d.Space, ev, [I, J, U, V], t);
        }
        double worstFd = compare(fd), worstAd = compare(ad);
        if (d.DenominatorGradient is not null && d.Hessian is not null)
        {
            var g = ParseBack(d.DenominatorGradient.Key, expr);
            var fd2 = FiniteDifferences(g, x.Name, values, dims);
            var ad2 = MatrixAutoDiff.Hessian(expr.Root, x.Name, values, dims);
            var h = new MatrixEvaluator(values, dims).Evaluate(ParseBack(d.Hessian.Key, expr));
            // fd2[i,j,u,v] = ∂G_ij/∂x_uv; ad2[i,j,u,v] = ∂²f/∂x_ij∂x_uv: the same tensor
            Matrix<double> Ref(double[,,,] t) => x.IsScalar ? M.Dense(1, 1, t[0, 0, 0, 0])
                : x.Shape.IsColumn ? M.Dense(t.GetLength(2), t.GetLength(0), (u, i) => t[i, 0, u, 0])
                : VecMatrix(t);
            worstFd = Math.Max(worstFd, Relative(h, Ref(fd2)));
            worstAd = Math.Max(worstAd, Relative(h, Ref(ad2)));
        }
        return (worstFd, worstAd);
    }

    private static int Get(Dictionary<int, int> at, int? idx) => idx is int k && at.TryGetValue(k, out var v) ? v : 0;

    /// <summary>∂vec(F)/∂vec(X) (column-major vec, numerator layout) from the tensor T[i,j,u,v].</summary>
    private static Matrix<double> VecMatrix(double[,,,] t)
    {
        int n = t.GetLength(0), m = t.GetLength(1), p = t.GetLength(2), q = t.GetLength(3);
        return M.Dense(n * m, p * q, (r, c) => t[r % n, r / n, c % p, c / p]);
    }

    /// <summary>Parses a printed result back with the expression's shapes: printed derivatives must parse.</summary>
    public static Node ParseBack(string text, MatrixExpression expr) => MatrixExpression.Parse(text, expr.DimsText).Root;

    public static double Relative(Matrix<double> a, Matrix<double> b)
    {
        if (a.RowCount != b.RowCount || a.ColumnCount != b.ColumnCount)
            throw new InvalidOperationException($"the derivative is {a.RowCount}×{a.ColumnCount} but finite differences give {b.RowCount}×{b.ColumnCount}");
        double diff = (a - b).Enumerate().Max(Math.Abs);
        double scale = Math.Max(1e-6, Math.Max(a.Enumerate().Max(Math.Abs), b.Enumerate().Max(Math.Abs)));
        return diff / scale;
    }

    /// <summary>T[i,j,u,v] = ∂f_ij/∂x_uv by central differences with one Richardson step.</summary>
    public static double[,,,] FiniteDifferences(Node f, string x, Dictionary<string, Matrix<double>> values, Dictionary<string, int> dims)
    {
        var x0 = values[x];
        Matrix<double> At(int u, int v, double h)
        {
            var copy = new Dictionary<string, Matrix<double>>(values);
            var xh = x0.Clone();
            xh[u, v] += h;
            copy[x] = xh;
            return new MatrixEvaluator(copy, dims).Evaluate(f);
        }
        var f0 = new MatrixEvaluator(values, dims).Evaluate(f);
        int rows = f0.RowCount, cols = f0.ColumnCount;
        var t = new double[rows, cols, x0.RowCount, x0.ColumnCount];
        // Ridders' extrapolation: central differences for steps h0/1.4^i, each refined by a Neville
        // tableau; per entry the estimate whose neighbours in the tableau agree best is kept. One
        // fixed step (h = 1e-3 with one Richardson step) was 4e-5 off for a rapidly oscillating
        // sin(...), where this reaches 1e-10.
        const int Levels = 10;
        const double Shrink = 1.4;
        var tableau = new Matrix<double>[Levels, Levels];
        for (int u = 0; u < x0.RowCount; u++)
            for (int v = 0; v < x0.ColumnCount; v++)
            {
                var best = new double[rows, cols];
                var error = new double[rows, cols];
                for (int i = 0; i < rows; i++)
                    for (int j = 0; j < cols; j++) error[i, j] = double.PositiveInfinity;
                double h = 0.02 * Math.Max(1, Math.Abs(x0[u, v]));
                for (int level = 0; level < Levels; level++, h /= Shrink)
                {
                    tableau[0, level] = (At(u, v, h) - At(u, v, -h)) / (2 * h);
                    double factor = Shrink * Shrink;
                    for (int k = 1; k <= level; k++, factor *= Shrink * Shrink)
                    {
                        tableau[k, level] = (tableau[k - 1, level] * factor - tableau[k - 1, level - 1]) / (factor - 1);
                        for (int i = 0; i < rows; i++)
                            for (int j = 0; j < cols; j++)
                            {
                                double e = Math.Max(Math.Abs(tableau[k, level][i, j] - tableau[k - 1, level][i, j]),
                                    Math.Abs(tableau[k, level][i, j] - tableau[k - 1, level - 1][i, j]));
                                if (e <= error[i, j]) { error[i, j] = e; best[i, j] = tableau[k, level][i, j]; }
                            }
                    }
                }
                for (int i = 0; i < rows; i++)
                    for (int j = 0; j < cols; j++)
                        t[i, j, u, v] = double.IsPositiveInfinity(error[i, j]) ? double.NaN : best[i, j];
            }
        return t;
    }
}
