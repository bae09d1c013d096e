using CsCheck;
using Nabla.Tensors;
using T = Nabla.Tensors.Tensor;

namespace Nabla.Tests.Tensors;

/// <summary>Every operation's first and second derivatives against central finite differences over random shapes.</summary>
public class OpGradientTests
{
    private static Tensor<double> Rand(Rng rng, double lo, double hi, params int[] shape)
    {
        var t = Tensor<double>.Zeros(shape);
        Init.Uniform(t.Data, lo, hi, rng);
        return t;
    }

    /// <summary>Checks d/dx Σ R⊙op(x) and the Hessian-vector product of that sum against finite differences.</summary>
    private static void Check(Func<Tensor<double>[], Tensor<double>> op, Rng rng, params Tensor<double>[] inputs)
    {
        Tensor<double> weights;
        using (Autograd.NoGrad()) weights = Rand(rng, -1, 1, op(inputs).Shape.ToArray());
        Tensor<double> F(Tensor<double>[] xs) => T.Sum(T.Multiply(op(xs), weights));

        var first = GradientCheck.Check(F, inputs, step: 1e-6, tolerance: 1e-6);
        Assert.True(first.Passed, $"gradient: max relative error {first.MaxRelativeError:E2}");

        // Second order: H v by double backward vs (∇F(x + h v) - ∇F(x - h v)) / 2h.
        var leaves = inputs.Select(x => { var c = x.Clone(); c.RequiresGrad = true; return c; }).ToArray();
        var v = inputs.Select(x => Rand(rng, -1, 1, x.Shape.ToArray())).ToArray();
        var hv = Autograd.HessianVectorProduct(F(leaves), leaves, v);
        const double h = 1e-5;
        Tensor<double>[] GradAt(double s)
        {
            var xs = inputs.Select((x, i) =>
            {
                var c = x.Clone();
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(v[i].Data, s, c.Data, c.Data);
                c.RequiresGrad = true;
                return c;
            }).ToArray();
            return Autograd.Grad(F(xs), xs);
        }
        var gp = GradAt(h);
        var gm = GradAt(-h);
        for (int i = 0; i < inputs.Length; i++)
            for (int k = 0; k < hv[i].Size; k++)
            {
                double fd = (gp[i].Data[k] - gm[i].Data[k]) / (2 * h);
                Assert.True(Math.Abs(fd - hv[i].Data[k]) <= 1e-5 * Math.Max(1, Math.Abs(fd)), $"Hv[{i}][{k}] = {hv[i].Data[k]}, finite differences {fd}");
            }
    }

    private static readonly Gen<(int, int, int, ulong)> Dims = Gen.Select(Gen.Int[1, 5], Gen.Int[1, 5], Gen.Int[1, 4], Gen.ULong);

    [Fact]
    public void BroadcastingArithmetic() => Dims.Sample((m, n, kind, seed) =>
    {
        var rng = new Rng(seed);
        var a = Rand(rng, -2, 2, m, n);
        int[] bShape = kind switch { 1 => [m, n], 2 => [n], 3 => [m, 1], _ => [] };
        var b = Rand(rng, 0.5, 2, bShape);
        Check(x => T.Add(x[0], x[1]), rng, a, b);
        Check(x => T.Subtract(x[1], x[0]), rng, a, b);
        Check(x => T.Multiply(x[0], x[1]), rng, a, b);
        Check(x => T.Divide(x[0], x[1]), rng, a, b);
        Check(x => T.Divide(x[1], T.AddScalar(T.Square(x[0]), 1.0)), rng, a, b);
    }, iter: 12);

    [Fact]
    public void UnaryAndActivations() => Dims.Sample((m, n, _, seed) =>
    {
        var rng = new Rng(seed);
        var x = Rand(rng, -2, 2, m, n);
        var pos = Rand(rng, 0.3, 3, m, n);
        Check(t => T.Negate(t[0]), rng, x);
        Check(t => T.Scale(t[0], 2.5), rng, x);
        Check(t => T.Square(t[0]), rng, x);
        Check(t => T.Exp(t[0]), rng, x);
        Check(t => T.Log(t[0]), rng, pos);
        Check(t => T.Sqrt(t[0]), rng, pos);
        foreach (var act in new[] { Activation.Tanh, Activation.Sigmoid, Activation.Softplus, Activation.Gelu, Activation.Relu })
            Check(t => T.Activate(t[0], act), rng, x);
    }, iter: 8);

    [Fact]
    public void MatrixProducts() => Gen.Select(Gen.Int[1, 5], Gen.Int[1, 5], Gen.Int[1, 5], Gen.Int[0, 3], Gen.ULong).Sample((m, n, k, flags, seed) =>
    {
        var rng = new Rng(seed);
        bool ta = (flags & 1) != 0, tb = (flags & 2) != 0;
        var a = Rand(rng, -1, 1, ta ? [k, m] : [m, k]);
        var b = Rand(rng, -1, 1, tb ? [n, k] : [k, n]);
        Check(x => T.MatMul(x[0], x[1], ta, tb), rng, a, b);
        // A nonlinear use, so second derivatives are not trivially zero.
        Check(x => T.Tanh(T.MatMul(x[0], x[1], ta, tb)), rng, a, b);
        var ab = Rand(rng, -1, 1, 2, m, k);
        var bb = Rand(rng, -1, 1, 2, k, n);
        Check(x => T.Square(T.MatMul(x[0], x[1])), rng, ab, bb);
    }, iter: 10);

    [Fact]
    public void ShapeOperations() => Dims.Sample((m, n, k, seed) =>
    {
        var rng = new Rng(seed);
        var x = Rand(rng, -1, 1, m, n);
        Check(t => T.Square(T.Transpose(t[0])), rng, x);
        Check(t => T.Square(T.Reshape(t[0], -1)), rng, x);
        Check(t => T.Square(T.BroadcastTo(t[0], k, m, n)), rng, x);
        Check(t => T.Square(T.SumTo(t[0], 1, n)), rng, x);
        Check(t => T.Square(T.SumTo(t[0], m, 1)), rng, x);
        int start = m > 1 ? 1 : 0;
        Check(t => T.Square(T.SliceRows(t[0], start, m - start)), rng, x);
        Check(t => T.Square(T.Narrow(t[0], 1, 0, (n + 1) / 2)), rng, x);
        var y = Rand(rng, -1, 1, k, n);
        Check(t => T.Square(T.Concat([t[0], t[1]], 0)), rng, x, y);
        var z = Rand(rng, -1, 1, m, k);
        Check(t => T.Square(T.Concat([t[0], t[1]], 1)), rng, x, z);
    }, iter: 10);

    [Fact]
    public void Reductions() => Dims.Sample((m, n, k, seed) =>
    {
        var rng = new Rng(seed);
        var x = Rand(rng, -1, 1, m, n, k);
        Check(t => T.Square(T.Sum(t[0])), rng, x);
        Check(t => T.Square(T.Sum(t[0], 1)), rng, x);
        Check(t => T.Square(T.Sum(t[0], -1, keepDim: true)), rng, x);
        Check(t => T.Square(T.Mean(t[0], 0)), rng, x);
        Check(t => T.Square(T.Mean(t[0])), rng, x);
        var v = Rand(rng, -1, 1, n * k);
        var w = Rand(rng, -1, 1, n * k);
        Check(t => T.Square(T.Dot(t[0], t[1])), rng, v, w);
        Check(t => T.Norm(t[0]), rng, Rand(rng, 0.5, 1, m, n));
        Check(t => T.Square(T.Norm(t[0], 1)), rng, Rand(rng, 0.5, 1, m, n));
        Check(t => T.Abs(t[0]), rng, Rand(rng, -1, -0.1, m, n));
    }, iter: 10);

    [Fact]
    public void LossesAndSoftmax() => Dims.Sample((m, c, _, seed) =>
    {
        var rng = new Rng(seed);
        int classes = c + 1;
        var logits = Rand(rng, -2, 2, m, classes);
        var labels = Enumerable.Range(0, m).Select(_ => rng.NextInt(classes)).ToArray();
        Check(t => T.LogSoftmax(t[0]), rng, logits);
        Check(t => T.Softmax(t[0]), rng, logits);
        Check(t => T.CrossEntropy(t[0], labels), rng, logits);
        var target = Rand(rng, -1, 1, m, classes);
        Check(t => T.MeanSquaredError(t[0], t[1]), rng, logits, target);
    }, iter: 10);

    [Fact]
    public void CrossEntropyMatchesItsDefinition()
    {
        var logits = Tensor<double>.FromArray([1.0, 2.0, 3.0, 0.5, 0.5, 0.5], 2, 3);
        double l0 = -(1.0 - Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)));
        double l1 = Math.Log(3);
        Assert.Equal((l0 + l1) / 2, T.CrossEntropy(logits, [0, 2]).Item(), 12);
    }

    [Fact]
    public void BadShapesAreTypedErrors()
    {
        var a = Tensor<double>.Zeros(2, 3);
        var b = Tensor<double>.Zeros(4, 3);
        Assert.Throws<TensorShapeException>(() => T.Add(a, b));
        Assert.Throws<TensorShapeException>(() => T.MatMul(a, b));
        Assert.Throws<TensorShapeException>(() => T.Reshape(a, 4, 2));
        Assert.Throws<TensorShapeException>(() => T.CrossEntropy(a, [0, 3]));
        Assert.Throws<TensorShapeException>(() => T.Narrow(a, 1, 2, 2));
        Assert.IsAssignableFrom<NablaInputException>(Assert.Throws<TensorShapeException>(() => Tensor<double>.Zeros(1 << 16, 1 << 16)));
    }

    [Fact]
    public void FloatTensorsComputeTheSameAsDouble()
    {
        var rng = new Rng(3);
        var a = Rand(rng, -1, 1, 5, 7);
        var b = Rand(rng, -1, 1, 7, 4);
        var ad = a.Clone(); ad.RequiresGrad = true;
        var loss = T.Sum(T.Tanh(T.MatMul(ad, b)));
        var g = Autograd.Grad(loss, [ad])[0];
        var af = Tensor<float>.FromArray(a.ToArray().Select(x => (float)x).ToArray(), 5, 7);
        af.RequiresGrad = true;
        var bf = Tensor<float>.FromArray(b.ToArray().Select(x => (float)x).ToArray(), 7, 4);
        var lossF = T.Sum(T.Tanh(T.MatMul(af, bf)));
        var gf = Autograd.Grad(lossF, [af])[0];
        Assert.Equal(loss.Item(), lossF.Item(), 4);
        for (int i = 0; i < g.Size; i++) Assert.Equal(g.Data[i], gf.Data[i], 4);
    }

    [Fact]
    public void BackwardAccumulatesIntoLeavesAndNoGradRecordsNothing()
    {
        var w = Tensor<double>.FromArray([1.0, 2.0], 2);
        w.RequiresGrad = true;
        Autograd.Backward(T.Sum(T.Square(w)));
        Autograd.Backward(T.Sum(T.Square(w)));
        Assert.Equal([4.0, 8.0], w.Grad!.ToArray());
        using (Autograd.NoGrad())
            Assert.True(T.Square(w).IsLeaf);
    }

    [Fact]
    public void DeepChainsDoNotOverflowTheStack()
    {
        var x = Tensor<double>.FromArray([0.5], 1);
        x.RequiresGrad = true;
        var y = x;
        for (int i = 0; i < 100_000; i++) y = T.AddScalar(y, 0.0);
        Assert.Equal(1.0, Autograd.Grad(T.Sum(y), [x])[0].Item());
    }
}
