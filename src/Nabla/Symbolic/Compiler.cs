using System.Reflection;
using System.Reflection.Emit;

namespace Nabla.Symbolic;

/// <summary>f(x): the value of one expression.</summary>
public delegate double ScalarKernel(ReadOnlySpan<double> x);
/// <summary>f(x) returned, ∇f(x) written to <paramref name="gradient"/>.</summary>
public delegate double GradientKernel(ReadOnlySpan<double> x, Span<double> gradient);
/// <summary>f(x) returned, ∇f(x) and the Hessian (n*n, row-major) written.</summary>
public delegate double HessianKernel(ReadOnlySpan<double> x, Span<double> gradient, Span<double> hessian);
/// <summary>y = F(x) for several expressions at once.</summary>
public delegate void VectorKernel(ReadOnlySpan<double> x, Span<double> y);

/// <summary>
/// Compiles expression DAGs to IL (DynamicMethod): straight-line code with one local per shared
/// node (the DAG is the common-subexpression elimination), locals recycled after their last use,
/// constants inlined, and the same double operations as <see cref="Expr.Evaluate(ReadOnlySpan{double}, IReadOnlyList{string})"/>.
/// Several outputs (value, gradient, Hessian) compiled together share every subexpression.
/// </summary>
public static class Compiler
{
    private static readonly MethodInfo roItem = typeof(ReadOnlySpan<double>).GetMethod("get_Item")!;
    private static readonly MethodInfo spanItem = typeof(Span<double>).GetMethod("get_Item")!;
    private static readonly MethodInfo powInt = typeof(Ops).GetMethod(nameof(Ops.PowInt))!;
    private static readonly MethodInfo powReal = typeof(Ops).GetMethod(nameof(Ops.Pow))!;
    private static readonly MethodInfo andM = typeof(LogicOps).GetMethod(nameof(LogicOps.And))!;
    private static readonly MethodInfo orM = typeof(LogicOps).GetMethod(nameof(LogicOps.Or))!;
    private static readonly MethodInfo notM = typeof(LogicOps).GetMethod(nameof(LogicOps.Not))!;
    private static readonly MethodInfo compareM = typeof(LogicOps).GetMethod(nameof(LogicOps.Compare))!;
    private static readonly MethodInfo selectM = typeof(LogicOps).GetMethod(nameof(LogicOps.Select))!;

    /// <summary>Where an output goes: returned (Arg = -1) or stored at Arg[Offset].</summary>
    private readonly record struct Output(Expr Root, int Arg, int Offset);

    public static ScalarKernel CompileScalar(Expr e, IReadOnlyList<string> variables) =>
        (ScalarKernel)Emit([new Output(e, -1, 0)], variables, typeof(double), [typeof(ReadOnlySpan<double>)], typeof(ScalarKernel));

    public static VectorKernel CompileVector(IReadOnlyList<Expr> es, IReadOnlyList<string> variables) =>
        (VectorKernel)Emit(es.Select((e, i) => new Output(e, 1, i)).ToList(), variables, typeof(void),
            [typeof(ReadOnlySpan<double>), typeof(Span<double>)], typeof(VectorKernel));

    public static GradientKernel CompileGradient(Expr f, IReadOnlyList<Expr> gradient, IReadOnlyList<string> variables)
    {
        var outs = new List<Output> { new(f, -1, 0) };
        for (int i = 0; i < gradient.Count; i++) outs.Add(new(gradient[i], 1, i));
        return (GradientKernel)Emit(outs, variables, typeof(double), [typeof(ReadOnlySpan<double>), typeof(Span<double>)], typeof(GradientKernel));
    }

    public static HessianKernel CompileHessian(Expr f, IReadOnlyList<Expr> gradient, Expr[][] hessian, IReadOnlyList<string> variables)
    {
        int n = gradient.Count;
        var outs = new List<Output> { new(f, -1, 0) };
        for (int i = 0; i < n; i++) outs.Add(new(gradient[i], 1, i));
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) outs.Add(new(hessian[i][j], 2, i * n + j));
        return (HessianKernel)Emit(outs, variables, typeof(double),
            [typeof(ReadOnlySpan<double>), typeof(Span<double>), typeof(Span<double>)], typeof(HessianKernel));
    }

    private static bool IsConstant(Expr e) => e.Kind is ExprKind.Number or ExprKind.Float or ExprKind.Constant or ExprKind.Boolean;

    private static double ConstantValue(Expr e) => e.Kind == ExprKind.Boolean ? (e.BooleanValue ? 1 : 0) : e.number;

    private static Delegate Emit(List<Output> outputs, IReadOnlyList<string> variables, Type returnType, Type[] parameters, Type delegateType)
    {
        var order = Traversal.PostOrder(outputs.Select(o => o.Root), null);
        var index = new Dictionary<Expr, int>(order.Count);
        for (int i = 0; i < order.Count; i++) index[order[i]] = i;
        var lastUse = new int[order.Count];
        for (int i = 0; i < order.Count; i++)
            foreach (var a in order[i].args) lastUse[index[a]] = i;
        var outsAt = new List<Output>?[order.Count];
        foreach (var o in outputs)
        {
            int k = index[o.Root];
            (outsAt[k] ??= []).Add(o);
            lastUse[k] = int.MaxValue;   // a returned root stays until the end; stored ones are written at once
        }
        var varPos = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < variables.Count; i++) varPos.TryAdd(variables[i], i);

        var dm = new DynamicMethod("nabla_expr", returnType, parameters, typeof(Compiler).Module, skipVisibility: true);
        var il = dm.GetILGenerator();
        var local = new LocalBuilder?[order.Count];
        var free = new Stack<LocalBuilder>();

        void Load(Expr e)
        {
            if (IsConstant(e)) il.Emit(OpCodes.Ldc_R8, ConstantValue(e));
            else il.Emit(OpCodes.Ldloc, local[index[e]]!);
        }

        for (int i = 0; i < order.Count; i++)
        {
            var n = order[i];
            if (!IsConstant(n))
            {
                var a = n.args;
                switch (n.Kind)
                {
                    case ExprKind.Variable:
                        if (!varPos.TryGetValue(n.Name, out int slot))
                            throw new NablaInputException($"variable '{n.Name}' is not in the list of variables [{string.Join(", ", variables)}]");
                        il.Emit(OpCodes.Ldarga_S, (byte)0);
                        il.Emit(OpCodes.Ldc_I4, slot);
                        il.Emit(OpCodes.Call, roItem);
                        il.Emit(OpCodes.Ldind_R8);
                        break;
                    case ExprKind.Sum:
                    case ExprKind.Product:
                        Load(a[0]);
                        for (int k = 1; k < a.Length; k++) { Load(a[k]); il.Emit(n.Kind == ExprKind.Sum ? OpCodes.Add : OpCodes.Mul); }
                        break;
                    case ExprKind.Power:
                        if (a[1].IsIntegerNumber && a[1].Value.Numerator.GetBitLength() < 31)
                        {
                            int p = (int)a[1].Value.Numerator;
                            Load(a[0]);
                            switch (p)
                            {
                                case 2: il.Emit(OpCodes.Dup); il.Emit(OpCodes.Mul); break;
                                case 3: il.Emit(OpCodes.Dup); il.Emit(OpCodes.Dup); il.Emit(OpCodes.Mul); il.Emit(OpCodes.Mul); break;
                                case 4: il.Emit(OpCodes.Dup); il.Emit(OpCodes.Mul); il.Emit(OpCodes.Dup); il.Emit(OpCodes.Mul); break;
                                default: il.Emit(OpCodes.Ldc_I4, p); il.Emit(OpCodes.Call, powInt); break;
                            }
                        }
                        else { Load(a[0]); Load(a[1]); il.Emit(OpCodes.Call, powReal); }
                        break;
                    case ExprKind.Call:
                        foreach (var x in a) Load(x);
                        il.Emit(OpCodes.Call, n.Function.DoubleMethod);
                        break;
                    case ExprKind.If: Load(a[0]); Load(a[1]); Load(a[2]); il.Emit(OpCodes.Call, selectM); break;
                    case ExprKind.Compare:
                        Load(a[0]); Load(a[1]); il.Emit(OpCodes.Ldc_I4, (int)n.Comparison); il.Emit(OpCodes.Call, compareM);
                        break;
                    case ExprKind.And: Load(a[0]); Load(a[1]); il.Emit(OpCodes.Call, andM); break;
                    case ExprKind.Or: Load(a[0]); Load(a[1]); il.Emit(OpCodes.Call, orM); break;
                    case ExprKind.Not: Load(a[0]); il.Emit(OpCodes.Call, notM); break;
                    default: throw new InvalidOperationException(n.Kind.ToString());
                }
                // The children's values are on the evaluation stack: their locals can be reused now.
                foreach (var c in a)
                {
                    int ci = index[c];
                    if (lastUse[ci] == i && local[ci] is { } l) { free.Push(l); local[ci] = null; }
                }
                var mine = free.Count > 0 ? free.Pop() : il.DeclareLocal(typeof(double));
                il.Emit(OpCodes.Stloc, mine);
                local[i] = mine;
            }
            if (outsAt[i] is { } outs)
                foreach (var o in outs)
                {
                    if (o.Arg < 0) continue;
                    il.Emit(OpCodes.Ldarga_S, (byte)o.Arg);
                    il.Emit(OpCodes.Ldc_I4, o.Offset);
                    il.Emit(OpCodes.Call, spanItem);
                    Load(n);
                    il.Emit(OpCodes.Stind_R8);
                }
        }
        var ret = outputs.FirstOrDefault(o => o.Arg < 0);
        if (ret.Root is not null) Load(ret.Root);
        il.Emit(OpCodes.Ret);
        return dm.CreateDelegate(delegateType);
    }
}

/// <summary>A compiled expression: <see cref="Evaluate"/> checks the length, <see cref="Kernel"/> is the raw delegate.</summary>
public sealed class CompiledFunction(Expr expression, IReadOnlyList<string> variables, ScalarKernel kernel)
{
    public Expr Expression { get; } = expression;
    public IReadOnlyList<string> Variables { get; } = variables;
    public ScalarKernel Kernel { get; } = kernel;

    public double Evaluate(ReadOnlySpan<double> x)
    {
        if (x.Length != Variables.Count) throw new NablaInputException($"{Variables.Count} values expected (for {string.Join(", ", Variables)}), got {x.Length}");
        return Kernel(x);
    }

    public double this[params double[] x] => Evaluate(x);
}

/// <summary>Compiled value and gradient, sharing subexpressions.</summary>
public sealed class CompiledGradient(Expr expression, IReadOnlyList<string> variables, Expr[] gradient, GradientKernel kernel)
{
    public Expr Expression { get; } = expression;
    public IReadOnlyList<string> Variables { get; } = variables;
    public IReadOnlyList<Expr> Gradient { get; } = gradient;
    public GradientKernel Kernel { get; } = kernel;

    /// <summary>Returns f(x) and writes ∇f(x).</summary>
    public double Evaluate(ReadOnlySpan<double> x, Span<double> gradient)
    {
        int n = Variables.Count;
        if (x.Length != n || gradient.Length < n) throw new NablaInputException($"{n} values and a gradient buffer of {n} expected");
        return Kernel(x, gradient);
    }
}

/// <summary>Compiled value, gradient and Hessian (row-major n*n), sharing subexpressions.</summary>
public sealed class CompiledHessian(Expr expression, IReadOnlyList<string> variables, Expr[] gradient, Expr[][] hessian, HessianKernel kernel)
{
    public Expr Expression { get; } = expression;
    public IReadOnlyList<string> Variables { get; } = variables;
    public IReadOnlyList<Expr> Gradient { get; } = gradient;
    public Expr[][] Hessian { get; } = hessian;
    public HessianKernel Kernel { get; } = kernel;

    /// <summary>Returns f(x) and writes ∇f(x) and the Hessian (row-major).</summary>
    public double Evaluate(ReadOnlySpan<double> x, Span<double> gradient, Span<double> hessian)
    {
        int n = Variables.Count;
        if (x.Length != n || gradient.Length < n || hessian.Length < n * n)
            throw new NablaInputException($"{n} values, a gradient buffer of {n} and a Hessian buffer of {n * n} expected");
        return Kernel(x, gradient, hessian);
    }
}

public sealed partial class Expr
{
    /// <summary>Compiles to a delegate over spans (variables in the given order; default <see cref="Variables"/>).</summary>
    public CompiledFunction Compile(IReadOnlyList<string>? variables = null)
    {
        variables ??= Variables;
        return new CompiledFunction(this, variables, Compiler.CompileScalar(this, variables));
    }

    public CompiledFunction Compile(params string[] variables) => Compile((IReadOnlyList<string>)variables);

    /// <summary>Compiles the value and the gradient together.</summary>
    public CompiledGradient CompileGradient(IReadOnlyList<string>? variables = null)
    {
        variables ??= Variables;
        var g = Gradient(variables);
        return new CompiledGradient(this, variables, g, Compiler.CompileGradient(this, g, variables));
    }

    /// <summary>Compiles the value, the gradient and the Hessian together.</summary>
    public CompiledHessian CompileHessian(IReadOnlyList<string>? variables = null)
    {
        variables ??= Variables;
        var g = Gradient(variables);
        var h = HessianOf(g, variables);
        return new CompiledHessian(this, variables, g, h, Compiler.CompileHessian(this, g, h, variables));
    }

    /// <summary>Compiles several expressions into one kernel y = F(x) sharing subexpressions.</summary>
    public static VectorKernel Compile(IReadOnlyList<Expr> expressions, IReadOnlyList<string> variables) =>
        Compiler.CompileVector(expressions, variables);
}
