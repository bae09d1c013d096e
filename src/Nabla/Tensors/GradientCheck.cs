namespace Nabla.Tensors;

/// <summary>Result of comparing autograd gradients with central finite differences.</summary>
public sealed record GradientCheckResult(double MaxAbsoluteError, double MaxRelativeError, int Checked, bool Passed);

/// <summary>
/// Checks reverse-mode gradients of a scalar function of float64 tensors against central differences
/// (f(x + h e_i) - f(x - h e_i)) / 2h, element by element.
/// </summary>
public static class GradientCheck
{
    public static GradientCheckResult Check(Func<Tensor<double>[], Tensor<double>> f, Tensor<double>[] inputs,
        double step = 1e-6, double tolerance = 1e-5, int maxElements = int.MaxValue)
    {
        var leaves = new Tensor<double>[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            leaves[i] = inputs[i].Clone();
            leaves[i].RequiresGrad = true;
        }
        var output = f(leaves);
        if (output.Size != 1) throw new TensorShapeException($"GradientCheck: the function must return one value, got shape {Shapes.Format(output.Shape)}");
        var grads = Autograd.Grad(output, leaves);
        double maxAbs = 0, maxRel = 0;
        int count = 0;
        using var _ = Autograd.NoGrad();
        for (int t = 0; t < leaves.Length; t++)
        {
            var data = leaves[t].Data;
            for (int i = 0; i < data.Length && count < maxElements; i++, count++)
            {
                double saved = data[i];
                data[i] = saved + step;
                double fp = f(leaves).Item();
                data[i] = saved - step;
                double fm = f(leaves).Item();
                data[i] = saved;
                double numeric = (fp - fm) / (2 * step);
                double analytic = grads[t].Data[i];
                double abs = Math.Abs(numeric - analytic);
                maxAbs = Math.Max(maxAbs, abs);
                maxRel = Math.Max(maxRel, abs / Math.Max(1.0, Math.Abs(numeric)));
            }
        }
        return new GradientCheckResult(maxAbs, maxRel, count, maxRel <= tolerance);
    }
}
