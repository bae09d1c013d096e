namespace Nabla.Tests.AutoDiff;

/// <summary>Every unary elementary function of IScalar, by number, with a domain and its derivative.</summary>
internal readonly struct UnaryOp(int op) : Nabla.AutoDiff.IUnivariateFunction
{
    public static readonly string[] Names =
        ["sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "exp", "log", "sqrt", "cbrt", "abs", "sign",
         "pow3", "pow-2", "powreal", "sigmoid", "softplus", "relu", "square", "atan2y", "atan2x", "powbase", "powexp", "min", "max"];

    public static (double Lo, double Hi) Domain(int op) => Names[op] switch
    {
        "asin" or "acos" => (-0.9, 0.9),
        "tan" => (-1.2, 1.2),
        "log" or "sqrt" or "powreal" or "powbase" => (0.1, 3),
        "pow-2" => (0.2, 3),
        "cbrt" => (0.2, 3),
        _ => (-2.5, 2.5),
    };

    public T Evaluate<T>(T x) where T : IScalar<T> => Names[op] switch
    {
        "sin" => T.Sin(x), "cos" => T.Cos(x), "tan" => T.Tan(x), "asin" => T.Asin(x), "acos" => T.Acos(x),
        "atan" => T.Atan(x), "sinh" => T.Sinh(x), "cosh" => T.Cosh(x), "tanh" => T.Tanh(x), "exp" => T.Exp(x),
        "log" => T.Log(x), "sqrt" => T.Sqrt(x), "cbrt" => T.Cbrt(x), "abs" => T.Abs(x), "sign" => T.Sign(x) * x,
        "pow3" => T.Pow(x, 3), "pow-2" => T.Pow(x, -2), "powreal" => T.Pow(x, T.Constant(1.7)),
        "sigmoid" => T.Sigmoid(x), "softplus" => T.Softplus(x), "relu" => T.Relu(x) * x, "square" => T.Square(x),
        "atan2y" => T.Atan2(x, T.Constant(0.7)), "atan2x" => T.Atan2(T.Constant(-0.4), x),
        "powbase" => T.Pow(x, x * T.Constant(0.5)), "powexp" => T.Pow(T.Constant(1.3), x),
        "min" => T.Min(x * x, T.Constant(1.1) - x), "max" => T.Max(T.Sin(x), x * T.Constant(0.3)),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Hand-derived first derivative (independent of ElementaryRules).</summary>
    public double Derivative(double x) => Names[op] switch
    {
        "sin" => Math.Cos(x), "cos" => -Math.Sin(x), "tan" => 1 / (Math.Cos(x) * Math.Cos(x)),
        "asin" => 1 / Math.Sqrt(1 - x * x), "acos" => -1 / Math.Sqrt(1 - x * x), "atan" => 1 / (1 + x * x),
        "sinh" => Math.Cosh(x), "cosh" => Math.Sinh(x), "tanh" => 1 - Math.Tanh(x) * Math.Tanh(x),
        "exp" => Math.Exp(x), "log" => 1 / x, "sqrt" => 0.5 / Math.Sqrt(x), "cbrt" => 1 / (3 * Math.Cbrt(x) * Math.Cbrt(x)),
        "abs" => Math.Sign(x), "sign" => Math.Sign(x), "pow3" => 3 * x * x, "pow-2" => -2 / (x * x * x),
        "powreal" => 1.7 * Math.Pow(x, 0.7),
        "sigmoid" => Math.Exp(-x) / ((1 + Math.Exp(-x)) * (1 + Math.Exp(-x))), "softplus" => 1 / (1 + Math.Exp(-x)),
        "relu" => x > 0 ? 2 * x : 0, "square" => 2 * x,
        "atan2y" => 0.7 / (0.49 + x * x), "atan2x" => 0.4 / (0.16 + x * x),
        "powbase" => Math.Pow(x, 0.5 * x) * (0.5 * Math.Log(x) + 0.5),
        "powexp" => Math.Pow(1.3, x) * Math.Log(1.3),
        "min" => x * x <= 1.1 - x ? 2 * x : -1, "max" => Math.Sin(x) >= 0.3 * x ? Math.Cos(x) : 0.3,
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Points too close to a kink for a difference check.</summary>
    public bool NearKink(double x) => Names[op] switch
    {
        "abs" or "sign" or "relu" => Math.Abs(x) < 1e-3,
        "min" => Math.Abs(x * x - 1.1 + x) < 1e-3,
        "max" => Math.Abs(Math.Sin(x) - 0.3 * x) < 1e-3,
        _ => false,
    };
}
