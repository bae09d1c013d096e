using System.Globalization;
using System.Text;

namespace Nabla.MatrixCalculus;

/// <summary>
/// Plain-text printer in the input language (so that every printed expression parses back):
/// <c>'</c> transpose, <c>*</c> product, <c>⊙</c> elementwise product, <c>⊗</c> Kronecker product.
/// </summary>
public static class MatrixPrinter
{
    private const int PSum = 1, PProd = 2, PPow = 4, PPost = 5, PAtom = 6;

    public static string Print(Node n)
    {
        var sb = new StringBuilder();
        Write(sb, n);
        return sb.ToString();
    }

    /// <summary>A dimension as an argument: a product n·m is written n*m (which parses back).</summary>
    private static string DimText(Dim d) => d.Name.Replace("·", "*", StringComparison.Ordinal);

    public static string Number(double v)
    {
        if (double.IsPositiveInfinity(v)) return "inf";
        if (Math.Abs(v) < 1e15 && v == Math.Round(v)) return ((long)v).ToString(CultureInfo.InvariantCulture);
        return v.ToString("R", CultureInfo.InvariantCulture);
    }

    internal static bool IsSigned(Node n) =>
        n.Kind == NodeKind.Number && n.Value < 0 || n.Kind == NodeKind.Mul && n[0].Kind == NodeKind.Number && n[0].Value < 0;

    /// <summary>⊙, ./ and ⊗ are always parenthesized inside products, for the reader.</summary>
    internal static bool IsElementwise(Node n) => n.Kind is NodeKind.Hadamard or NodeKind.ElemDiv or NodeKind.Kron;

    internal static int Prec(Node n) => n.Kind switch
    {
        NodeKind.Add => PSum,
        NodeKind.Mul or NodeKind.Div or NodeKind.Hadamard or NodeKind.ElemDiv or NodeKind.Kron => PProd,
        NodeKind.Pow or NodeKind.MatPow or NodeKind.ElemPow => PPow,
        NodeKind.Transpose => PPost,
        _ => PAtom,
    };

    private static void Operand(StringBuilder sb, Node n, int minPrec, bool allowSigned)
    {
        bool paren = Prec(n) < minPrec || (!allowSigned && IsSigned(n));
        if (paren) sb.Append('(');
        Write(sb, n);
        if (paren) sb.Append(')');
    }

    private static void Write(StringBuilder sb, Node n)
    {
        switch (n.Kind)
        {
            case NodeKind.Var: sb.Append(n.Name); break;
            case NodeKind.Differential: sb.Append('d').Append(n.Name); break;
            case NodeKind.Number: sb.Append(Number(n.Value)); break;
            case NodeKind.Eye: sb.Append("eye(").Append(DimText(n.Shape.Rows)).Append(')'); break;
            case NodeKind.Commutation: sb.Append("commutation(").Append(n.Name.Replace(",", ", ", StringComparison.Ordinal)).Append(')'); break;
            case NodeKind.Ones: case NodeKind.Zeros:
                sb.Append(n.Kind == NodeKind.Ones ? "ones(" : "zeros(").Append(DimText(n.Shape.Rows));
                if (!n.Shape.Cols.IsOne) sb.Append(", ").Append(DimText(n.Shape.Cols));
                sb.Append(')');
                break;
            case NodeKind.Add:
                // s*ones(...) terms print as the bare scalar s, which broadcasts when parsed back,
                // as long as some other term carries the shape
                bool broadcast = n.Children.Any(c => BroadcastScalar(c) is null);
                for (int i = 0; i < n.Children.Length; i++)
                {
                    var c = n[i];
                    if (broadcast && BroadcastScalar(c) is { } s) c = s;
                    if (i > 0 && IsSigned(c))
                    {
                        sb.Append(" - ");
                        var (coef, rest) = Build.SplitCoef(c);
                        Operand(sb, rest is null ? Build.Num(-coef) : Build.Scale(-coef, rest), PSum + 1, false);
                    }
                    else
                    {
                        if (i > 0) sb.Append(" + ");
                        Operand(sb, c, PSum + 1, i == 0);
                    }
                }
                break;
            case NodeKind.Mul:
                if (n[0].Kind == NodeKind.Number && n[1].Kind == NodeKind.Div && n[1][0].IsNumber(1))
                {
                    // c*(1/s) is written c/s, which parses back to the same node (Build.Div)
                    sb.Append(Number(n[0].Value)).Append('/');
                    Operand(sb, n[1][1], PProd + 1, false);
                }
                else if (n[0].Kind == NodeKind.Number)
                {
                    double c = n[0].Value;
                    if (c == -1) sb.Append('-');
                    else sb.Append(Number(c)).Append('*');
                    Operand(sb, n[1], IsElementwise(n[1]) ? PProd + 1 : PProd, false);
                }
                else
                {
                    Operand(sb, n[0], IsElementwise(n[0]) ? PProd + 1 : PProd, true);
                    sb.Append('*');
                    Operand(sb, n[1], PProd + 1, false);
                }
                break;
            case NodeKind.Div: Binary(sb, n, "/"); break;
            case NodeKind.Hadamard: Binary(sb, n, " ⊙ ", strict: true); break;
            case NodeKind.ElemDiv: Binary(sb, n, " ./ ", strict: true); break;
            case NodeKind.Kron: Binary(sb, n, " ⊗ ", strict: true); break;
            case NodeKind.Pow: case NodeKind.ElemPow:
                Operand(sb, n[0], PPost, false);
                sb.Append(n.Kind == NodeKind.Pow ? "^" : ".^");
                Operand(sb, n[1], PAtom, false);
                break;
            case NodeKind.MatPow:
                Operand(sb, n[0], PPost, false);
                sb.Append('^');
                Operand(sb, Build.Num(n.Value), PAtom, false);
                break;
            case NodeKind.Transpose:
                Operand(sb, n[0], PPost, false);
                sb.Append('\'');
                break;
            case NodeKind.Func: Call(sb, n.Name, n); break;
            case NodeKind.Trace: Call(sb, "tr", n); break;
            case NodeKind.Det: Call(sb, "det", n); break;
            case NodeKind.LogDet: Call(sb, "logdet", n); break;
            case NodeKind.Inv: Call(sb, "inv", n); break;
            case NodeKind.Norm1: Call(sb, "norm1", n); break;
            case NodeKind.Norm2: Call(sb, "norm2", n); break;
            case NodeKind.Sum: Call(sb, "sum", n); break;
            case NodeKind.DiagMatrix: case NodeKind.DiagVector: Call(sb, "diag", n); break;
            case NodeKind.VectorLit: Call(sb, "vector", n); break;
            case NodeKind.MatrixLit:
                sb.Append("matrix(");
                int rows = (int)n.Value, cols = n.Children.Length / rows;
                for (int i = 0; i < n.Children.Length; i++)
                {
                    if (i > 0) sb.Append(i % cols == 0 ? "; " : ", ");
                    Write(sb, n[i]);
                }
                sb.Append(')');
                break;
            default: throw new InvalidOperationException(n.Kind.ToString());
        }
    }

    /// <summary>For a term c*s*ones(...) (s scalar) the scalar c*s, otherwise null.</summary>
    internal static Node? BroadcastScalar(Node t)
    {
        var (coef, body) = Build.SplitCoef(t);
        if (body is null || body.IsScalar) return null;
        if (body.Kind == NodeKind.Ones) return Build.Num(coef);
        if (body.Kind == NodeKind.Mul && body[0].IsScalar && body[1].Kind == NodeKind.Ones) return Build.Scale(coef, body[0]);
        return null;
    }

    private static void Binary(StringBuilder sb, Node n, string op, bool strict = false)
    {
        Operand(sb, n[0], strict || IsElementwise(n[0]) ? PProd + 1 : PProd, !strict);
        sb.Append(op);
        Operand(sb, n[1], PProd + 1, false);
    }

    private static void Call(StringBuilder sb, string name, Node n)
    {
        sb.Append(name).Append('(');
        for (int i = 0; i < n.Children.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            Write(sb, n[i]);
        }
        sb.Append(')');
    }
}
