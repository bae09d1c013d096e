using System.Globalization;

namespace Nabla.MatrixCalculus;

/// <summary>
/// Recursive-descent parser for the matrix language. Grammar (lowest precedence first):
/// <code>
/// sum     := product (('+' | '-') product)*
/// product := unary (('*' | '/' | '.*' | '⊙' | './' | '⊗') unary)*
/// unary   := ('-' | '+') unary | power
/// power   := postfix (('^' | '.^') unary)?
/// postfix := primary ("'" | 'ᵀ')*
/// primary := number | name | name '(' args ')' | '(' sum ')'
/// </code>
/// Nesting is limited to <see cref="MaxNesting"/> and length to <see cref="MaxLength"/>, so that
/// no input can exhaust the stack. Shapes are assigned afterwards by <see cref="ShapeInference"/>.
/// </summary>
internal sealed class MatrixParser
{
    public const int MaxNesting = 200;
    public const int MaxLength = 100_000;

    public static readonly string[] Builtins =
        ["tr", "det", "logdet", "inv", "norm1", "norm2", "sum", "diag", "eye", "ones", "zeros", "vector", "matrix", "kron", "commutation"];

    private readonly string _s;
    private int _pos;
    private int _depth;

    private MatrixParser(string s) => _s = s;

    public static SyntaxNode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
            throw new MatrixLimitException($"expression longer than {MaxLength} characters", MaxLength);
        var p = new MatrixParser(text);
        p.SkipSpace();
        if (p._pos >= text.Length) throw new MatrixSyntaxException("empty expression", 1);
        var e = p.ParseSum();
        p.SkipSpace();
        if (p._pos < text.Length)
            throw new MatrixSyntaxException(text[p._pos] == ')' ? "unbalanced ')'" : $"unexpected '{text[p._pos]}'", p._pos + 1);
        return e;
    }

    private void SkipSpace()
    {
        while (_pos < _s.Length && char.IsWhiteSpace(_s[_pos])) _pos++;
    }

    private bool Accept(string tok)
    {
        SkipSpace();
        if (string.CompareOrdinal(_s, _pos, tok, 0, tok.Length) != 0) return false;
        _pos += tok.Length;
        return true;
    }

    private void Enter()
    {
        if (++_depth > MaxNesting)
            throw new MatrixLimitException($"expression nested deeper than {MaxNesting} levels", _pos + 1);
    }

    private SyntaxNode ParseSum()
    {
        Enter();
        var left = ParseProduct();
        while (true)
        {
            if (Accept("+")) left = Fix(new SyntaxNode("+", left.Start, 0, [left, ParseProduct()]));
            else if (Accept("-")) left = Fix(new SyntaxNode("-", left.Start, 0, [left, ParseProduct()]));
            else break;
        }
        _depth--;
        return left;
    }

    /// <summary>A binary node ends where its right operand ends.</summary>
    private static SyntaxNode Fix(SyntaxNode n) => new(n.Op, n.Start, n.Kids[^1].End, n.Kids, n.Text, n.Number);

    private SyntaxNode ParseProduct()
    {
        var left = ParseUnary();
        while (true)
        {
            string? op = null;
            if (Accept(".*") || Accept("⊙")) op = ".*";
            else if (Accept("./")) op = "./";
            else if (Accept("*")) op = "*";
            else if (Accept("/")) op = "/";
            else if (Accept("⊗")) op = "kron";
            if (op is null) break;
            left = Fix(new SyntaxNode(op, left.Start, 0, [left, ParseUnary()]));
        }
        return left;
    }

    private SyntaxNode ParseUnary()
    {
        SkipSpace();
        int start = _pos;
        if (Accept("-"))
        {
            Enter();
            var operand = ParseUnary();
            _depth--;
            return new SyntaxNode("neg", start, operand.End, [operand]);
        }
        if (Accept("+"))
        {
            Enter();
            var operand = ParseUnary();
            _depth--;
            return operand;
        }
        return ParsePower();
    }

    private SyntaxNode ParsePower()
    {
        var b = ParsePostfix();
        string? op = Accept(".^") ? ".^" : Accept("^") ? "^" : null;
        if (op is null) return b;
        Enter();
        var e = ParseUnary();
        _depth--;
        return new SyntaxNode(op, b.Start, e.End, [b, e]);
    }

    private SyntaxNode ParsePostfix()
    {
        var p = ParsePrimary();
        while (Accept("'") || Accept("ᵀ"))
            p = new SyntaxNode("'", p.Start, _pos, [p]);
        return p;
    }

    private SyntaxNode ParsePrimary()
    {
        SkipSpace();
        if (_pos >= _s.Length) throw new MatrixSyntaxException("unexpected end of expression", _pos + 1);
        int start = _pos;
        char c = _s[_pos];
        if (c == '(')
        {
            _pos++;
            Enter();
            var inner = ParseSum();
            _depth--;
            if (!Accept(")")) throw new MatrixSyntaxException("missing ')'", _pos + 1);
            return new SyntaxNode(inner.Op, start, _pos, inner.Kids, inner.Text, inner.Number) { Rows = inner.Rows };
        }
        if (char.IsAsciiDigit(c) || c == '.' && _pos + 1 < _s.Length && char.IsAsciiDigit(_s[_pos + 1]))
        {
            while (_pos < _s.Length && char.IsAsciiDigit(_s[_pos])) _pos++;
            if (_pos + 1 < _s.Length && _s[_pos] == '.' && char.IsAsciiDigit(_s[_pos + 1]))
            {
                _pos++;
                while (_pos < _s.Length && char.IsAsciiDigit(_s[_pos])) _pos++;
            }
            if (_pos < _s.Length && (_s[_pos] == 'e' || _s[_pos] == 'E'))
            {
                int save = _pos++;
                if (_pos < _s.Length && (_s[_pos] == '+' || _s[_pos] == '-')) _pos++;
                if (_pos < _s.Length && char.IsAsciiDigit(_s[_pos]))
                    while (_pos < _s.Length && char.IsAsciiDigit(_s[_pos])) _pos++;
                else _pos = save;
            }
            var text = _s[start.._pos];
            return new SyntaxNode("num", start, _pos, [], text, double.Parse(text, CultureInfo.InvariantCulture));
        }
        if (char.IsLetter(c) || c == '_')
        {
            while (_pos < _s.Length && (char.IsLetterOrDigit(_s[_pos]) || _s[_pos] == '_') && _s[_pos] != 'ᵀ') _pos++;
            var name = _s[start.._pos];
            SkipSpace();
            if (_pos < _s.Length && _s[_pos] == '(')
                return ParseCall(name, start);
            if (Array.IndexOf(Builtins, name) >= 0 || ElementwiseFunctions.IsKnown(name))
                throw new MatrixSyntaxException($"'{name}' is a function: write {name}(...)", start + 1);
            return new SyntaxNode("id", start, _pos, [], name);
        }
        throw new MatrixSyntaxException(c == ')' ? "unexpected ')'" : $"unexpected '{c}'", _pos + 1);
    }

    private SyntaxNode ParseCall(string name, int start)
    {
        if (Array.IndexOf(Builtins, name) < 0 && !ElementwiseFunctions.IsKnown(name))
            throw new MatrixSyntaxException($"unknown function '{name}' (known: {string.Join(", ", Builtins.Concat(ElementwiseFunctions.Names))})", start + 1);
        _pos++; // '('
        Enter();
        var args = new List<SyntaxNode>();
        int rows = 1, cols = -1, inRow = 0;
        SkipSpace();
        if (_pos < _s.Length && _s[_pos] == ')') { _pos++; }
        else
        {
            while (true)
            {
                args.Add(ParseSum());
                inRow++;
                if (Accept(",")) continue;
                if (Accept(";"))
                {
                    if (name != "matrix") throw new MatrixSyntaxException("';' separates rows only inside matrix(...)", _pos);
                    if (cols >= 0 && inRow != cols) throw new MatrixSyntaxException("rows of matrix(...) have different lengths", _pos);
                    cols = inRow; inRow = 0; rows++;
                    continue;
                }
                if (Accept(")")) break;
                throw new MatrixSyntaxException(_pos < _s.Length ? $"expected ',' or ')' but found '{_s[_pos]}'" : "missing ')'", _pos + 1);
            }
            if (name == "matrix" && cols >= 0 && inRow != cols)
                throw new MatrixSyntaxException("rows of matrix(...) have different lengths", _pos);
        }
        _depth--;
        return new SyntaxNode("call", start, _pos, [.. args], name) { Rows = rows };
    }
}
