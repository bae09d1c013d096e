using MathNet.Numerics.LinearAlgebra;

namespace Nabla.MatrixCalculus;

/// <summary>
/// Compiles an expression to a delegate over MathNet.Numerics matrices: the DAG is flattened once
/// into a list of steps (each distinct subexpression once: common subexpressions are shared), and
/// a call runs the steps over a slot array. Vectors are n×1 matrices and scalars 1×1.
/// </summary>
public static class MatrixCompiler
{
    /// <summary>A delegate taking the values of <paramref name="parameters"/> in that order.</summary>
    public static Func<Matrix<double>[], Matrix<double>> Compile(Node expression, IReadOnlyList<string> parameters)
    {
        var order = new List<Node>();
        var slot = new Dictionary<string, int>();
        var stack = new Stack<(Node N, bool Expanded)>();
        stack.Push((expression, false));
        while (stack.Count > 0)
        {
            var (n, expanded) = stack.Pop();
            if (slot.ContainsKey(n.Key)) continue;
            if (expanded || n.Children.Length == 0) { slot[n.Key] = order.Count; order.Add(n); continue; }
            stack.Push((n, true));
            foreach (var c in n.Children) stack.Push((c, false));
        }
        var pindex = parameters.Select((p, i) => (p, i)).ToDictionary(t => t.p, t => t.i);
        int count = order.Count;
        var kinds = order.ToArray();
        var childSlots = order.Select(n => n.Children.Select(c => slot[c.Key]).ToArray()).ToArray();
        var paramOf = order.Select(n => n.Kind == NodeKind.Var
            ? pindex.TryGetValue(n.Name, out var k) ? k : throw new NablaInputException($"'{n.Name}' is not among the parameters ({string.Join(", ", parameters)})")
            : -1).ToArray();
        var vars = expression.Variables();
        return args =>
        {
            if (args.Length != parameters.Count) throw new NablaInputException($"expected {parameters.Count} arguments, got {args.Length}");
            var dims = new Dictionary<string, int>();
            foreach (var v in vars)
            {
                var a = args[pindex[v.Name]];
                dims[v.Shape.Rows.Name] = a.RowCount;
                dims[v.Shape.Cols.Name] = a.ColumnCount;
            }
            int Size(Dim d) => d.Size(name => dims.TryGetValue(name, out var s) ? s
                : throw new NablaInputException($"the size of dimension {name} is not known from the arguments"));
            var slots = new Matrix<double>[count];
            for (int i = 0; i < count; i++)
            {
                if (paramOf[i] >= 0) { slots[i] = args[paramOf[i]]; continue; }
                var cs = childSlots[i];
                var kids = new Matrix<double>[cs.Length];
                for (int c = 0; c < cs.Length; c++) kids[c] = slots[cs[c]];
                slots[i] = MatrixEvaluator.Apply(kinds[i], kids, Size);
            }
            return slots[count - 1];
        };
    }
}

/// <summary>
/// A scalar objective of one vector variable with the other symbols fixed, e.g. least squares
/// <c>norm2(y - A*w)^2</c> in w with data A, y: value and gradient compiled from Nabla's symbolic
/// gradient, ready to serve as an optimizer's objective.
/// </summary>
public sealed class MatrixObjective
{
    private readonly Func<Matrix<double>[], Matrix<double>> _f, _g;
    private readonly Matrix<double>[] _args;
    private readonly int _slot;

    public MatrixDerivative Derivative { get; }
    public int Dimension { get; }

    public MatrixObjective(string expression, string wrt, IReadOnlyDictionary<string, Matrix<double>> constants, string? dims = null)
    {
        Derivative = MatrixDifferentiation.Differentiate(expression, wrt, new MatrixDiffOptions { Dims = dims });
        var f = Derivative.Expression.Root;
        if (!f.IsScalar) throw new MatrixInputException($"'{expression}' is not scalar-valued", 0);
        if (!Derivative.Variable.Shape.IsColumn) throw new MatrixInputException($"'{wrt}' must be a vector for an objective", 0);
        var gradient = Derivative.Matrix ?? throw new MatrixUnsupportedException("the gradient has no matrix form");
        var names = f.Variables().Select(v => v.Name).ToList();
        _f = MatrixCompiler.Compile(f, names);
        _g = MatrixCompiler.Compile(gradient, names);
        _args = new Matrix<double>[names.Count];
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == wrt) { _slot = i; continue; }
            _args[i] = constants.TryGetValue(names[i], out var m) ? m : throw new NablaInputException($"no value given for '{names[i]}'");
        }
        int n = -1;
        foreach (var v in f.Variables())
            if (v.Name != wrt && constants.TryGetValue(v.Name, out var m))
            {
                if (v.Shape.Rows == Derivative.Variable.Shape.Rows) n = m.RowCount;
                else if (v.Shape.Cols == Derivative.Variable.Shape.Rows) n = m.ColumnCount;
            }
        Dimension = n;
    }

    public double Value(ReadOnlySpan<double> x)
    {
        _args[_slot] = Matrix<double>.Build.Dense(x.Length, 1, x.ToArray());
        return _f(_args)[0, 0];
    }

    /// <summary>f(x), and its gradient written into <paramref name="gradient"/>.</summary>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        _args[_slot] = Matrix<double>.Build.Dense(x.Length, 1, x.ToArray());
        var g = _g(_args);
        for (int i = 0; i < gradient.Length; i++) gradient[i] = g[i, 0];
        return _f(_args)[0, 0];
    }
}
