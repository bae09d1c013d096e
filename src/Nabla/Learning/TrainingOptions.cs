using Nabla.Tensors;

namespace Nabla.Learning;

/// <summary>What to train: an MLP of <see cref="Layers"/> on a classification data set.</summary>
public sealed record TrainingOptions
{
    /// <summary>[inputs, hidden..., classes], e.g. [64, 32, 10].</summary>
    public int[] Layers { get; init; } = [64, 32, 10];
    public Activation Activation { get; init; } = Activation.Tanh;
    /// <summary>"adam" or "sgd".</summary>
    public string Optimizer { get; init; } = "adam";
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Momentum of SGD (ignored by Adam).</summary>
    public double Momentum { get; init; }
    public int BatchSize { get; init; } = 32;
    public int Epochs { get; init; } = 30;
    /// <summary>Seeds the weights, the train/test split and the mini-batch order.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>Share of rows held out for testing when no split is given.</summary>
    public double TestFraction { get; init; } = 0.2;
    /// <summary>Standardize features with the training rows' mean and deviation.</summary>
    public bool Standardize { get; init; } = true;

    public void Validate()
    {
        if (Layers.Length < 2) throw new NablaInputException("--layers needs at least two sizes (inputs and classes)");
        if (Epochs < 0 || Epochs > 100_000) throw new NablaInputException($"epochs {Epochs} is outside 0..100000");
        if (BatchSize <= 0 || BatchSize > 1 << 20) throw new NablaInputException($"batch size {BatchSize} is outside 1..{1 << 20}");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new NablaInputException($"learning rate {LearningRate} must be a positive number");
    }
}

/// <summary>Metrics after one epoch (losses are mean cross-entropy; the train figures are measured after the epoch).</summary>
public sealed record EpochMetrics(int Epoch, double TrainLoss, double TrainAccuracy, double TestLoss, double TestAccuracy, double Seconds);

/// <summary>A trained classifier with the per-epoch history and the split it was trained on.</summary>
public sealed record TrainingResult<T>(Classifier<T> Model, IReadOnlyList<EpochMetrics> Epochs, DataSplit Split)
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>;
