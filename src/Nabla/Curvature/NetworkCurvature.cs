using Nabla.Learning;
using Nabla.Tensors;

namespace Nabla.Curvature;

/// <summary>
/// The bridge from the Learning layer: a trained network and data rows become the loss and the
/// Hessian operator the solvers of this layer take. Plain MLPs (tanh, relu, sigmoid, identity)
/// get the fused <see cref="MlpCrossEntropy"/> (cached forward state, two large products per
/// Hessian-vector product); other networks fall back to <see cref="TrainingLoss"/>'s double
/// backward.
/// </summary>
public static class NetworkCurvature
{
    /// <summary>The fused loss of <paramref name="network"/> on <paramref name="rows"/> of <paramref name="data"/> (standardised), or null when the architecture is not a plain MLP with a supported activation.</summary>
    public static MlpCrossEntropy? TryFused(Sequential<double> network, DataSet data, ReadOnlySpan<int> rows, Standardizer? standardizer)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        if (rows.Length == 0)
            throw new NablaInputException("curvature: no data rows");
        var arch = network.Architecture();
        if (arch is null)
            return null;
        var (sizes, activation) = arch.Value;
        if (!MlpCrossEntropy.IsSupported(activation) || sizes[0] != data.Features)
            return null;
        int d = data.Features;
        var x = new double[(long)rows.Length * d];
        var labels = new int[rows.Length];
        for (int k = 0; k < rows.Length; k++)
        {
            int r = rows[k];
            if (standardizer is null)
                data.Row(r).CopyTo(x.AsSpan(k * d, d));
            else
                standardizer.Apply(data.Row(r), x.AsSpan(k * d, d));
            labels[k] = data.Labels[r];
        }
        var loss = new MlpCrossEntropy(sizes, activation, x, labels);
        return loss.Dimension == network.ParameterCount ? loss : null;
    }

    /// <summary>The loss of a classifier on its "train", "test" or "all" rows (the first <paramref name="maxRows"/> of them).</summary>
    public static IDifferentiableLoss Loss(Classifier<double> classifier, DataSet data, string split = "train", int maxRows = int.MaxValue)
    {
        var rows = Rows(classifier, data, split, maxRows);
        return (IDifferentiableLoss?)TryFused(classifier.Network, data, rows, classifier.Standardizer)
            ?? new TrainingLossAdapter(new TrainingLoss(classifier.Network, data, rows, classifier.Standardizer));
    }

    /// <summary>H(θ) of a loss from <see cref="Loss"/> (cached state for the fused loss).</summary>
    public static ISymmetricOperator Hessian(IDifferentiableLoss loss, ReadOnlySpan<double> theta) => loss switch
    {
        MlpCrossEntropy m => m.HessianAt(theta),
        TrainingLossAdapter t => t.HessianAt(theta),
        _ => throw new NablaInputException($"curvature: no Hessian-vector product for a {loss.GetType().Name}"),
    };

    private static int[] Rows(Classifier<double> classifier, DataSet data, string split, int maxRows)
    {
        var rows = classifier.Rows(data, split);
        return rows.Length > maxRows ? rows[..maxRows] : rows;
    }

    /// <summary>A <see cref="TrainingLoss"/> seen as a differentiable loss with Hessian-vector products.</summary>
    public sealed class TrainingLossAdapter(TrainingLoss loss) : IDifferentiableLoss
    {
        public TrainingLoss Inner => loss;
        public int Dimension => loss.ParameterCount;
        public double Value(ReadOnlySpan<double> theta) => loss.Loss(theta);
        public double ValueAndGradient(ReadOnlySpan<double> theta, Span<double> gradient) => loss.LossAndGradient(theta, gradient);

        public ISymmetricOperator HessianAt(ReadOnlySpan<double> theta)
        {
            var at = theta.ToArray();
            return SymmetricOperator.FromDelegate(loss.ParameterCount, (v, hv) => loss.HessianVectorProduct(at, v, hv));
        }
    }
}
