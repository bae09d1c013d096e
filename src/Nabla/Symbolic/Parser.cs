using System.Globalization;
using System.Text;

namespace Nabla.Symbolic;

/// <summary>
/// The formula parser: an operator-precedence (shunting-yard) parser with explicit stacks, so no
/// input can overflow the call stack. Grammar, loosest to tightest: <c>||</c>, <c>&amp;&amp;</c>,
/// <c>!</c>, comparisons (<c>&lt; &lt;= &gt; &gt;= == !=</c>), <c>+ -</c>, <c>* /</c> (and implicit
/// multiplication after a number: <c>2x</c>, <c>3(x+1)</c>), unary <c>- +</c>, <c>^</c>
/// (right-associative, so <c>-x^2 = -(x^2)</c> and <c>2^-x = 2^(-x)</c>), then numbers, names,
/// calls and parentheses. Limits: <see cref="SymbolicLimits.MaxFormulaLength"/> characters and
/// <see cref="SymbolicLimits.MaxNestingDepth"/> levels of nesting.
/// </summary>
internal sealed class Parser
{
    private enum T { Number, Name, Op, LParen, RParen, Comma, End }

    private readonly record struct Token(T Type, string Text, int Column, Rational Number = default);

    private enum OpKind { Binary, Prefix, Paren, Call }

    private sealed class Frame
    {
        public OpKind Kind;
        public string Op = "";
        public int Prec;
        public bool RightAssoc;
        public int Column;
        public string Name = "";
        public int Args;
        public int OperandBase;
        public int ParenColumn;
    }

    private static readonly Dictionary<char, string> greek = new()
    {
        ['α'] = "alpha", ['β'] = "beta", ['γ'] = "gamma", ['δ'] = "delta", ['ε'] = "epsilon", ['ϵ'] = "epsilon",
        ['ζ'] = "zeta", ['η'] = "eta", ['θ'] = "theta", ['ϑ'] = "theta", ['ι'] = "iota", ['κ'] = "kappa",
        ['λ'] = "lambda", ['μ'] = "mu", ['ν'] = "nu", ['ξ'] = "xi", ['ο'] = "omicron", ['π'] = "pi",
        ['ρ'] = "rho", ['σ'] = "sigma", ['ς'] = "sigma", ['τ'] = "tau", ['υ'] = "upsilon", ['φ'] = "phi",
        ['ϕ'] = "phi", ['χ'] = "chi", ['ψ'] = "psi", ['ω'] = "omega",
        ['Γ'] = "Gamma", ['Δ'] = "Delta", ['Θ'] = "Theta", ['Λ'] = "Lambda", ['Ξ'] = "Xi", ['Π'] = "Pi",
        ['Σ'] = "Sigma", ['Υ'] = "Upsilon", ['Φ'] = "Phi", ['Ψ'] = "Psi", ['Ω'] = "Omega",
    };

    /// <summary>Greek letter names accepted as identifiers (and printed as \alpha... in LaTeX).</summary>
    internal static readonly HashSet<string> GreekNames = new(greek.Values, StringComparer.Ordinal);

    private readonly string s;
    private int pos;
    private readonly List<(Expr E, int Column)> operands = new();
    private readonly List<Frame> ops = new();
    private int depth;

    private Parser(string s) => this.s = s;

    public static Expr Parse(string formula)
    {
        ArgumentNullException.ThrowIfNull(formula);
        if (formula.Length > SymbolicLimits.MaxFormulaLength)
            throw new ParseException($"the formula is longer than {SymbolicLimits.MaxFormulaLength} characters", SymbolicLimits.MaxFormulaLength + 1);
        return new Parser(formula).Run();
    }

    private static ParseException Error(string message, int column) => new(message, column);

    private static string Describe(Token t) => t.Type switch
    {
        T.End => "the end of the formula",
        T.Number => $"the number {t.Text}",
        T.Name => $"'{t.Text}'",
        _ => $"'{t.Text}'",
    };

    private Token Next()
    {
        while (pos < s.Length && char.IsWhiteSpace(s[pos])) pos++;
        int col = pos + 1;
        if (pos >= s.Length) return new Token(T.End, "", col);
        char c = s[pos];
        if (char.IsAsciiDigit(c) || c == '.' && pos + 1 < s.Length && char.IsAsciiDigit(s[pos + 1]))
        {
            int start = pos;
            while (pos < s.Length && char.IsAsciiDigit(s[pos])) pos++;
            if (pos < s.Length && s[pos] == '.') { pos++; while (pos < s.Length && char.IsAsciiDigit(s[pos])) pos++; }
            if (pos < s.Length && (s[pos] == 'e' || s[pos] == 'E'))
            {
                int save = pos++;
                if (pos < s.Length && (s[pos] == '+' || s[pos] == '-')) pos++;
                if (pos < s.Length && char.IsAsciiDigit(s[pos])) { while (pos < s.Length && char.IsAsciiDigit(s[pos])) pos++; }
                else pos = save;   // "2e" is 2*e, "2exp(x)" is 2*exp(x)
            }
            var text = s[start..pos];
            if (pos < s.Length && s[pos] == '.') throw Error($"malformed number '{text}.'", start + 1);
            if (!Rational.TryParseDecimal(text, out var value))
                throw Error($"the number '{text}' is malformed or too large", start + 1);
            return new Token(T.Number, text, col, value);
        }
        if (char.IsLetter(c) || c == '_')
        {
            var sb = new StringBuilder();
            while (pos < s.Length && (char.IsLetterOrDigit(s[pos]) || s[pos] == '_'))
            {
                sb.Append(greek.TryGetValue(s[pos], out var g) ? g : s[pos].ToString());
                pos++;
            }
            return new Token(T.Name, sb.ToString(), col);
        }
        pos++;
        switch (c)
        {
            case '(': return new Token(T.LParen, "(", col);
            case ')': return new Token(T.RParen, ")", col);
            case ',': return new Token(T.Comma, ",", col);
            case '+': case '/': case '^': return new Token(T.Op, c.ToString(), col);
            case '-': case '−': return new Token(T.Op, "-", col);
            case '·': case '×': return new Token(T.Op, "*", col);
            case '*':
                if (pos < s.Length && s[pos] == '*') { pos++; return new Token(T.Op, "^", col); }
                return new Token(T.Op, "*", col);
            case '<': case '>':
                if (pos < s.Length && s[pos] == '=') { pos++; return new Token(T.Op, c + "=", col); }
                return new Token(T.Op, c.ToString(), col);
            case '≤': return new Token(T.Op, "<=", col);
            case '≥': return new Token(T.Op, ">=", col);
            case '≠': return new Token(T.Op, "!=", col);
            case '=':
                if (pos < s.Length && s[pos] == '=') { pos++; return new Token(T.Op, "==", col); }
                throw Error("'=' is not an operator: write == to compare", col);
            case '!':
                if (pos < s.Length && s[pos] == '=') { pos++; return new Token(T.Op, "!=", col); }
                return new Token(T.Op, "!", col);
            case '&':
                if (pos < s.Length && s[pos] == '&') { pos++; return new Token(T.Op, "&&", col); }
                throw Error("'&' is not an operator: write && for 'and'", col);
            case '|':
                if (pos < s.Length && s[pos] == '|') { pos++; return new Token(T.Op, "||", col); }
                throw Error("'|' is not an operator: write || for 'or', abs(x) for |x|", col);
        }
        throw Error($"unexpected character '{c}'", col);
    }

    private Token Peek()
    {
        int save = pos;
        var t = Next();
        pos = save;
        return t;
    }

    private static (int Prec, bool Right) Binary(string op) => op switch
    {
        "||" => (1, false),
        "&&" => (2, false),
        "<" or "<=" or ">" or ">=" or "==" or "!=" => (4, false),
        "+" or "-" => (5, false),
        "*" or "/" => (6, false),
        "^" => (8, true),
        _ => (-1, false),
    };

    private void Enter(int column)
    {
        if (++depth > SymbolicLimits.MaxNestingDepth)
            throw Error($"the formula nests deeper than {SymbolicLimits.MaxNestingDepth} levels", column);
    }

    private Expr Run()
    {
        bool expectOperand = true;
        while (true)
        {
            var t = Next();
            if (expectOperand)
            {
                switch (t.Type)
                {
                    case T.Number:
                        operands.Add((Expr.Number(t.Number), t.Column));
                        expectOperand = false;
                        var after = Peek();
                        if (after.Type is T.Name or T.LParen)
                        {
                            PushBinary("*", after.Column);   // implicit multiplication: 2x, 3(x+1)
                            expectOperand = true;
                        }
                        break;
                    case T.Name:
                        if (Peek().Type == T.LParen)
                        {
                            if (t.Text != "if" && Functions.Find(t.Text) is null)
                                throw Error($"unknown function '{t.Text}' (to multiply, write {t.Text}*(...))", t.Column);
                            var lp = Next();
                            Enter(t.Column);
                            ops.Add(new Frame { Kind = OpKind.Call, Name = t.Text, Column = t.Column, ParenColumn = lp.Column, OperandBase = operands.Count });
                            if (Peek().Type == T.RParen) throw Error($"{t.Text}() needs arguments", Peek().Column);
                            break;
                        }
                        operands.Add((NameExpr(t), t.Column));
                        expectOperand = false;
                        break;
                    case T.LParen:
                        Enter(t.Column);
                        ops.Add(new Frame { Kind = OpKind.Paren, Column = t.Column, OperandBase = operands.Count });
                        break;
                    case T.Op when t.Text is "-" or "+" or "!":
                        Enter(t.Column);
                        ops.Add(new Frame { Kind = OpKind.Prefix, Op = t.Text, Prec = t.Text == "!" ? 3 : 7, Column = t.Column });
                        break;
                    case T.End:
                        throw Error(operands.Count == 0 && ops.Count == 0
                            ? "the formula is empty"
                            : "the formula ends too early: expected a number, a variable or '('", t.Column);
                    default:
                        throw Error($"expected a number, a variable, a function or '(' but found {Describe(t)}", t.Column);
                }
                continue;
            }
            switch (t.Type)
            {
                case T.Op when Binary(t.Text).Prec > 0:
                    PushBinary(t.Text, t.Column);
                    expectOperand = true;
                    break;
                case T.Comma:
                {
                    PopUntilMarker(t, isComma: true);
                    var top = ops[^1];
                    top.Args++;
                    expectOperand = true;
                    break;
                }
                case T.RParen:
                {
                    PopUntilMarker(t, isComma: false);
                    var top = ops[^1];
                    ops.RemoveAt(ops.Count - 1);
                    depth--;
                    if (top.Kind == OpKind.Call) BuildCall(top, t.Column);
                    else if (operands.Count != top.OperandBase + 1)
                        throw Error("expected one expression inside '( )'", top.Column);
                    break;
                }
                case T.End:
                    while (ops.Count > 0)
                    {
                        var top = ops[^1];
                        if (top.Kind is OpKind.Paren or OpKind.Call)
                        {
                            int open = top.Kind == OpKind.Call ? top.ParenColumn : top.Column;
                            throw Error($"expected ')' to close '(' at column {open}", open);
                        }
                        Reduce();
                    }
                    if (operands.Count != 1) throw Error("expected a single expression", 1);
                    return operands[0].E;   // a bare condition is allowed: it evaluates to 1 or 0
                case T.Name or T.Number or T.LParen:
                    throw Error($"expected an operator such as + or * before {Describe(t)}", t.Column);
                default:
                    throw Error($"expected an operator, ',' or ')' but found {Describe(t)}", t.Column);
            }
        }
    }

    private static Expr NameExpr(Token t)
    {
        if (t.Text == "pi") return Expr.Pi;
        if (t.Text == "e") return Expr.E;
        if (t.Text == "if" || Functions.Find(t.Text) is not null)
            throw Error($"'{t.Text}' is a function: write {t.Text}(...)", t.Column);
        return Expr.Variable(t.Text);
    }

    private void PushBinary(string op, int column)
    {
        var (prec, right) = Binary(op);
        while (ops.Count > 0)
        {
            var top = ops[^1];
            if (top.Kind is OpKind.Paren or OpKind.Call) break;
            if (top.Prec > prec || top.Prec == prec && !right) Reduce();
            else break;
        }
        if (prec == 4 && ops.Count > 0 && ops[^1].Kind == OpKind.Binary && ops[^1].Prec == 4)
            throw Error($"comparisons cannot be chained: write a < b && b < c", column);
        ops.Add(new Frame { Kind = OpKind.Binary, Op = op, Prec = prec, RightAssoc = right, Column = column });
    }

    private void PopUntilMarker(Token t, bool isComma)
    {
        while (ops.Count > 0 && ops[^1].Kind is OpKind.Binary or OpKind.Prefix) Reduce();
        if (ops.Count == 0)
            throw Error(isComma ? "',' is only allowed between the arguments of a function" : "unmatched ')'", t.Column);
        if (isComma && ops[^1].Kind != OpKind.Call)
            throw Error("',' is only allowed between the arguments of a function", t.Column);
    }

    private void Reduce()
    {
        var f = ops[^1];
        ops.RemoveAt(ops.Count - 1);
        try
        {
            if (f.Kind == OpKind.Prefix)
            {
                depth--;
                var (a, col) = operands[^1];
                operands[^1] = (f.Op switch { "-" => Expr.Negate(a), "!" => Expr.Not(a), _ => Plus(a) }, Math.Min(col, f.Column));
                return;
            }
            var (r, _) = operands[^1];
            var (l, lcol) = operands[^2];
            operands.RemoveAt(operands.Count - 1);
            Expr e = f.Op switch
            {
                "+" => Expr.Add(l, r),
                "-" => Expr.Add(l, Expr.Negate(r)),
                "*" => Expr.Mul(l, r),
                "/" => Expr.Mul(l, Expr.Pow(r, Expr.MinusOne)),
                "^" => Expr.Pow(l, r),
                "<" => Expr.Compare(CompareOp.Less, l, r),
                "<=" => Expr.Compare(CompareOp.LessEqual, l, r),
                ">" => Expr.Compare(CompareOp.Greater, l, r),
                ">=" => Expr.Compare(CompareOp.GreaterEqual, l, r),
                "==" => Expr.Compare(CompareOp.Equal, l, r),
                "!=" => Expr.Compare(CompareOp.NotEqual, l, r),
                "&&" => Expr.And(l, r),
                "||" => Expr.Or(l, r),
                _ => throw new InvalidOperationException(f.Op),
            };
            operands[^1] = (e, lcol);
        }
        catch (NablaInputException e) when (e is not ParseException)
        {
            throw Error($"{e.Message} (operator '{f.Op}')", f.Column);
        }
    }

    private static Expr Plus(Expr a) =>
        a.IsCondition ? throw new NablaInputException("unary '+' applies to numbers, not conditions") : a;

    private void BuildCall(Frame f, int column)
    {
        int n = operands.Count - f.OperandBase;
        var args = new Expr[n];
        for (int i = 0; i < n; i++) args[i] = operands[f.OperandBase + i].E;
        operands.RemoveRange(f.OperandBase, n);
        Expr e;
        try
        {
            if (f.Name == "if")
            {
                if (n != 3) throw new NablaInputException($"if takes 3 arguments (condition, value if true, value if false), not {n}");
                e = Expr.If(args[0], args[1], args[2]);
            }
            else e = Expr.Call(f.Name, args);
        }
        catch (NablaInputException ex) when (ex is not ParseException)
        {
            throw Error(ex.Message, f.Column);
        }
        operands.Add((e, f.Column));
        _ = column;
    }
}
