namespace Nabla.MatrixCalculus;

/// <summary>
/// The elementwise functions, each declared once with its value and its derivative (as an
/// expression, so printed derivatives parse back). <c>step</c>, <c>sign</c> and <c>sech</c> exist
/// because they are the derivatives of <c>relu</c>, <c>abs</c> and <c>tanh</c>.
/// </summary>
public static class ElementwiseFunctions
{
    public static readonly string[] Names = ["exp", "log", "sin", "cos", "tanh", "sqrt", "abs", "relu", "sigmoid", "step", "sign", "sech"];

    public static bool IsKnown(string name) => Array.IndexOf(Names, name) >= 0;

    public static double Apply(string name, double x) => name switch
    {
        "exp" => Math.Exp(x),
        "log" => Math.Log(x),
        "sin" => Math.Sin(x),
        "cos" => Math.Cos(x),
        "tanh" => Math.Tanh(x),
        "sqrt" => Math.Sqrt(x),
        "abs" => Math.Abs(x),
        "relu" => x > 0 ? x : 0,
        "sigmoid" => 1 / (1 + Math.Exp(-x)),
        "step" => x > 0 ? 1 : 0,
        "sign" => Math.Sign(x),
        "sech" => 1 / Math.Cosh(x),
        _ => throw new InvalidOperationException($"unknown function {name}"),
    };

    /// <summary>f'(a) as an expression of the same shape as <paramref name="a"/>; null when f' = 0 almost everywhere.</summary>
    public static Node? Derivative(string name, Node a) => name switch
    {
        "exp" => Build.Func("exp", a),
        "log" => Build.ElemDiv(Build.Num(1), a),
        "sin" => Build.Func("cos", a),
        "cos" => Build.Neg(Build.Func("sin", a)),
        "tanh" => Build.ElemPow(Build.Func("sech", a), Build.Num(2)),
        "sqrt" => Build.ElemDiv(Build.Num(0.5), Build.Func("sqrt", a)),
        "abs" => Build.Func("sign", a),
        "relu" => Build.Func("step", a),
        "sigmoid" => Build.Hadamard(Build.Func("sigmoid", a), Build.Func("sigmoid", Build.Neg(a))),
        "sech" => Build.Neg(Build.Hadamard(Build.Func("sech", a), Build.Func("tanh", a))),
        "step" or "sign" => null,
        _ => throw new InvalidOperationException($"unknown function {name}"),
    };

    /// <summary>Where the function or its derivative is undefined or not smooth: a condition to state.</summary>
    public static string? Condition(string name, string arg) => name switch
    {
        "log" => $"{arg} > 0 elementwise",
        "sqrt" => $"{arg} > 0 elementwise",
        "abs" => $"{arg} ≠ 0 elementwise (abs is not differentiable at 0)",
        "relu" => $"{arg} ≠ 0 elementwise (relu is not differentiable at 0)",
        "step" or "sign" => $"{arg} ≠ 0 elementwise",
        _ => null,
    };
}
