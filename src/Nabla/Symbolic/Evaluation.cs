using System.Runtime.CompilerServices;

namespace Nabla.Symbolic;

/// <summary>
/// A linear evaluation plan of a DAG: its nodes in post-order with child indices, built once per
/// root and cached. Evaluation is then a loop, with no recursion and one slot per shared node.
/// </summary>
internal sealed class EvalPlan
{
    public readonly Expr[] Nodes;
    public readonly int[][] Children;
    public readonly string[] VariableNames;   // for Variable nodes, else null entries
    private static readonly ConditionalWeakTable<Expr, EvalPlan> cache = new();

    private EvalPlan(IReadOnlyList<Expr> roots)
    {
        var order = Traversal.PostOrder(roots, null);
        Nodes = order.ToArray();
        var index = new Dictionary<Expr, int>(Nodes.Length);
        for (int i = 0; i < Nodes.Length; i++) index[Nodes[i]] = i;
        Children = new int[Nodes.Length][];
        VariableNames = new string[Nodes.Length];
        for (int i = 0; i < Nodes.Length; i++)
        {
            var a = Nodes[i].args;
            var c = new int[a.Length];
            for (int k = 0; k < a.Length; k++) c[k] = index[a[k]];
            Children[i] = c;
            if (Nodes[i].Kind == ExprKind.Variable) VariableNames[i] = Nodes[i].Name;
        }
        RootIndex = roots.Select(r => index[r]).ToArray();
    }

    public readonly int[] RootIndex;

    public static EvalPlan For(Expr root) => cache.GetValue(root, static r => new EvalPlan([r]));
    public static EvalPlan For(IReadOnlyList<Expr> roots) => new(roots);

    private sealed record SlotCache(string[] Vars, int[] Slots);
    private SlotCache? lastSlots;   // repeated evaluation with the same variables (a reference: atomic to publish)

    /// <summary>Slot of each Variable node in the caller's variable list.</summary>
    public int[] VariableSlots(IReadOnlyList<string> variables)
    {
        if (Volatile.Read(ref lastSlots) is { } l && l.Vars.Length == variables.Count)
        {
            bool same = true;
            for (int i = 0; i < l.Vars.Length && same; i++) same = string.Equals(l.Vars[i], variables[i], StringComparison.Ordinal);
            if (same) return l.Slots;
        }
        var slots = ComputeSlots(variables);
        Volatile.Write(ref lastSlots, new SlotCache(variables.ToArray(), slots));
        return slots;
    }

    private int[] ComputeSlots(IReadOnlyList<string> variables)
    {
        var slots = new int[Nodes.Length];
        Dictionary<string, int>? pos = null;
        for (int i = 0; i < Nodes.Length; i++)
        {
            var name = VariableNames[i];
            if (name is null) continue;
            if (pos is null)
            {
                pos = new Dictionary<string, int>(StringComparer.Ordinal);
                for (int k = 0; k < variables.Count; k++) pos.TryAdd(variables[k], k);
            }
            if (!pos.TryGetValue(name, out slots[i]))
                throw new NablaInputException($"no value given for variable '{name}'");
        }
        return slots;
    }

    public void Run(ReadOnlySpan<double> x, int[] slots, double[] v)
    {
        var nodes = Nodes;
        for (int i = 0; i < nodes.Length; i++)
        {
            var n = nodes[i];
            var c = Children[i];
            double r;
            switch (n.Kind)
            {
                case ExprKind.Number: case ExprKind.Float: case ExprKind.Constant: r = n.number; break;
                case ExprKind.Variable: r = x[slots[i]]; break;
                case ExprKind.Sum: r = v[c[0]]; for (int k = 1; k < c.Length; k++) r += v[c[k]]; break;
                case ExprKind.Product: r = v[c[0]]; for (int k = 1; k < c.Length; k++) r *= v[c[k]]; break;
                case ExprKind.Power:
                    r = n.args[1].IsIntegerNumber && n.args[1].Value.Numerator.GetBitLength() < 31
                        ? Ops.PowInt(v[c[0]], (int)n.args[1].Value.Numerator) : Ops.Pow(v[c[0]], v[c[1]]);
                    break;
                case ExprKind.Call: r = n.Function.Evaluate(v[c[0]], c.Length > 1 ? v[c[1]] : 0); break;
                case ExprKind.If: r = LogicOps.Select(v[c[0]], v[c[1]], v[c[2]]); break;
                case ExprKind.Compare: r = LogicOps.Compare(v[c[0]], v[c[1]], (int)n.Comparison); break;
                case ExprKind.And: r = LogicOps.And(v[c[0]], v[c[1]]); break;
                case ExprKind.Or: r = LogicOps.Or(v[c[0]], v[c[1]]); break;
                case ExprKind.Not: r = LogicOps.Not(v[c[0]]); break;
                case ExprKind.Boolean: r = Ops.Bool(n.BooleanValue); break;
                default: throw new InvalidOperationException(n.Kind.ToString());
            }
            v[i] = r;
        }
    }

    private static bool Compare<T>(CompareOp op, T a, T b) where T : IScalar<T> => op switch
    {
        CompareOp.Less => a < b,
        CompareOp.LessEqual => a <= b,
        CompareOp.Greater => a > b,
        CompareOp.GreaterEqual => a >= b,
        CompareOp.Equal => a <= b && a >= b,
        _ => !(a <= b && a >= b),
    };

    public T Run<T>(ReadOnlySpan<T> x, int[] slots) where T : IScalar<T>
    {
        var nodes = Nodes;
        var v = new T[nodes.Length];
        var cond = new bool[nodes.Length];
        var undefined = new bool[nodes.Length];   // a condition on an undefined (NaN) value
        for (int i = 0; i < nodes.Length; i++)
        {
            var n = nodes[i];
            var c = Children[i];
            T r = T.Zero;
            switch (n.Kind)
            {
                case ExprKind.Number: case ExprKind.Float: case ExprKind.Constant: r = T.Constant(n.number); break;
                case ExprKind.Variable: r = x[slots[i]]; break;
                case ExprKind.Sum: r = v[c[0]]; for (int k = 1; k < c.Length; k++) r += v[c[k]]; break;
                case ExprKind.Product: r = v[c[0]]; for (int k = 1; k < c.Length; k++) r *= v[c[k]]; break;
                case ExprKind.Power:
                    r = n.args[1].IsIntegerNumber && n.args[1].Value.Numerator.GetBitLength() < 31
                        ? T.Pow(v[c[0]], (int)n.args[1].Value.Numerator) : T.Pow(v[c[0]], v[c[1]]);
                    break;
                case ExprKind.Call: r = n.Function.Apply(v[c[0]], c.Length > 1 ? v[c[1]] : v[c[0]]); break;
                case ExprKind.If: r = undefined[c[0]] ? T.Constant(double.NaN) : cond[c[0]] ? v[c[1]] : v[c[2]]; break;
                case ExprKind.Compare:
                    undefined[i] = double.IsNaN(v[c[0]].Value) || double.IsNaN(v[c[1]].Value);
                    cond[i] = Compare(n.Comparison, v[c[0]], v[c[1]]);
                    break;
                case ExprKind.And: undefined[i] = undefined[c[0]] || undefined[c[1]]; cond[i] = cond[c[0]] && cond[c[1]]; break;
                case ExprKind.Or: undefined[i] = undefined[c[0]] || undefined[c[1]]; cond[i] = cond[c[0]] || cond[c[1]]; break;
                case ExprKind.Not: undefined[i] = undefined[c[0]]; cond[i] = !cond[c[0]]; break;
                case ExprKind.Boolean: cond[i] = n.BooleanValue; break;
                default: throw new InvalidOperationException(n.Kind.ToString());
            }
            if (n.IsCondition) r = cond[i] ? T.One : T.Zero;
            v[i] = r;
        }
        return v[RootIndex[0]];
    }
}

public sealed partial class Expr
{
    /// <summary>The value at a point given by name. Undefined points give NaN; a missing variable is a <see cref="NablaInputException"/>.</summary>
    public double Evaluate(IReadOnlyDictionary<string, double> point)
    {
        var names = point.Keys.ToArray();
        var values = names.Select(k => point[k]).ToArray();
        return Evaluate(values, names);
    }

    /// <summary>The value at a point given as values of <paramref name="variables"/> (in that order).</summary>
    public double Evaluate(ReadOnlySpan<double> values, IReadOnlyList<string> variables)
    {
        if (values.Length < variables.Count)
            throw new NablaInputException($"{variables.Count} values expected, got {values.Length}");
        var plan = EvalPlan.For(this);
        var slots = plan.VariableSlots(variables);
        var v = new double[plan.Nodes.Length];
        plan.Run(values, slots, v);
        return v[^1];
    }

    /// <summary>The value at a point of variables in <see cref="Variables"/> order.</summary>
    public double Evaluate(params double[] values) => Evaluate(values, Variables);

    /// <summary>
    /// The value over any scalar type (dual, Taylor, tape, interval...): the bridge through which
    /// every AD mode and the interval type evaluate an expression. Conditions of if() compare primal values.
    /// </summary>
    public T Evaluate<T>(ReadOnlySpan<T> values, IReadOnlyList<string> variables) where T : IScalar<T>
    {
        if (values.Length < variables.Count)
            throw new NablaInputException($"{variables.Count} values expected, got {values.Length}");
        var plan = EvalPlan.For(this);
        return plan.Run(values, plan.VariableSlots(variables));
    }
}
