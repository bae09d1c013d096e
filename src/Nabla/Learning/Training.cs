using System.Diagnostics;
using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Learning;

/// <summary>
/// The whole recipe behind <c>nabla train</c>: split (seeded), standardize from the training rows,
/// build the MLP (seeded), train with Adam or SGD, measure train/test loss and accuracy each epoch.
/// Deterministic for a seed.
/// </summary>
public static class Training
{
    public static TrainingResult<T> TrainClassifier<T>(DataSet data, TrainingOptions options, DataSplit? split = null,
        Action<EpochMetrics>? onEpoch = null, Action<TrainingProgress>? onProgress = null, CancellationToken cancellation = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        options.Validate();
        if (options.Layers[0] != data.Features)
            throw new NablaInputException($"--layers starts with {options.Layers[0]} inputs but '{data.Name}' has {data.Features} features");
        if (options.Layers[^1] < data.Classes)
            throw new NablaInputException($"--layers ends with {options.Layers[^1]} outputs but '{data.Name}' has {data.Classes} classes");
        split ??= DataSplit.Random(data.Count, options.TestFraction, options.Seed);
        if (split.Train.Length == 0) throw new NablaInputException("the training split is empty");
        var standardizer = options.Standardize ? Standardizer.Fit(data, split.Train) : Standardizer.Identity(data.Features);
        var model = Sequential<T>.Mlp(options.Layers, options.Activation, options.Seed);
        var optimizer = Optimizers.Create<T>(options.Optimizer, options.LearningRate, options.Momentum);
        // A batch larger than the training rows is the full batch: size the buffers by what is used.
        var trainer = new Trainer<T>(model, optimizer, Math.Min(options.BatchSize, split.Train.Length));
        var rng = new Rng(options.Seed ^ 0x5EED_BA7C_0000_0001UL);
        var history = new List<EpochMetrics>();
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            int e = epoch;
            trainer.TrainEpoch(data, split.Train, standardizer, rng,
                onProgress is null ? null : (b, n, loss) => onProgress(new TrainingProgress(e, options.Epochs, b, n, loss)), cancellation);
            double seconds = clock.Elapsed.TotalSeconds;
            var (trainLoss, trainAcc) = trainer.Evaluate(data, split.Train, standardizer);
            var (testLoss, testAcc) = trainer.Evaluate(data, split.Test, standardizer);
            var m = new EpochMetrics(epoch, trainLoss, trainAcc, testLoss, testAcc, seconds);
            history.Add(m);
            onEpoch?.Invoke(m);
        }
        var info = new ModelInfo(data.Name, options.Layers.ToArray(), options.Activation, data.Count, split);
        return new TrainingResult<T>(new Classifier<T>(model, standardizer, info), history, split);
    }
}
