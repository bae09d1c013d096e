using System.Numerics;

namespace Nabla.Tensors;

public static partial class Tensor
{
    public static Tensor<T> Tanh<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Activate(x, Activation.Tanh);
    public static Tensor<T> Relu<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Activate(x, Activation.Relu);
    public static Tensor<T> Sigmoid<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Activate(x, Activation.Sigmoid);
    public static Tensor<T> Softplus<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Activate(x, Activation.Softplus);
    public static Tensor<T> Gelu<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Activate(x, Activation.Gelu);

    /// <summary>
    /// σ(x) elementwise. The backward rule multiplies by σ'(x) written with tensor operations
    /// (tanh' = 1 - y², sigmoid' = y - y², softplus' = sigmoid, relu' = step, gelu' = Φ + xφ), so
    /// that second derivatives follow.
    /// </summary>
    public static Tensor<T> Activate<T>(Tensor<T> x, Activation activation) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (activation == Activation.Identity) return x;
        var y = new Tensor<T>(x.ShapeArray);
        Activations.Forward(activation, x.Data, y.Data);
        return Autograd.Record(y, Activations.Name(activation), [x], g => [Multiply(g, Derivative(activation, x, y))]);
    }

    /// <summary>σ'(x) as a differentiable tensor, from x and y = σ(x).</summary>
    private static Tensor<T> Derivative<T>(Activation activation, Tensor<T> x, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (activation)
        {
            case Activation.Tanh: return AddScalar(Negate(Square(y)), T.One);
            case Activation.Sigmoid: return Subtract(y, Square(y));
            case Activation.Softplus: return Sigmoid(x);
            case Activation.Relu:
                {
                    var step = new Tensor<T>(x.ShapeArray);
                    var xs = x.Data;
                    var s = step.Data;
                    for (int i = 0; i < s.Length; i++) s[i] = xs[i] > T.Zero ? T.One : T.Zero;
                    return step; // piecewise constant: its own derivative is zero
                }
            case Activation.Gelu: return GeluDerivative(x);
            default: throw new ArgumentOutOfRangeException(nameof(activation));
        }
    }

    /// <summary>Φ(x) + x φ(x), with derivative φ(x)(2 - x²).</summary>
    private static Tensor<T> GeluDerivative<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = new Tensor<T>(x.ShapeArray);
        var xs = x.Data;
        var d = r.Data;
        for (int i = 0; i < d.Length; i++) d[i] = Activations.GeluDerivative(xs[i]);
        return Autograd.Record(r, "gelu-derivative", [x], g =>
        {
            // φ(x) = exp(-x²/2)/√(2π) as tensor operations, so higher orders keep working.
            var phi = Scale(Exp(Scale(Square(x), T.CreateTruncating(-0.5))), T.CreateTruncating(1 / Math.Sqrt(2 * Math.PI)));
            return [Multiply(g, Multiply(phi, AddScalar(Negate(Square(x)), T.CreateTruncating(2))))];
        });
    }
}
