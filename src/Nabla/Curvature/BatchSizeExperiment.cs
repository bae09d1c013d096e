using System.Diagnostics;
using Nabla.Learning;
using Nabla.Tensors;

namespace Nabla.Curvature;

/// <summary>Settings of the small- versus large-batch experiment (Keskar et al. 2017, reproduced on a small scale).</summary>
public sealed record BatchSizeExperimentOptions
{
    public int[] Layers { get; init; } = [64, 32, 10];
    public Activation Activation { get; init; } = Activation.Tanh;
    public int Epochs { get; init; } = 30;
    public double LearningRate { get; init; } = 1e-3;
    public int SmallBatch { get; init; } = 32;
    /// <summary>The large batch as a fraction of the training set (Keskar et al.: 10%).</summary>
    public double LargeBatchFraction { get; init; } = 0.1;
    public int Seeds { get; init; } = 3;
    public ulong FirstSeed { get; init; } = 1;
    public double TestFraction { get; init; } = 0.2;
    /// <summary>Keskar ε for the sharpness columns (each in the full space and a random 100-dimensional subspace).</summary>
    public double Epsilon { get; init; } = 1e-3;
    public int KeskarIterations { get; init; } = 10;
    public int TraceSamples { get; init; } = 100;
    /// <summary>α grid of the parametric line θ(α) = (1 − α) θ_SB + α θ_LB.</summary>
    public int LinePoints { get; init; } = 31;
    /// <summary>Rescaling factors for the Dinh et al. demonstration (on a ReLU network trained with the small batch).</summary>
    public double[] RescaleFactors { get; init; } = [0.25, 1, 4];

    public void Validate()
    {
        if (Seeds < 1 || Seeds > 100) throw new NablaInputException($"--seeds must be between 1 and 100 (got {Seeds})");
        if (Epochs < 1) throw new NablaInputException($"epochs must be at least 1 (got {Epochs})");
        if (SmallBatch < 1) throw new NablaInputException($"small batch must be at least 1 (got {SmallBatch})");
        if (!(LargeBatchFraction > 0 && LargeBatchFraction <= 1)) throw new NablaInputException($"large-batch fraction must be in (0, 1] (got {LargeBatchFraction})");
        if (LinePoints < 2) throw new NablaInputException($"line points must be at least 2 (got {LinePoints})");
    }
}

/// <summary>The measurements of one trained model.</summary>
public sealed record MinimizerMetrics(
    int BatchSize,
    double TrainLoss,
    double TrainAccuracy,
    double TestLoss,
    double TestAccuracy,
    double TopEigenvalue,
    double TopEigenvalueResidual,
    double Trace,
    double TraceStandardError,
    double SharpnessFull,
    double SharpnessSubspace,
    double TrainSeconds)
{
    public double GeneralizationGap => TrainAccuracy - TestAccuracy;
}

/// <summary>One seed: small- and large-batch models from the same initialisation, and the line between them.</summary>
/// <remarks>LargeSameSteps is the control: the large batch trained for as many updates as the small batch (LargeSameStepsEpochs = epochs × large / small), so that both are comparably converged.</remarks>
public sealed record SeedResult(ulong Seed, MinimizerMetrics Small, MinimizerMetrics Large, MinimizerMetrics LargeSameSteps, int LargeSameStepsEpochs, double[] Alphas, double[] LineTrainLoss, double[] LineTestLoss, double[] LineTrainAccuracy, double[] LineTestAccuracy, double Seconds);

/// <summary>Dinh et al.'s caveat measured: one ReLU model, rescaled; same function, different sharpness.</summary>
public sealed record RescalingRow(double Alpha, double TrainLoss, double MaxLogitChange, double TopEigenvalue, double SharpnessFull);

/// <summary>The whole experiment.</summary>
public sealed record BatchSizeExperimentResult(BatchSizeExperimentOptions Options, string Data, int TrainSamples, int TestSamples, int LargeBatch, int Parameters, IReadOnlyList<SeedResult> Seeds, IReadOnlyList<RescalingRow> Rescaling, double Seconds);

/// <summary>
/// Keskar et al.'s experiment on a small scale: for each seed, train the same initial network with
/// a small batch and with a large batch (same optimiser, learning rate and number of epochs), then
/// measure accuracy, generalisation gap, top Hessian eigenvalue (Lanczos), trace (Hutchinson) and
/// ε-sharpness of the training loss at both minimisers, and the loss on the line through them.
/// Each seed is reported through a callback as soon as it is done, so an interrupted run keeps
/// the finished seeds.
/// </summary>
public static class BatchSizeExperiment
{
    public static BatchSizeExperimentResult Run(DataSet data, BatchSizeExperimentOptions options, Action<SeedResult>? onSeed = null, IProgress<string>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        options.Validate();
        var clock = Stopwatch.StartNew();
        var seeds = new List<SeedResult>();
        int trainCount = 0, testCount = 0, large = 0, parameters = 0;
        for (int s = 0; s < options.Seeds; s++)
        {
            cancellation.ThrowIfCancellationRequested();
            ulong seed = options.FirstSeed + (ulong)s;
            var seedClock = Stopwatch.StartNew();
            var split = DataSplit.Random(data.Count, options.TestFraction, seed);
            trainCount = split.Train.Length;
            testCount = split.Test.Length;
            large = Math.Max(1, (int)Math.Round(options.LargeBatchFraction * trainCount));
            progress?.Report($"seed {seed}: training small batch ({options.SmallBatch})");
            var sb = Train(data, options, split, seed, options.SmallBatch, cancellation);
            progress?.Report($"seed {seed}: training large batch ({large})");
            var lb = Train(data, options, split, seed, large, cancellation);
            int controlEpochs = (int)Math.Ceiling((double)options.Epochs * large / options.SmallBatch);
            progress?.Report($"seed {seed}: training large batch ({large}) for {controlEpochs} epochs (as many updates as the small batch)");
            var lbc = Train(data, options with { Epochs = controlEpochs }, split, seed, large, cancellation);
            progress?.Report($"seed {seed}: curvature of the small-batch minimiser");
            var (sbMetrics, sbTrain, sbTest) = Measure(data, sb.Model, sb.Epochs[^1], options, (int)seed, options.SmallBatch, sb.Seconds);
            progress?.Report($"seed {seed}: curvature of the large-batch minimiser");
            var (lbMetrics, _, _) = Measure(data, lb.Model, lb.Epochs[^1], options, (int)seed, large, lb.Seconds);
            var (lbcMetrics, _, _) = Measure(data, lbc.Model, lbc.Epochs[^1], options, (int)seed, large, lbc.Seconds);
            parameters = sbTrain.Dimension;
            progress?.Report($"seed {seed}: parametric line");
            var thetaS = sb.Model.Network.ParameterData.ToArray();
            var thetaL = lb.Model.Network.ParameterData.ToArray();
            var alphas = ParametricLine.Alphas(-1, 2, options.LinePoints);
            var line = ParametricLine.Evaluate(thetaS, thetaL, alphas, sbTrain.Value, sbTest.Value, t => sbTrain.Accuracy(t), t => sbTest.Accuracy(t));
            var result = new SeedResult(seed, sbMetrics, lbMetrics, lbcMetrics, controlEpochs, alphas, line[0], line[1], line[2], line[3], seedClock.Elapsed.TotalSeconds);
            seeds.Add(result);
            onSeed?.Invoke(result);
        }
        progress?.Report("Dinh et al. rescaling");
        var rescaling = Rescaling(data, options, cancellation);
        return new BatchSizeExperimentResult(options, data.Name, trainCount, testCount, large, parameters, seeds, rescaling, clock.Elapsed.TotalSeconds);
    }

    private static (Classifier<double> Model, IReadOnlyList<EpochMetrics> Epochs, double Seconds) Train(DataSet data, BatchSizeExperimentOptions o, DataSplit split, ulong seed, int batch, CancellationToken ct, Activation? activation = null)
    {
        var clock = Stopwatch.StartNew();
        // The same seed gives the same initial weights and the same split for both batch sizes.
        var r = Training.TrainClassifier<double>(data, new TrainingOptions
        {
            Layers = o.Layers, Activation = activation ?? o.Activation, Optimizer = "adam", LearningRate = o.LearningRate,
            BatchSize = batch, Epochs = o.Epochs, Seed = seed, TestFraction = o.TestFraction,
        }, split, cancellation: ct);
        return (r.Model, r.Epochs, clock.Elapsed.TotalSeconds);
    }

    private static (MinimizerMetrics, MlpCrossEntropy Train, MlpCrossEntropy Test) Measure(DataSet data, Classifier<double> model, EpochMetrics last, BatchSizeExperimentOptions o, int seed, int batch, double seconds)
    {
        var train = NetworkCurvature.TryFused(model.Network, data, model.Rows(data, "train"), model.Standardizer)
            ?? throw new NablaInputException("the batch-size experiment needs a plain MLP with tanh, relu, sigmoid or identity");
        var test = NetworkCurvature.TryFused(model.Network, data, model.Rows(data, "test"), model.Standardizer)!;
        var theta = model.Network.ParameterData.ToArray();
        var h = train.HessianAt(theta);
        var top = Lanczos.Compute(h, new LanczosOptions { Largest = 1, Tolerance = 1e-6, Seed = seed, ComputeVectors = false }).Largest[0];
        var tr = HutchinsonTrace.Estimate(h, new HutchinsonOptions { MaxSamples = o.TraceSamples, Seed = seed });
        var full = KeskarSharpness.Compute(train, theta, new KeskarOptions { Epsilon = o.Epsilon, Iterations = o.KeskarIterations, Seed = seed });
        var sub = KeskarSharpness.Compute(train, theta, new KeskarOptions { Epsilon = o.Epsilon, Iterations = o.KeskarIterations, Seed = seed, SubspaceDimension = Math.Min(100, train.Dimension) });
        var m = new MinimizerMetrics(batch, train.Value(theta), train.Accuracy(theta), test.Value(theta), test.Accuracy(theta),
            top.Value, top.Residual, tr.Estimate, tr.StandardError, full.Sharpness, sub.Sharpness, seconds);
        return (m, train, test);
    }

    private static List<RescalingRow> Rescaling(DataSet data, BatchSizeExperimentOptions o, CancellationToken ct)
    {
        var split = DataSplit.Random(data.Count, o.TestFraction, o.FirstSeed);
        var (model, _, _) = Train(data, o, split, o.FirstSeed, o.SmallBatch, ct, Activation.Relu);
        var train = NetworkCurvature.TryFused(model.Network, data, model.Rows(data, "train"), model.Standardizer)!;
        var theta = model.Network.ParameterData.ToArray();
        var rows = new List<RescalingRow>();
        var baseLogits = Logits(train, theta);
        foreach (double alpha in o.RescaleFactors)
        {
            var t = LayerRescaling.Rescale(train, theta, 0, alpha);
            var logits = Logits(train, t);
            double change = 0;
            for (int i = 0; i < logits.Length; i++)
                change = Math.Max(change, Math.Abs(logits[i] - baseLogits[i]));
            var h = train.HessianAt(t);
            var top = Lanczos.Compute(h, new LanczosOptions { Largest = 1, Tolerance = 1e-6, ComputeVectors = false }).Largest[0].Value;
            var phi = KeskarSharpness.Compute(train, t, new KeskarOptions { Epsilon = o.Epsilon, Iterations = o.KeskarIterations }).Sharpness;
            rows.Add(new RescalingRow(alpha, train.Value(t), change, top, phi));
        }
        return rows;
    }

    private static double[] Logits(MlpCrossEntropy net, double[] theta) => net.Logits(theta);
}
