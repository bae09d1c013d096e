using System.Numerics;
using System.Runtime.CompilerServices;

namespace Nabla.Symbolic;

/// <summary>
/// An immutable, hash-consed expression DAG node. Structurally equal expressions are the same
/// object (see <see cref="InternTable"/>), so equality and hashing are reference operations, O(1),
/// and a derivative built from a DAG shares every subexpression it can.
/// Build expressions with <see cref="Parse"/>, the operators, and the static constructors
/// (<see cref="Add(Expr[])"/>, <see cref="Mul(Expr[])"/>, <see cref="Pow(Expr, Expr)"/>,
/// <see cref="Call(string, Expr[])"/>, <see cref="If"/>...); they canonicalize (see docs/symbolic.md).
/// Every algorithm over expressions is iterative, so a chain 100 000 deep is fine.
/// </summary>
public sealed partial class Expr : IEquatable<Expr>
{
    private static long nextId;

    internal readonly Expr[] args;
    internal readonly object? payload;
    /// <summary>Deterministic structural hash (same across runs): orders and tie-breaks canonically.</summary>
    internal readonly ulong shash;
    /// <summary>Numeric value of Number, Float and Constant nodes (NaN for the others).</summary>
    internal readonly double number;
    private readonly int hash;
    /// <summary>For a product with a numeric coefficient: the product of the other factors (cached).</summary>
    internal Expr? productRest;

    public ExprKind Kind { get; }
    /// <summary>Unique creation number of this node (stable for the life of the process).</summary>
    public long Id { get; }
    /// <summary>
    /// True when the expression is defined and finite for every real value of its variables
    /// (polynomials, sin, exp, abs...; not log, sqrt, division, tan...). Decides where 0*x = 0 is safe.
    /// </summary>
    public bool IsTotal { get; }
    /// <summary>Number of edges on the longest path to a leaf (0 for leaves).</summary>
    public int Height { get; }

    internal Expr(ExprKind kind, object? payload, Expr[] args, ulong shash, bool isTotal)
    {
        Kind = kind;
        this.payload = payload;
        this.args = args;
        this.shash = shash;
        IsTotal = isTotal;
        Id = Interlocked.Increment(ref nextId);
        hash = (int)(Id ^ (Id >> 32)) * -1640531535;
        int h = 0;
        foreach (var a in args) h = Math.Max(h, a.Height + 1);
        Height = h;
        number = kind switch
        {
            ExprKind.Number => ((Rational)payload!).ToDouble(),
            ExprKind.Float => (double)payload!,
            ExprKind.Constant => (string)payload! == "pi" ? Math.PI : Math.E,
            _ => double.NaN,
        };
    }

    /// <summary>Children: sum terms, product factors, [base, exponent], call arguments, [cond, then, else], [a, b].</summary>
    public IReadOnlyList<Expr> Arguments => args;
    internal ReadOnlySpan<Expr> Args => args;

    /// <summary>The exact value of a Number node.</summary>
    public Rational Value => Kind == ExprKind.Number ? (Rational)payload! : throw new InvalidOperationException($"{Kind} node has no rational value");
    /// <summary>The value of a Float node.</summary>
    public double FloatValue => Kind == ExprKind.Float ? (double)payload! : throw new InvalidOperationException($"{Kind} node has no float value");
    /// <summary>Name of a Variable or Constant node.</summary>
    public string Name => Kind is ExprKind.Variable or ExprKind.Constant ? (string)payload! : throw new InvalidOperationException($"{Kind} node has no name");
    /// <summary>Function of a Call node.</summary>
    public Function Function => Kind == ExprKind.Call ? (Function)payload! : throw new InvalidOperationException($"{Kind} node is not a function call");
    /// <summary>Operator of a Compare node.</summary>
    public CompareOp Comparison => Kind == ExprKind.Compare ? (CompareOp)payload! : throw new InvalidOperationException($"{Kind} node is not a comparison");
    /// <summary>Value of a Boolean node.</summary>
    public bool BooleanValue => Kind == ExprKind.Boolean ? (bool)payload! : throw new InvalidOperationException($"{Kind} node is not a boolean");

    public bool IsNumber => Kind == ExprKind.Number;
    /// <summary>Number or Float.</summary>
    public bool IsNumeric => Kind is ExprKind.Number or ExprKind.Float;
    public bool IsZero => Kind == ExprKind.Number && ((Rational)payload!).IsZero;
    public bool IsOne => Kind == ExprKind.Number && ((Rational)payload!).IsOne;
    /// <summary>True for conditions (comparisons, &amp;&amp;, ||, !, true/false).</summary>
    public bool IsCondition => Kind is ExprKind.Compare or ExprKind.And or ExprKind.Or or ExprKind.Not or ExprKind.Boolean;
    internal bool IsIntegerNumber => Kind == ExprKind.Number && ((Rational)payload!).IsInteger;

    // Reference equality is structural equality thanks to hash-consing.
    public bool Equals(Expr? other) => ReferenceEquals(this, other);
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);
    public override int GetHashCode() => hash;
    public static bool operator ==(Expr? a, Expr? b) => ReferenceEquals(a, b);
    public static bool operator !=(Expr? a, Expr? b) => !ReferenceEquals(a, b);

    /// <summary>Readable text that <see cref="Parse"/> reads back to this same expression.</summary>
    public override string ToString() => TextPrinter.Print(this);
    /// <summary>LaTeX form (\frac, \sin, powers).</summary>
    public string ToLatex() => LatexPrinter.Print(this);

    /// <summary>Parses a formula (see docs/symbolic.md for the language). Throws <see cref="ParseException"/>.</summary>
    public static Expr Parse(string formula) => Parser.Parse(formula);

    /// <summary>Number of distinct nodes in the DAG (shared subexpressions counted once).</summary>
    public int NodeCount => Traversal.PostOrder(this).Count;

    /// <summary>Number of nodes if the DAG were written out as a tree (saturates at long.MaxValue).</summary>
    public double TreeSize
    {
        get
        {
            var order = Traversal.PostOrder(this);
            var size = new Dictionary<Expr, double>(order.Count);
            foreach (var n in order)
            {
                double s = 1;
                foreach (var a in n.args) s += size[a];
                size[n] = s;
            }
            return size[this];
        }
    }

    private static readonly ConditionalWeakTable<Expr, IReadOnlyList<string>> variablesCache = new();

    /// <summary>Names of the variables, in natural order (x2 before x10).</summary>
    public IReadOnlyList<string> Variables => variablesCache.GetValue(this, static e =>
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in Traversal.PostOrder(e))
            if (n.Kind == ExprKind.Variable) names.Add((string)n.payload!);
        var list = names.ToList();
        list.Sort(NaturalComparer.Instance);
        return list.AsReadOnly();
    });

    /// <summary>True if the variable occurs in the expression.</summary>
    public bool DependsOn(string variable) => Variables.Contains(variable);

    /// <summary>Replaces variables (by name) with expressions, simultaneously.</summary>
    public Expr Substitute(IReadOnlyDictionary<string, Expr> replacements)
    {
        var map = new Dictionary<Expr, Expr>();
        foreach (var n in Traversal.PostOrder(this))
        {
            if (n.Kind == ExprKind.Variable && replacements.TryGetValue((string)n.payload!, out var r)) { map[n] = r; continue; }
            if (n.args.Length == 0) { map[n] = n; continue; }
            var newArgs = new Expr[n.args.Length];
            bool changed = false;
            for (int i = 0; i < newArgs.Length; i++) { newArgs[i] = map[n.args[i]]; changed |= !ReferenceEquals(newArgs[i], n.args[i]); }
            map[n] = changed ? Rebuild(n, newArgs) : n;
        }
        return map[this];
    }

    /// <summary>A node of the same kind and payload as <paramref name="n"/> over new children, canonicalized.</summary>
    internal static Expr Rebuild(Expr n, Expr[] a) => n.Kind switch
    {
        ExprKind.Sum => Add(a),
        ExprKind.Product => Mul(a),
        ExprKind.Power => Pow(a[0], a[1]),
        ExprKind.Call => Call((Function)n.payload!, a),
        ExprKind.If => If(a[0], a[1], a[2]),
        ExprKind.Compare => Compare((CompareOp)n.payload!, a[0], a[1]),
        ExprKind.And => And(a[0], a[1]),
        ExprKind.Or => Or(a[0], a[1]),
        ExprKind.Not => Not(a[0]),
        _ => n,
    };
}
