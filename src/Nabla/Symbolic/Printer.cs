using System.Globalization;
using System.Numerics;
using System.Text;

namespace Nabla.Symbolic;

/// <summary>
/// Prints an expression as text or LaTeX with minimal parentheses: subtraction and division are
/// shown (<c>y^3*(y^2 - x^2)/(x^2 + y^2)^2</c>). Iterative (an explicit work stack), so deep
/// expressions print; the output is capped at <see cref="SymbolicLimits.MaxPrintedLength"/>
/// because a DAG written out as a tree can be exponentially long.
/// </summary>
internal sealed class Printer
{
    // Precedence levels: a node is parenthesized when its level is below its context's.
    private const int POr = 1, PAnd = 2, PNot = 3, PCompare = 4, PSum = 5, PProduct = 6, PFactor = 7, PPower = 8, PAtom = 10;

    private readonly bool latex;
    private readonly StringBuilder sb = new();
    private readonly Stack<(string? Text, Expr? Node, int Context)> work = new();

    private Printer(bool latex) => this.latex = latex;

    public static string Text(Expr e) => new Printer(false).Run(e);
    public static string Latex(Expr e) => new Printer(true).Run(e);

    private string Run(Expr root)
    {
        work.Push((null, root, 0));
        while (work.Count > 0)
        {
            var (text, node, ctx) = work.Pop();
            if (text is not null)
            {
                sb.Append(text);
                if (sb.Length > SymbolicLimits.MaxPrintedLength)
                    throw new NablaInputException($"the expression is too large to print (over {SymbolicLimits.MaxPrintedLength} characters; it has {root.NodeCount} distinct nodes)");
                continue;
            }
            Expand(node!, ctx);
        }
        return sb.ToString();
    }

    /// <summary>Items to print, in order (pushed onto the stack in reverse).</summary>
    private readonly List<(string? Text, Expr? Node, int Context)> items = new();

    private void T(string s) => items.Add((s, null, 0));
    private void N(Expr e, int ctx) => items.Add((null, e, ctx));

    private void Expand(Expr e, int ctx)
    {
        items.Clear();
        int level = Level(e);
        bool paren = level < ctx;
        if (paren) T(latex ? @"\left(" : "(");
        Emit(e);
        if (paren) T(latex ? @"\right)" : ")");
        for (int i = items.Count - 1; i >= 0; i--) work.Push(items[i]);
    }

    private static bool IsNegative(Expr e) => e.Kind switch
    {
        ExprKind.Number => e.Value.Sign < 0,
        ExprKind.Float => e.FloatValue < 0 || double.IsNegative(e.FloatValue) && e.FloatValue == 0 && false,
        ExprKind.Product => IsNegative(e.args[0]),
        ExprKind.Power => false,
        _ => false,
    };

    private static int Level(Expr e) => e.Kind switch
    {
        ExprKind.Number => e.Value.Sign < 0 || !e.Value.IsInteger ? PProduct : PAtom,
        ExprKind.Float => e.FloatValue < 0 || !double.IsFinite(e.FloatValue) ? PProduct : PAtom,
        ExprKind.Sum => PSum,
        ExprKind.Product => PProduct,
        ExprKind.Power => NegativeIntegerExponent(e) is not null ? PProduct : PPower,
        ExprKind.Compare => PCompare,
        ExprKind.And => PAnd,
        ExprKind.Or => POr,
        ExprKind.Not => PNot,
        _ => PAtom,
    };

    private static BigInteger? NegativeIntegerExponent(Expr e) =>
        // A numeric base (0^(-2), kept because it is undefined) prints as a power: 1/0^2 would fold.
        e.Kind == ExprKind.Power && e.args[1].IsIntegerNumber && e.args[1].Value.Sign < 0 && !e.args[0].IsNumeric ? -e.args[1].Value.Numerator : null;

    private void Emit(Expr e)
    {
        switch (e.Kind)
        {
            case ExprKind.Number: EmitRational(e.Value); break;
            case ExprKind.Float: T(FormatDouble(e.FloatValue)); break;
            case ExprKind.Constant: T(latex ? (e.Name == "pi" ? @"\pi" : "e") : e.Name); break;
            case ExprKind.Variable: T(latex ? LatexName(e.Name) : e.Name); break;
            case ExprKind.Boolean: T(e.BooleanValue ? "1 == 1" : "1 == 0"); break;
            case ExprKind.Sum: EmitSum(e); break;
            case ExprKind.Product: EmitProduct(e); break;
            case ExprKind.Power: EmitPower(e); break;
            case ExprKind.Call: EmitCall(e); break;
            case ExprKind.If:
                if (latex)
                {
                    T(@"\begin{cases} "); N(e.args[1], 0); T(@" & \text{if } "); N(e.args[0], 0);
                    T(@" \\ "); N(e.args[2], 0); T(@" & \text{otherwise} \end{cases}");
                }
                else { T("if("); N(e.args[0], 0); T(", "); N(e.args[1], 0); T(", "); N(e.args[2], 0); T(")"); }
                break;
            case ExprKind.Compare:
                N(e.args[0], PSum); T(CompareText(e.Comparison)); N(e.args[1], PSum);
                break;
            case ExprKind.And: N(e.args[0], PAnd); T(latex ? @" \land " : " && "); N(e.args[1], PNot); break;
            case ExprKind.Or: N(e.args[0], POr); T(latex ? @" \lor " : " || "); N(e.args[1], PAnd); break;
            case ExprKind.Not: T(latex ? @"\lnot\left(" : "!("); N(e.args[0], 0); T(latex ? @"\right)" : ")"); break;
        }
    }

    private string CompareText(CompareOp op) => op switch
    {
        CompareOp.Less => " < ",
        CompareOp.LessEqual => latex ? @" \le " : " <= ",
        CompareOp.Greater => " > ",
        CompareOp.GreaterEqual => latex ? @" \ge " : " >= ",
        CompareOp.Equal => latex ? " = " : " == ",
        _ => latex ? @" \ne " : " != ",
    };

    private static string FormatDouble(double d) =>
        double.IsNaN(d) ? "nan" : double.IsPositiveInfinity(d) ? "inf" : double.IsNegativeInfinity(d) ? "-inf"
        : d.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e");

    private void EmitRational(Rational r)
    {
        if (r.IsInteger) { T(r.Numerator.ToString(CultureInfo.InvariantCulture)); return; }
        var n = r.Numerator.ToString(CultureInfo.InvariantCulture);
        var d = r.Denominator.ToString(CultureInfo.InvariantCulture);
        if (latex)
        {
            if (r.Sign < 0) T("-");
            T($@"\frac{{{BigInteger.Abs(r.Numerator).ToString(CultureInfo.InvariantCulture)}}}{{{d}}}");
        }
        else T(n + "/" + d);
    }

    private void EmitSum(Expr e)
    {
        // Positive terms first, then negative ones; the constant last in its group: 1 - x, y^2 - x^2.
        var order = new List<Expr>(e.args.Length);
        Expr? constant = e.args[0].IsNumeric ? e.args[0] : null;
        foreach (var t in e.args) if (t != constant && !IsNegative(t)) order.Add(t);
        if (constant is not null && !IsNegative(constant)) order.Add(constant);
        foreach (var t in e.args) if (t != constant && IsNegative(t)) order.Add(t);
        if (constant is not null && IsNegative(constant)) order.Add(constant);
        for (int i = 0; i < order.Count; i++)
        {
            var t = order[i];
            if (i == 0) { N(t, PSum); continue; }
            if (IsNegative(t)) { T(" - "); N(Expr.Negate(t), PProduct); }
            else { T(" + "); N(t, PFactor > PSum ? PSum + 1 : PSum); }
        }
    }

    private void EmitProduct(Expr e)
    {
        var num = new List<(Expr Node, int Ctx)>();
        var den = new List<(Expr Node, int Ctx)>();   // Ctx < 0 encodes "Node ^ -Ctx" (a positive power, printed without folding)
        Rational coef = Rational.One;
        Expr? floatCoef = null;
        foreach (var f in e.args)
        {
            if (f.Kind == ExprKind.Number) { coef = f.Value; continue; }
            if (f.Kind == ExprKind.Float) { floatCoef = f; continue; }
            var k = NegativeIntegerExponent(f);
            if (k is not null) den.Add((f.args[0], k.Value.IsOne ? PFactor : -(int)k.Value));
            else num.Add((f, PFactor));
        }
        bool negative = coef.Sign < 0 || floatCoef is not null && floatCoef.FloatValue < 0;
        if (negative) T("-");
        var absNum = BigInteger.Abs(coef.Numerator);
        var numItems = new List<(Expr Node, int Ctx)>();
        if (floatCoef is not null) numItems.Add((Expr.Inexact(Math.Abs(floatCoef.FloatValue)), PFactor));
        else if (!absNum.IsOne || num.Count == 0) numItems.Add((Expr.Number(absNum), PFactor));
        numItems.AddRange(num);
        if (!coef.Denominator.IsOne) den.Insert(0, (Expr.Number(coef.Denominator), PFactor));
        if (latex && den.Count > 0)
        {
            T(@"\frac{"); EmitFactors(numItems); T("}{"); EmitFactors(den, top: true); T("}");
            return;
        }
        EmitFactors(numItems);
        if (den.Count == 0) return;
        T("/");
        if (den.Count == 1) Factor(den[0]);
        else { T("("); EmitFactors(den); T(")"); }
    }

    private void EmitFactors(List<(Expr Node, int Ctx)> fs, bool top = false)
    {
        for (int i = 0; i < fs.Count; i++)
        {
            if (i > 0) T(latex ? (fs[i].Node.IsNumeric ? @" \cdot " : " ") : "*");
            if (fs[i].Ctx < 0) Factor(fs[i]);
            else N(fs[i].Node, fs.Count == 1 && latex && top ? 0 : fs[i].Ctx);
        }
    }

    /// <summary>A factor; a negative context means the node raised to that (positive) power.</summary>
    private void Factor((Expr Node, int Ctx) f)
    {
        if (f.Ctx >= 0) { N(f.Node, f.Ctx); return; }
        N(f.Node, PAtom);
        T(latex ? $"^{{{-f.Ctx}}}" : $"^{-f.Ctx}");
    }

    private void EmitPower(Expr e)
    {
        var k = NegativeIntegerExponent(e);
        if (k is not null)
        {
            var item = (e.args[0], k.Value.IsOne ? (latex ? 0 : PFactor) : -(int)k.Value);
            if (latex) { T(@"\frac{1}{"); Factor(item); T("}"); }
            else { T("1/"); Factor(item); }
            return;
        }
        var b = e.args[0];
        if (latex && b.Kind == ExprKind.Call && b.Function == Functions.Sqrt && e.args[1].IsIntegerNumber) { }
        N(b, PAtom);
        if (latex) { T("^{"); N(e.args[1], 0); T("}"); }
        else { T("^"); N(e.args[1], PAtom); }
    }

    private void EmitCall(Expr e)
    {
        var f = e.Function;
        if (latex)
        {
            if (f == Functions.Sqrt) { T(@"\sqrt{"); N(e.args[0], 0); T("}"); return; }
            if (f == Functions.Cbrt) { T(@"\sqrt[3]{"); N(e.args[0], 0); T("}"); return; }
            if (f == Functions.Abs) { T(@"\left|"); N(e.args[0], 0); T(@"\right|"); return; }
            if (f == Functions.Exp) { T("e^{"); N(e.args[0], 0); T("}"); return; }
            T(f.Latex); T(@"\left(");
        }
        else { T(f.Name); T("("); }
        for (int i = 0; i < e.args.Length; i++)
        {
            if (i > 0) T(", ");
            N(e.args[i], 0);
        }
        T(latex ? @"\right)" : ")");
    }

    /// <summary>LaTeX for a variable name: Greek letters as \alpha, trailing digits or _suffix as a subscript.</summary>
    internal static string LatexName(string name)
    {
        int cut = name.IndexOf('_');
        string head, sub = "";
        if (cut > 0) { head = name[..cut]; sub = name[(cut + 1)..]; }
        else
        {
            int d = name.Length;
            while (d > 0 && char.IsAsciiDigit(name[d - 1])) d--;
            head = d > 0 ? name[..d] : name;
            sub = d > 0 ? name[d..] : "";
        }
        string h = Parser.GreekNames.Contains(head) ? "\\" + head
            : head.Length == 1 ? head : $@"\mathit{{{head}}}";
        return sub.Length > 0 ? $"{h}_{{{sub.Replace("_", @"\_")}}}" : h;
    }

    /// <summary>
    /// Leibniz notation for differentiating <paramref name="f"/> by <paramref name="variables"/> left to
    /// right: [x, y] gives \frac{\partial^{2} f}{\partial y \partial x} (the last one applied is leftmost).
    /// </summary>
    public static string PartialDerivative(IReadOnlyList<string> variables, string f = "f")
    {
        if (variables.Count == 0) return f;
        var parts = new List<string>();
        for (int i = variables.Count - 1; i >= 0;)
        {
            int j = i;
            while (j > 0 && variables[j - 1] == variables[i]) j--;
            int count = i - j + 1;
            parts.Add($@"\partial {LatexName(variables[i])}" + (count > 1 ? $"^{{{count}}}" : ""));
            i = j - 1;
        }
        bool single = variables.Distinct().Count() == 1;
        string d = single && variables.Count > 1 ? "" : "";
        _ = d;
        string top = variables.Count == 1 ? @"\partial " + f : $@"\partial^{{{variables.Count}}} {f}";
        return $@"\frac{{{top}}}{{{string.Join(" ", parts)}}}";
    }
}

/// <summary>Text printing: readable, and <see cref="Expr.Parse"/> reads it back to the same expression.</summary>
public static class TextPrinter
{
    public static string Print(Expr e) => Printer.Text(e);
}

/// <summary>LaTeX printing (\frac, \sin, powers) and Leibniz notation with \partial.</summary>
public static class LatexPrinter
{
    public static string Print(Expr e) => Printer.Latex(e);

    /// <summary>\frac{\partial^{n} f}{\partial ...} for differentiating by the variables left to right.</summary>
    public static string PartialDerivative(IReadOnlyList<string> variables, string f = "f") => Printer.PartialDerivative(variables, f);
}
