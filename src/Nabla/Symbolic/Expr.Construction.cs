using System.Numerics;

namespace Nabla.Symbolic;

// Smart constructors. Canonical forms (docs/symbolic.md):
// - Sum: flattened; numeric terms folded into one constant (first); like terms merged with their
//   coefficients (2*x + 3*x = 5*x); terms in ExprOrder.
// - Product: flattened; numeric factors folded into one coefficient (first); factors with the same
//   base merged by adding integer exponents (x^2*x^3 = x^5) when the exponents have the same sign,
//   or for any signs when the base is provably positive (never x*x^-1 = 1: that would fill the
//   hole at x = 0); a non-integer power such as x^(1/2) is an atomic factor.
// - 0*x = 0 and x^0 = 1 only when x is total (IsTotal: defined and finite everywhere); otherwise
//   the 0 stays (0*log(x) is undefined for x <= 0, and so is its value).
// - Integer powers distribute over products ((2*x*y)^2 = 4*x^2*y^2) and nest ((x^2)^3 = x^6);
//   (x^(1/2))^2 stays (it is not x for x < 0). e^x is exp(x) (but e^2 is a power of e); pow(a, b) is a^b.
public sealed partial class Expr
{
    public static readonly Expr Zero = Number(Rational.Zero);
    public static readonly Expr One = Number(Rational.One);
    public static readonly Expr MinusOne = Number(Rational.MinusOne);
    public static readonly Expr Pi = InternTable.Intern(ExprKind.Constant, "pi", []);
    public static readonly Expr E = InternTable.Intern(ExprKind.Constant, "e", []);
    public static readonly Expr True = InternTable.Intern(ExprKind.Boolean, true, []);
    public static readonly Expr False = InternTable.Intern(ExprKind.Boolean, false, []);

    public static Expr Number(Rational value) => InternTable.Intern(ExprKind.Number, value, []);
    public static Expr Number(long value) => Number((Rational)value);

    /// <summary>An exact constant equal to the double (every finite double is a dyadic rational); NaN and infinities become Float nodes.</summary>
    public static Expr Number(double value) => double.IsFinite(value) ? Number(Rational.FromDouble(value)) : Inexact(value);

    /// <summary>An inexact double constant (kept as a double; use only when the value is not exact).</summary>
    public static Expr Inexact(double value) => InternTable.Intern(ExprKind.Float, value, []);

    public static Expr Variable(string name)
    {
        if (string.IsNullOrEmpty(name)) throw new NablaInputException("a variable needs a name");
        if (name is "pi" or "e") throw new NablaInputException($"'{name}' is a constant, not a variable name");
        return InternTable.Intern(ExprKind.Variable, name, []);
    }

    public static implicit operator Expr(long value) => Number(value);
    public static implicit operator Expr(double value) => Number(value);

    public static Expr operator +(Expr a, Expr b) => Add(a, b);
    public static Expr operator -(Expr a, Expr b) => Add(a, Negate(b));
    public static Expr operator *(Expr a, Expr b) => Mul(a, b);
    public static Expr operator /(Expr a, Expr b) => Mul(a, Pow(b, MinusOne));
    public static Expr operator -(Expr a) => Negate(a);

    public static Expr Negate(Expr a) => Mul(MinusOne, a);
    public static Expr Pow(Expr b, long n) => Pow(b, Number(n));

    // ---- numeric helpers: a coefficient is an exact rational unless a Float took part ----
    private readonly record struct Num(Rational R, double D, bool IsFloat)
    {
        public static Num Of(Expr e) => e.Kind == ExprKind.Number ? new(e.Value, 0, false) : new(default, e.FloatValue, true);
        public static Num Exact(Rational r) => new(r, 0, false);
        public double AsDouble => IsFloat ? D : R.ToDouble();
        public bool IsZero => IsFloat ? D == 0 : R.IsZero;
        public bool IsOne => !IsFloat && R.IsOne;
        public static Num operator +(Num a, Num b) => a.IsFloat || b.IsFloat ? new(default, a.AsDouble + b.AsDouble, true) : new(a.R + b.R, 0, false);
        public static Num operator *(Num a, Num b) => a.IsFloat || b.IsFloat ? new(default, a.AsDouble * b.AsDouble, true) : new(a.R * b.R, 0, false);
        public Expr ToExpr() => IsFloat ? Inexact(D) : Number(R);
    }

    // ---- sums ----
    public static Expr Add(Expr a, Expr b)
    {
        if (a.IsZero && !b.IsCondition) return b;
        if (b.IsZero && !a.IsCondition) return a;
        return Add([a, b]);
    }

    public static Expr Add(params Expr[] terms) => Add((ReadOnlySpan<Expr>)terms);
    public static Expr Sum(IEnumerable<Expr> terms) => Add(terms.ToArray());

    public static Expr Add(ReadOnlySpan<Expr> terms)
    {
        Num constant = Num.Exact(Rational.Zero);
        var rests = new List<Expr>();
        var coefs = new List<Num>();
        var origs = new List<Expr?>();   // the input term itself while it stands alone: reused, not rebuilt
        Dictionary<Expr, int>? index = null;

        void AddTerm(Expr t, ref Num constant)
        {
            if (t.IsCondition) throw new NablaInputException("a condition (comparison) cannot be added; use if(condition, a, b)");
            if (t.IsNumeric) { constant += Num.Of(t); return; }
            Num c = Num.Exact(Rational.One);
            Expr rest = t;
            Expr? orig = t;
            if (t.Kind == ExprKind.Product && t.args[0].IsNumeric)
            {
                c = Num.Of(t.args[0]);
                rest = t.args.Length == 2 ? t.args[1] : (t.productRest ??= InternTable.Intern(ExprKind.Product, null, t.args[1..]));
                if (c.IsZero && !c.IsFloat)
                {
                    // 0*rest keeps only the factors that may be undefined: merge on those.
                    var keep = Mul(t.args[0], rest);
                    if (keep.IsNumeric) return;
                    rest = keep.args.Length == 2 ? keep.args[1] : InternTable.Intern(ExprKind.Product, null, keep.args[1..]);
                    orig = null;
                }
            }
            int at = -1;
            if (index is not null) { if (index.TryGetValue(rest, out var k)) at = k; }
            else
            {
                for (int k = 0; k < rests.Count; k++) if (ReferenceEquals(rests[k], rest)) { at = k; break; }
                if (rests.Count >= 16)
                {
                    index = new Dictionary<Expr, int>();
                    for (int k = 0; k < rests.Count; k++) index[rests[k]] = k;
                }
            }
            if (at >= 0) { coefs[at] += c; origs[at] = null; }
            else
            {
                index?.Add(rest, rests.Count);
                rests.Add(rest);
                coefs.Add(c);
                origs.Add(orig);
            }
        }

        foreach (var t in terms)
        {
            if (t.Kind == ExprKind.Sum) foreach (var u in t.args) AddTerm(u, ref constant);
            else AddTerm(t, ref constant);
        }

        var result = new List<Expr>(rests.Count + 1);
        bool again = false;
        for (int k = 0; k < rests.Count; k++)
        {
            var c = coefs[k];
            var rest = rests[k];
            if (c.IsZero && rest.IsTotal && !c.IsFloat) continue;
            if (origs[k] is { } o && !c.IsZero) { result.Add(o); continue; }
            if (c.IsZero && !c.IsFloat)
            {
                // 0*rest keeps only its possibly undefined factors, which may now equal another term's.
                var zero = Mul(c.ToExpr(), rest);
                again |= zero.args.Length != (rest.Kind == ExprKind.Product ? rest.args.Length : 1) + 1;
                result.Add(zero);
                continue;
            }
            result.Add(c.IsOne ? rest : ScaledRaw(c, rest));
        }
        if (result.Count == 0) return constant.ToExpr();
        // 2*(a + b) - (a + b) leaves the sum a + b as a term, and a reduced 0*rest may meet its
        // like term: flatten and merge in a second pass.
        if (again || result.Exists(static t => t.Kind == ExprKind.Sum))
        {
            result.Add(constant.ToExpr());
            return Add(result.ToArray());
        }
        result.Sort(ExprOrder.Instance);
        if (!constant.IsZero || constant.IsFloat && constant.D != 0) result.Insert(0, constant.ToExpr());
        if (result.Count == 1) return result[0];
        return InternTable.Intern(ExprKind.Sum, null, result.ToArray());
    }

    /// <summary>c * rest where rest is already a canonical non-numeric term (no re-canonicalization needed).</summary>
    private static Expr ScaledRaw(Num c, Expr rest)
    {
        if (rest.Kind == ExprKind.Product)
        {
            var a = new Expr[rest.args.Length + 1];
            a[0] = c.ToExpr();
            rest.args.CopyTo(a, 1);
            return InternTable.Intern(ExprKind.Product, null, a);
        }
        return InternTable.Intern(ExprKind.Product, null, [c.ToExpr(), rest]);
    }

    // ---- products ----
    public static Expr Mul(Expr a, Expr b) => Mul([a, b]);
    public static Expr Mul(params Expr[] factors) => Mul((ReadOnlySpan<Expr>)factors);
    public static Expr Product(IEnumerable<Expr> factors) => Mul(factors.ToArray());

    private static bool IsPositive(Expr b) =>
        b.Kind == ExprKind.Constant || b.Kind == ExprKind.Number && b.Value.Sign > 0
        || b.Kind == ExprKind.Call && b.Function == Functions.Exp && b.args[0].IsTotal;

    public static Expr Mul(ReadOnlySpan<Expr> factors)
    {
        Num coef = Num.Exact(Rational.One);
        var bases = new List<Expr>();
        var exps = new List<Rational>();
        var signs = new List<int>();
        var origs = new List<Expr?>();   // the input factor itself while it stands alone

        void AddFactor(Expr f, ref Num coef)
        {
            if (f.IsCondition) throw new NablaInputException("a condition (comparison) cannot be multiplied; use if(condition, a, b)");
            if (f.IsNumeric) { coef *= Num.Of(f); return; }
            Expr b = f;
            Rational e = Rational.One;
            if (f.Kind == ExprKind.Power && f.args[1].IsIntegerNumber) { b = f.args[0]; e = f.args[1].Value; }
            int sign = IsPositive(b) ? 0 : e.Sign;
            for (int k = 0; k < bases.Count; k++)
                if (ReferenceEquals(bases[k], b) && signs[k] == sign) { exps[k] += e; origs[k] = null; return; }
            bases.Add(b); exps.Add(e); signs.Add(sign); origs.Add(f);
        }

        foreach (var f in factors)
        {
            if (f.Kind == ExprKind.Product) foreach (var g in f.args) AddFactor(g, ref coef);
            else AddFactor(f, ref coef);
        }

        var result = new List<Expr>(bases.Count + 1);
        bool allTotal = true;
        for (int k = 0; k < bases.Count; k++)
        {
            var e = exps[k];
            if (e.IsZero && bases[k].IsTotal) continue;
            var p = origs[k] ?? (e.IsOne ? bases[k] : PowerRaw(bases[k], e));
            if (p.IsNumeric) { coef *= Num.Of(p); continue; }
            allTotal &= p.IsTotal;
            result.Add(p);
        }
        if (coef.IsZero)
        {
            // 0*x = 0 for total x; only factors that may be undefined keep the zero company.
            result.RemoveAll(static p => p.IsTotal);
            if (result.Count == 0) return coef.ToExpr();
            allTotal = false;
        }
        if (result.Count == 0) return coef.ToExpr();
        if (result.Count > 1) result.Sort(ExprOrder.Instance);
        if (!coef.IsOne) result.Insert(0, coef.ToExpr());
        if (result.Count == 1) return result[0];
        return InternTable.Intern(ExprKind.Product, null, result.ToArray());
    }

    /// <summary>b^e for an integer e where b is not a product nor an integer power (already split).</summary>
    private static Expr PowerRaw(Expr b, Rational e)
    {
        if (b.IsNumeric || b.Kind == ExprKind.Constant && e.IsZero) return Pow(b, Number(e));
        return InternTable.Intern(ExprKind.Power, null, [b, Number(e)]);
    }

    // ---- powers ----
    public static Expr Pow(Expr b, Expr e)
    {
        if (b.IsCondition || e.IsCondition) throw new NablaInputException("a condition (comparison) cannot be raised to a power; use if(condition, a, b)");
        if (e.Kind == ExprKind.Number)
        {
            var r = e.Value;
            if (r.IsZero) return b.IsTotal ? One : InternTable.Intern(ExprKind.Power, null, [b, e]);
            if (r.IsOne) return b;
            if (r.IsInteger)
            {
                if (b.Kind == ExprKind.Number)
                {
                    var v = b.Value;
                    if (v.IsZero && r.Sign < 0) return InternTable.Intern(ExprKind.Power, null, [b, e]);   // undefined: stays
                    if (v.IsZero || v.IsOne) return b;
                    if (r.Numerator.GetBitLength() < 31 && v.BitSize * BigInteger.Abs(r.Numerator) < SymbolicLimits.MaxFoldedBits)
                        return Number(v.Pow((int)r.Numerator));
                    return InternTable.Intern(ExprKind.Power, null, [b, e]);
                }
                if (b.Kind == ExprKind.Float) return Inexact(Ops.Pow(b.FloatValue, r.ToDouble()));
                if (b.Kind == ExprKind.Power && b.args[1].IsIntegerNumber)
                    return Pow(b.args[0], Number(b.args[1].Value * r));
                if (b.Kind == ExprKind.Product)
                {
                    var parts = new Expr[b.args.Length];
                    for (int i = 0; i < parts.Length; i++) parts[i] = Pow(b.args[i], e);
                    return Mul(parts);
                }
            }
            else if (b.Kind == ExprKind.Number && b.Value.Sign >= 0)
            {
                // Exact roots of perfect powers: 4^(1/2) = 2, 8^(2/3) = 4.
                var q = r.Denominator;
                if (q <= 3)
                {
                    var root = q == 2 ? Sqrt(b) : Cbrt(b);
                    if (root.IsNumber) return Pow(root, Number(r.Numerator));
                }
            }
        }
        if (b.Kind == ExprKind.Number && b.Value.IsOne && e.IsTotal) return One;
        if (b == E && !e.IsIntegerNumber) return Exp(e);   // e^x is exp(x); e^2 stays a power of e
        return InternTable.Intern(ExprKind.Power, null, [b, e]);
    }

    // ---- functions ----
    /// <summary>f(args) for a function of the table, folded exactly where possible.</summary>
    public static Expr Call(Function f, params Expr[] args)
    {
        if (args.Length != f.Arity)
            throw new NablaInputException($"{f.Name} takes {f.Arity} argument{(f.Arity == 1 ? "" : "s")}, not {args.Length}");
        foreach (var a in args)
            if (a.IsCondition) throw new NablaInputException($"{f.Name} takes numbers, not a condition; use if(condition, a, b)");
        return f.Fold(args) ?? InternTable.Intern(ExprKind.Call, f, args);
    }

    /// <summary>f(args) by function name (see <see cref="Functions.All"/>).</summary>
    public static Expr Call(string name, params Expr[] args) =>
        Call(Functions.Find(name) ?? throw new NablaInputException($"unknown function '{name}'"), args);

    public static Expr Sin(Expr x) => Call(Functions.Sin, x);
    public static Expr Cos(Expr x) => Call(Functions.Cos, x);
    public static Expr Tan(Expr x) => Call(Functions.Tan, x);
    public static Expr Asin(Expr x) => Call(Functions.Asin, x);
    public static Expr Acos(Expr x) => Call(Functions.Acos, x);
    public static Expr Atan(Expr x) => Call(Functions.Atan, x);
    public static Expr Atan2(Expr y, Expr x) => Call(Functions.Atan2, y, x);
    public static Expr Sinh(Expr x) => Call(Functions.Sinh, x);
    public static Expr Cosh(Expr x) => Call(Functions.Cosh, x);
    public static Expr Tanh(Expr x) => Call(Functions.Tanh, x);
    public static Expr Exp(Expr x) => Call(Functions.Exp, x);
    public static Expr Log(Expr x) => Call(Functions.Log, x);
    public static Expr Sqrt(Expr x) => Call(Functions.Sqrt, x);
    public static Expr Cbrt(Expr x) => Call(Functions.Cbrt, x);
    public static Expr Abs(Expr x) => Call(Functions.Abs, x);
    public static Expr Sign(Expr x) => Call(Functions.Sign, x);
    public static Expr Min(Expr a, Expr b) => Call(Functions.Min, a, b);
    public static Expr Max(Expr a, Expr b) => Call(Functions.Max, a, b);
    public static Expr Sigmoid(Expr x) => Call(Functions.Sigmoid, x);
    public static Expr Softplus(Expr x) => Call(Functions.Softplus, x);
    public static Expr Relu(Expr x) => Call(Functions.Relu, x);

    // ---- conditions ----
    /// <summary><c>if(condition, then, otherwise)</c>; folds when the condition is constant or both branches are equal.</summary>
    public static Expr If(Expr condition, Expr then, Expr otherwise)
    {
        if (!condition.IsCondition) throw new NablaInputException("the first argument of if must be a condition such as x > 0");
        if (then.IsCondition || otherwise.IsCondition) throw new NablaInputException("the branches of if must be numbers, not conditions");
        if (condition.Kind == ExprKind.Boolean) return condition.BooleanValue ? then : otherwise;
        if (then == otherwise && condition.IsTotal) return then;
        return InternTable.Intern(ExprKind.If, null, [condition, then, otherwise]);
    }

    public static Expr Compare(CompareOp op, Expr a, Expr b)
    {
        if (a.IsCondition || b.IsCondition) throw new NablaInputException("comparisons compare numbers; combine conditions with && and ||");
        if (a.IsNumber && b.IsNumber)
        {
            int c = a.Value.CompareTo(b.Value);
            bool v = op switch
            {
                CompareOp.Less => c < 0, CompareOp.LessEqual => c <= 0, CompareOp.Greater => c > 0,
                CompareOp.GreaterEqual => c >= 0, CompareOp.Equal => c == 0, _ => c != 0,
            };
            return v ? True : False;
        }
        return InternTable.Intern(ExprKind.Compare, op, [a, b]);
    }

    public static Expr And(Expr a, Expr b)
    {
        RequireConditions("&&", a, b);
        if (a.Kind == ExprKind.Boolean) return a.BooleanValue ? b : False;
        if (b.Kind == ExprKind.Boolean && a.IsTotal) return b.BooleanValue ? a : False;
        return InternTable.Intern(ExprKind.And, null, [a, b]);
    }

    public static Expr Or(Expr a, Expr b)
    {
        RequireConditions("||", a, b);
        if (a.Kind == ExprKind.Boolean) return a.BooleanValue ? True : b;
        if (b.Kind == ExprKind.Boolean && a.IsTotal) return b.BooleanValue ? True : a;
        return InternTable.Intern(ExprKind.Or, null, [a, b]);
    }

    public static Expr Not(Expr a)
    {
        RequireConditions("!", a, a);
        if (a.Kind == ExprKind.Boolean) return a.BooleanValue ? False : True;
        return InternTable.Intern(ExprKind.Not, null, [a]);
    }

    private static void RequireConditions(string op, Expr a, Expr b)
    {
        if (!a.IsCondition || !b.IsCondition)
            throw new NablaInputException($"'{op}' combines conditions such as x > 0, not numbers");
    }
}
