using System.Text;

namespace Nabla.MatrixCalculus;

/// <summary>LaTeX for an expression: A^\top, A^{-1}, \operatorname{tr}, \odot, \otimes, \|x\|_2.</summary>
public static class LatexPrinter
{
    public static string Print(Node n)
    {
        var sb = new StringBuilder();
        Write(sb, n);
        return sb.ToString();
    }

    private static void Operand(StringBuilder sb, Node n, int minPrec, bool allowSigned)
    {
        bool paren = MatrixPrinter.Prec(n) < minPrec || (!allowSigned && MatrixPrinter.IsSigned(n));
        if (paren) sb.Append(@"\left(");
        Write(sb, n);
        if (paren) sb.Append(@"\right)");
    }

    private static string Name(string s) => s.Length == 1 ? s : $@"\mathrm{{{s}}}";

    private static void Write(StringBuilder sb, Node n)
    {
        switch (n.Kind)
        {
            case NodeKind.Var: sb.Append(Name(n.Name)); break;
            case NodeKind.Differential: sb.Append(@"\mathrm{d}").Append(Name(n.Name)); break;
            case NodeKind.Number: sb.Append(MatrixPrinter.Number(n.Value)); break;
            case NodeKind.Eye: sb.Append("I_{").Append(n.Shape.Rows).Append('}'); break;
            case NodeKind.Commutation: sb.Append("K_{").Append(n.Name).Append('}'); break;
            case NodeKind.Ones: sb.Append(@"\mathbf{1}"); if (!n.Shape.Cols.IsOne) sb.Append(@"\mathbf{1}^\top"); break;
            case NodeKind.Zeros: sb.Append(@"\mathbf{0}"); break;
            case NodeKind.Add:
                for (int i = 0; i < n.Children.Length; i++)
                {
                    var c = n[i];
                    if (i > 0 && MatrixPrinter.IsSigned(c))
                    {
                        sb.Append(" - ");
                        var (coef, rest) = Build.SplitCoef(c);
                        Operand(sb, rest is null ? Build.Num(-coef) : Build.Scale(-coef, rest), 2, false);
                    }
                    else
                    {
                        if (i > 0) sb.Append(" + ");
                        Operand(sb, c, 2, i == 0);
                    }
                }
                break;
            case NodeKind.Mul:
                if (n[0].Kind == NodeKind.Number)
                {
                    if (n[0].Value == -1) sb.Append('-');
                    else sb.Append(MatrixPrinter.Number(n[0].Value)).Append(' ');
                    Operand(sb, n[1], MatrixPrinter.IsElementwise(n[1]) ? 3 : 2, false);
                }
                else
                {
                    Operand(sb, n[0], MatrixPrinter.IsElementwise(n[0]) ? 3 : 2, true);
                    sb.Append(' ');
                    Operand(sb, n[1], 3, false);
                }
                break;
            case NodeKind.Div:
                sb.Append(@"\frac{"); Write(sb, n[0]); sb.Append("}{"); Write(sb, n[1]); sb.Append('}');
                break;
            case NodeKind.Hadamard: Operand(sb, n[0], 3, false); sb.Append(@" \odot "); Operand(sb, n[1], 3, false); break;
            case NodeKind.ElemDiv: Operand(sb, n[0], 3, false); sb.Append(@" \oslash "); Operand(sb, n[1], 3, false); break;
            case NodeKind.Kron: Operand(sb, n[0], 3, false); sb.Append(@" \otimes "); Operand(sb, n[1], 3, false); break;
            case NodeKind.Pow: case NodeKind.ElemPow: case NodeKind.MatPow:
                Operand(sb, n[0], 6, false);
                sb.Append(n.Kind == NodeKind.ElemPow ? @"^{\circ " : "^{");
                if (n.Kind == NodeKind.MatPow) sb.Append(MatrixPrinter.Number(n.Value)); else Write(sb, n[1]);
                sb.Append('}');
                break;
            case NodeKind.Transpose: Operand(sb, n[0], 6, false); sb.Append(@"^\top"); break;
            case NodeKind.Inv: Operand(sb, n[0], 6, false); sb.Append("^{-1}"); break;
            case NodeKind.Func: Call(sb, n.Name switch { "exp" => @"\exp", "log" => @"\log", "sin" => @"\sin", "cos" => @"\cos", "tanh" => @"\tanh", "sqrt" => @"\sqrt", _ => $@"\operatorname{{{n.Name}}}" }, n[0]); break;
            case NodeKind.Trace: Call(sb, @"\operatorname{tr}", n[0]); break;
            case NodeKind.Det: Call(sb, @"\det", n[0]); break;
            case NodeKind.LogDet: Call(sb, @"\log\left|\det", n[0]); sb.Append(@"\right|"); break;
            case NodeKind.Norm1: sb.Append(@"\left\|"); Write(sb, n[0]); sb.Append(@"\right\|_1"); break;
            case NodeKind.Norm2: sb.Append(@"\left\|"); Write(sb, n[0]); sb.Append(@"\right\|_2"); break;
            case NodeKind.Sum: Call(sb, @"\operatorname{sum}", n[0]); break;
            case NodeKind.DiagMatrix: case NodeKind.DiagVector: Call(sb, @"\operatorname{diag}", n[0]); break;
            default: sb.Append(@"\mathtt{").Append(MatrixPrinter.Print(n).Replace("_", @"\_", StringComparison.Ordinal)).Append('}'); break;
        }
    }

    private static void Call(StringBuilder sb, string f, Node arg)
    {
        sb.Append(f);
        if (f == @"\sqrt") { sb.Append('{'); Write(sb, arg); sb.Append('}'); return; }
        sb.Append(@"\left("); Write(sb, arg); sb.Append(@"\right)");
    }
}
