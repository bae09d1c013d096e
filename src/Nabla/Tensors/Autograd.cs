using System.Numerics;

namespace Nabla.Tensors;

/// <summary>
/// Reverse-mode differentiation over recorded tensor operations. <see cref="Grad{T}"/> walks the
/// graph from an output back to the requested inputs; with <c>createGraph</c> the backward rules run
/// while recording, so the gradients it returns can be differentiated again (double backward:
/// Hessian-vector products by Pearlmutter's trick, <see cref="HessianVectorProduct{T}"/>).
/// </summary>
public static class Autograd
{
    [ThreadStatic] private static int noGradDepth;

    /// <summary>True when operations on tensors that require gradients record their backward rule.</summary>
    public static bool IsRecording => noGradDepth == 0;

    /// <summary>Stops recording on this thread until disposed (inference, optimizer updates).</summary>
    public static NoGradScope NoGrad() => new(+1);

    internal static NoGradScope Recording(bool on) => new(on ? 0 : 1);

    public readonly struct NoGradScope : IDisposable
    {
        private readonly int delta;
        private readonly int saved;
        internal NoGradScope(int delta)
        {
            this.delta = delta;
            saved = noGradDepth;
            noGradDepth = delta == 0 ? 0 : noGradDepth + delta;
        }
        public void Dispose() => noGradDepth = delta == 0 ? saved : noGradDepth - delta;
    }

    internal static Tensor<T> Record<T>(Tensor<T> result, string name, Tensor<T>[] inputs, Func<Tensor<T>, Tensor<T>?[]> backward)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!IsRecording) return result;
        foreach (var input in inputs)
        {
            if (input.RequiresGrad)
            {
                result.Node = new GradNode<T>(name, inputs, backward);
                break;
            }
        }
        return result;
    }

    /// <summary>
    /// Gradients of <paramref name="output"/> (seeded with <paramref name="gradOutput"/>, default all
    /// ones) with respect to each of <paramref name="inputs"/>; zeros for inputs it does not depend on.
    /// With <paramref name="createGraph"/> the results carry their own history.
    /// </summary>
    public static Tensor<T>[] Grad<T>(Tensor<T> output, IReadOnlyList<Tensor<T>> inputs, bool createGraph = false, Tensor<T>? gradOutput = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var grads = Propagate(output, gradOutput, createGraph);
        var result = new Tensor<T>[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
            result[i] = grads.TryGetValue(inputs[i], out var g) ? g : Tensor<T>.Zeros(inputs[i].ShapeArray);
        return result;
    }

    /// <summary>Accumulates d(output)/d(leaf) into <see cref="Tensor{T}.Grad"/> of every leaf that requires a gradient.</summary>
    public static void Backward<T>(Tensor<T> output, Tensor<T>? gradOutput = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var grads = Propagate(output, gradOutput, createGraph: false);
        using var _ = NoGrad();
        foreach (var (t, g) in grads)
        {
            if (!t.IsLeaf || !t.RequiresGrad) continue;
            t.Grad = t.Grad is null ? g : Tensor.Add(t.Grad, g);
        }
    }

    /// <summary>
    /// H v for the scalar <paramref name="loss"/> as a function of <paramref name="parameters"/>: the
    /// gradient g is computed with its history, then (g · v) is differentiated again.
    /// </summary>
    public static Tensor<T>[] HessianVectorProduct<T>(Tensor<T> loss, IReadOnlyList<Tensor<T>> parameters, IReadOnlyList<Tensor<T>> v)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (v.Count != parameters.Count) throw new TensorShapeException($"HessianVectorProduct: {v.Count} direction tensors for {parameters.Count} parameters");
        var g = Grad(loss, parameters, createGraph: true);
        Tensor<T>? gv = null;
        for (int i = 0; i < g.Length; i++)
        {
            var term = Tensor.Dot(Tensor.Reshape(g[i], -1), Tensor.Reshape(v[i].Detach(), -1));
            gv = gv is null ? term : Tensor.Add(gv, term);
        }
        if (gv is null || !gv.RequiresGrad)
        {
            var zeros = new Tensor<T>[parameters.Count];
            for (int i = 0; i < zeros.Length; i++) zeros[i] = Tensor<T>.Zeros(parameters[i].ShapeArray);
            return zeros;
        }
        return Grad(gv, parameters);
    }

    private static Dictionary<Tensor<T>, Tensor<T>> Propagate<T>(Tensor<T> output, Tensor<T>? gradOutput, bool createGraph)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (gradOutput is not null && !Shapes.Equal(gradOutput.Shape, output.Shape))
            throw new TensorShapeException($"Grad: seed of shape {Shapes.Format(gradOutput.Shape)} for an output of shape {Shapes.Format(output.Shape)}");
        var order = TopologicalOrder(output);
        var grads = new Dictionary<Tensor<T>, Tensor<T>>(ReferenceEqualityComparer.Instance);
        grads[output] = gradOutput ?? Tensor<T>.Ones(output.ShapeArray);
        using var _ = Recording(createGraph);
        for (int n = order.Count - 1; n >= 0; n--)
        {
            var t = order[n];
            if (t.Node is null || !grads.TryGetValue(t, out var g)) continue;
            var inputGrads = t.Node.Backward(g);
            for (int i = 0; i < inputGrads.Length; i++)
            {
                var gi = inputGrads[i];
                var input = t.Node.Inputs[i];
                if (gi is null || !input.RequiresGrad) continue;
                grads[input] = grads.TryGetValue(input, out var existing) ? Tensor.Add(existing, gi) : gi;
            }
        }
        return grads;
    }

    /// <summary>Post-order of the recorded graph below <paramref name="root"/>, by an explicit stack (no recursion depth limit).</summary>
    private static List<Tensor<T>> TopologicalOrder<T>(Tensor<T> root) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var order = new List<Tensor<T>>();
        var visited = new HashSet<Tensor<T>>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor<T> Tensor, int Next)>();
        stack.Push((root, 0));
        visited.Add(root);
        while (stack.Count > 0)
        {
            var (t, next) = stack.Pop();
            var inputs = t.Node?.Inputs;
            if (inputs is not null && next < inputs.Length)
            {
                stack.Push((t, next + 1));
                var child = inputs[next];
                if (child.RequiresGrad && visited.Add(child)) stack.Push((child, 0));
                continue;
            }
            order.Add(t);
        }
        return order;
    }
}
