using MathNet.Numerics.LinearAlgebra;

using Nabla.AutoDiff;

namespace Nabla.MatrixCalculus;

/// <summary>
/// An expression as a function of the entries of one variable (row-major), written once over
/// <see cref="IScalar{T}"/> through <see cref="GenericMatrixEvaluator{T}"/>, so that the AutoDiff
/// layer can differentiate it: the independent check of Nabla's symbolic derivatives.
/// </summary>
internal readonly struct MatrixEntriesFunction(Node f, string x, int rows, int cols, int outputs,
    IReadOnlyDictionary<string, Matrix<double>> values, IReadOnlyDictionary<string, int> dims) : IVectorFunction, IScalarFunction
{
    public int OutputLength(int inputLength) => outputs;

    private ScalarMatrix<T> Eval<T>(ReadOnlySpan<T> input) where T : IScalar<T>
    {
        var xs = new ScalarMatrix<T>(rows, cols, input.ToArray());
        var (name, vals, ds) = (x, values, dims);
        var ev = new GenericMatrixEvaluator<T>(
            n => n == name ? xs : Constant<T>(vals[n]),
            d => d.Size(name => ds[name]));
        return ev.Evaluate(f);
    }

    private static ScalarMatrix<T> Constant<T>(Matrix<double> m) where T : IScalar<T>
    {
        var r = ScalarMatrix<T>.Create(m.RowCount, m.ColumnCount);
        for (int i = 0; i < m.RowCount; i++)
            for (int j = 0; j < m.ColumnCount; j++) r[i, j] = T.Constant(m[i, j]);
        return r;
    }

    public void Evaluate<T>(ReadOnlySpan<T> input, Span<T> y) where T : IScalar<T> => Eval(input).Data.AsSpan().CopyTo(y);

    public T Evaluate<T>(ReadOnlySpan<T> input) where T : IScalar<T> => Eval(input).Data[0];
}

internal static class MatrixAutoDiff
{
    /// <summary>T[i,j,u,v] = ∂f_ij/∂x_uv by the AutoDiff layer's Jacobian.</summary>
    public static double[,,,] Tensor(Node f, string x, Dictionary<string, Matrix<double>> values, Dictionary<string, int> dims, int fRows, int fCols)
    {
        var x0 = values[x];
        int p = x0.RowCount, q = x0.ColumnCount, nx = p * q, ny = fRows * fCols;
        var fn = new MatrixEntriesFunction(f, x, p, q, ny, values, dims);
        var input = new double[nx];
        for (int u = 0; u < p; u++) for (int v = 0; v < q; v++) input[u * q + v] = x0[u, v];
        var y = new double[ny];
        var jac = new double[ny * nx];
        Differentiate.Jacobian(fn, input, y, jac);
        var t = new double[fRows, fCols, p, q];
        for (int i = 0; i < fRows; i++)
            for (int j = 0; j < fCols; j++)
                for (int u = 0; u < p; u++)
                    for (int v = 0; v < q; v++)
                        t[i, j, u, v] = jac[(i * fCols + j) * nx + u * q + v];
        return t;
    }

    /// <summary>T[i,j,u,v] = ∂²f/∂x_ij∂x_uv of a scalar f by the AutoDiff layer's Hessian.</summary>
    public static double[,,,] Hessian(Node f, string x, Dictionary<string, Matrix<double>> values, Dictionary<string, int> dims)
    {
        var x0 = values[x];
        int p = x0.RowCount, q = x0.ColumnCount, nx = p * q;
        var fn = new MatrixEntriesFunction(f, x, p, q, 1, values, dims);
        var input = new double[nx];
        for (int u = 0; u < p; u++) for (int v = 0; v < q; v++) input[u * q + v] = x0[u, v];
        var h = new double[nx * nx];
        Differentiate.Hessian(fn, input, [], h);
        var t = new double[p, q, p, q];
        for (int a = 0; a < nx; a++)
            for (int b = 0; b < nx; b++)
                t[a / q, a % q, b / q, b % q] = h[a * nx + b];
        return t;
    }
}
