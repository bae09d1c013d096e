using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Learning;

/// <summary>Where a training run is, for progress bars (reported after every mini-batch).</summary>
public readonly record struct TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double BatchLoss);

/// <summary>
/// Mini-batch training of a Linear/activation <see cref="Sequential{T}"/> with softmax cross-entropy:
/// each epoch visits the rows in an order shuffled by the seeded <see cref="Rng"/>, and every step runs
/// the allocation-free fast path and the optimizer on the flat parameter vector.
/// </summary>
public sealed class Trainer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly MlpWorkspace<T> workspace;
    private int[] order = [];

    public Trainer(Sequential<T> model, IOptimizer<T> optimizer, int batchSize)
    {
        if (batchSize <= 0 || batchSize > 1 << 20) throw new NablaInputException($"batch size {batchSize} is outside 1..{1 << 20}");
        if (!MlpWorkspace<T>.Supports(model)) throw new NablaInputException("the trainer needs a network of Linear and activation layers starting with Linear");
        Model = model;
        Optimizer = optimizer;
        BatchSize = batchSize;
        workspace = new MlpWorkspace<T>(model, batchSize);
    }

    public Sequential<T> Model { get; }
    public IOptimizer<T> Optimizer { get; }
    public int BatchSize { get; }

    /// <summary>
    /// One pass over <paramref name="rows"/> in shuffled mini-batches (the last may be smaller).
    /// Returns the mean of the mini-batch losses.
    /// </summary>
    public double TrainEpoch(DataSet data, ReadOnlySpan<int> rows, Standardizer? standardizer, Rng rng,
        Action<int, int, double>? onBatch = null, CancellationToken cancellation = default)
    {
        if (order.Length != rows.Length) order = new int[rows.Length];
        rows.CopyTo(order);
        rng.Shuffle(order.AsSpan());
        int batches = (rows.Length + BatchSize - 1) / BatchSize;
        double sum = 0;
        for (int b = 0; b < batches; b++)
        {
            cancellation.ThrowIfCancellationRequested();
            int start = b * BatchSize, n = Math.Min(BatchSize, rows.Length - start);
            workspace.Load(data, order.AsSpan(start, n), standardizer);
            double loss = workspace.ForwardBackward(n);
            Optimizer.Step(Model.ParameterData, workspace.Gradient);
            sum += loss;
            onBatch?.Invoke(b + 1, batches, loss);
        }
        return batches > 0 ? sum / batches : double.NaN;
    }

    /// <summary>Mean cross-entropy and accuracy on <paramref name="rows"/>.</summary>
    public (double Loss, double Accuracy) Evaluate(DataSet data, ReadOnlySpan<int> rows, Standardizer? standardizer) =>
        workspace.Evaluate(data, rows, standardizer);
}
