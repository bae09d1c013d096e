using Nabla.Intervals;
using Nabla.Symbolic;

namespace Nabla.Analysis;

/// <summary>
/// Evaluates several expressions at once over a box, in interval arithmetic, with a sound
/// treatment of if(): conditions are three-valued (certainly true, certainly false, or
/// undecided over the box); an undecided condition yields the hull of both branches, flagged as
/// possibly discontinuous. (<see cref="Expr.Evaluate{T}"/> compares midpoints, which is right for
/// AD numbers but not a proof over a box.) Rational constants that are not doubles (1/3, 0.1) and
/// π, e are enclosed, not rounded. Shared subexpressions are evaluated once. Not thread-safe.
/// </summary>
public sealed class IntervalEvaluator
{
    private enum Truth : byte { False, True, Unknown }

    private readonly Expr[] _nodes;
    private readonly int[][] _children;
    private readonly int[] _slots;
    private readonly int[] _roots;
    private readonly Interval[] _constants;
    private readonly Interval[] _values;
    private readonly Truth[] _truth;

    public IntervalEvaluator(IReadOnlyList<Expr> roots, IReadOnlyList<string> variables)
    {
        var order = Traversal.PostOrder(roots, null);
        _nodes = order.ToArray();
        var index = new Dictionary<Expr, int>(_nodes.Length);
        for (int i = 0; i < _nodes.Length; i++) index[_nodes[i]] = i;
        _children = new int[_nodes.Length][];
        _slots = new int[_nodes.Length];
        _constants = new Interval[_nodes.Length];
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < variables.Count; k++) position.TryAdd(variables[k], k);
        for (int i = 0; i < _nodes.Length; i++)
        {
            var n = _nodes[i];
            _children[i] = n.Arguments.Select(a => index[a]).ToArray();
            switch (n.Kind)
            {
                case ExprKind.Variable:
                    if (!position.TryGetValue(n.Name, out _slots[i]))
                        throw new NablaInputException($"no value given for variable '{n.Name}'");
                    break;
                case ExprKind.Number: _constants[i] = Enclose(n.Value); break;
                case ExprKind.Float: _constants[i] = Interval.Point(n.FloatValue); break;
                case ExprKind.Constant:
                    _constants[i] = n.Name == "pi" ? Interval.Pi : new Interval(Math.BitDecrement(Math.E), Math.BitIncrement(Math.E));
                    break;
            }
        }
        _roots = roots.Select(r => index[r]).ToArray();
        _values = new Interval[_nodes.Length];
        _truth = new Truth[_nodes.Length];
        Dimension = variables.Count;
    }

    public int Dimension { get; }
    public int OutputCount => _roots.Length;

    /// <summary>An interval containing the rational exactly (a point when it is a double).</summary>
    public static Interval Enclose(Rational r)
    {
        double d = r.ToDouble();
        if (double.IsFinite(d) && Rational.FromDouble(d).Equals(r)) return Interval.Point(d);
        if (double.IsInfinity(d)) return d > 0 ? new Interval(double.MaxValue, double.PositiveInfinity) : new Interval(double.NegativeInfinity, -double.MaxValue);
        return new Interval(Math.BitDecrement(Math.BitDecrement(d)), Math.BitIncrement(Math.BitIncrement(d)));
    }

    /// <summary>Evaluates every root over the box <paramref name="x"/> (one interval per variable).</summary>
    public void Evaluate(ReadOnlySpan<Interval> x, Span<Interval> outputs)
    {
        var v = _values;
        for (int i = 0; i < _nodes.Length; i++)
        {
            var n = _nodes[i];
            var c = _children[i];
            switch (n.Kind)
            {
                case ExprKind.Number:
                case ExprKind.Float:
                case ExprKind.Constant:
                    v[i] = _constants[i];
                    break;
                case ExprKind.Variable:
                    v[i] = x[_slots[i]];
                    break;
                case ExprKind.Sum:
                {
                    var s = v[c[0]];
                    for (int k = 1; k < c.Length; k++) s += v[c[k]];
                    v[i] = s;
                    break;
                }
                case ExprKind.Product:
                {
                    var s = v[c[0]];
                    for (int k = 1; k < c.Length; k++) s *= v[c[k]];
                    v[i] = s;
                    break;
                }
                case ExprKind.Power:
                {
                    var e = n.Arguments[1];
                    v[i] = e.IsNumber && e.Value.IsInteger && System.Numerics.BigInteger.Abs(e.Value.Numerator) < int.MaxValue
                        ? Interval.Pow(v[c[0]], (int)e.Value.Numerator)
                        : PowReal(v[c[0]], v[c[1]]);
                    break;
                }
                case ExprKind.Call:
                    v[i] = n.Function.Apply(v[c[0]], c.Length > 1 ? v[c[1]] : v[c[0]]);
                    break;
                case ExprKind.If:
                    v[i] = _truth[c[0]] switch
                    {
                        Truth.True => v[c[1]],
                        Truth.False => v[c[2]],
                        _ => Interval.Hull(v[c[1]], v[c[2]]).MarkDiscontinuous(),
                    };
                    break;
                case ExprKind.Compare:
                    _truth[i] = Compare(n.Comparison, v[c[0]], v[c[1]]);
                    break;
                case ExprKind.And:
                    _truth[i] = (_truth[c[0]], _truth[c[1]]) switch
                    {
                        (Truth.False, _) or (_, Truth.False) => Truth.False,
                        (Truth.True, Truth.True) => Truth.True,
                        _ => Truth.Unknown,
                    };
                    break;
                case ExprKind.Or:
                    _truth[i] = (_truth[c[0]], _truth[c[1]]) switch
                    {
                        (Truth.True, _) or (_, Truth.True) => Truth.True,
                        (Truth.False, Truth.False) => Truth.False,
                        _ => Truth.Unknown,
                    };
                    break;
                case ExprKind.Not:
                    _truth[i] = _truth[c[0]] switch { Truth.True => Truth.False, Truth.False => Truth.True, _ => Truth.Unknown };
                    break;
                case ExprKind.Boolean:
                    _truth[i] = n.BooleanValue ? Truth.True : Truth.False;
                    break;
                default:
                    throw new InvalidOperationException(n.Kind.ToString());
            }
            if (n.IsCondition)
                v[i] = _truth[i] switch { Truth.True => Interval.One, Truth.False => Interval.Zero, _ => new Interval(0, 1).MarkDiscontinuous() };
        }
        for (int r = 0; r < _roots.Length; r++) outputs[r] = v[_roots[r]];
    }

    /// <summary>Evaluates at a point (degenerate intervals): a rigorous enclosure of the exact value.</summary>
    public Interval[] EvaluateAt(ReadOnlySpan<double> point)
    {
        var x = new Interval[point.Length];
        for (int i = 0; i < x.Length; i++) x[i] = Interval.Point(point[i]);
        var result = new Interval[OutputCount];
        Evaluate(x, result);
        return result;
    }

    // 0^y is undefined for y ≤ 0 in Nabla's double semantics (Ops.Pow); the interval Pow already
    // flags bases reaching 0 with exponents reaching 0 or below.
    private static Interval PowReal(Interval x, Interval y) => Interval.Pow(x, y);

    private static Truth Compare(CompareOp op, Interval a, Interval b)
    {
        if (a.IsEmpty || b.IsEmpty) return Truth.Unknown;
        switch (op)
        {
            case CompareOp.Less: return a.Hi < b.Lo ? Truth.True : a.Lo >= b.Hi ? Truth.False : Truth.Unknown;
            case CompareOp.LessEqual: return a.Hi <= b.Lo ? Truth.True : a.Lo > b.Hi ? Truth.False : Truth.Unknown;
            case CompareOp.Greater: return Compare(CompareOp.Less, b, a);
            case CompareOp.GreaterEqual: return Compare(CompareOp.LessEqual, b, a);
            case CompareOp.Equal:
                if (a.IsPoint && b.IsPoint && a.Lo == b.Lo) return Truth.True;
                return a.Hi < b.Lo || b.Hi < a.Lo ? Truth.False : Truth.Unknown;
            default:
                var eq = Compare(CompareOp.Equal, a, b);
                return eq switch { Truth.True => Truth.False, Truth.False => Truth.True, _ => Truth.Unknown };
        }
    }
}
