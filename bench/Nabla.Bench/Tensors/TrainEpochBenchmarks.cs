using BenchmarkDotNet.Attributes;
using Nabla.Learning;
using Nabla.Tensors;

namespace Nabla.Bench.Tensors;

/// <summary>
/// One epoch of plain SGD (lr 0.01, softmax cross-entropy, shuffled mini-batches), the workload of
/// bench/peers/train.py: digits 64-128-10 tanh on all 1797 rows, Fashion-MNIST 784-256-256-10 relu
/// on the first 10 000 training images. samples/s = rows / mean time.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class TrainEpochBenchmarks
{
    [Params("digits", "fashion-mnist")]
    public string Data = "digits";

    [Params(32, 256)]
    public int Batch;

    [Params("fp32", "fp64")]
    public string Precision = "fp32";

    private Action epoch = () => { };

    public int Rows { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        DataSet data;
        int[] layers;
        Activation act;
        if (Data == "digits")
        {
            data = DataSets.Digits(FindDigits());
            layers = [64, 128, 10];
            act = Activation.Tanh;
        }
        else
        {
            var all = DataSets.FashionMnist(DataSets.FashionMnistDefaultDirectory);
            data = all.Subset(Enumerable.Range(0, 10_000).ToArray());
            layers = [784, 256, 256, 10];
            act = Activation.Relu;
        }
        Rows = data.Count;
        var rows = Enumerable.Range(0, data.Count).ToArray();
        var std = Standardizer.Fit(data, rows);
        var rng = new Rng(1);
        if (Precision == "fp32")
        {
            var t = new Trainer<float>(Sequential<float>.Mlp(layers, act, 1), new Sgd<float>(0.01), Batch);
            epoch = () => t.TrainEpoch(data, rows, std, rng);
        }
        else
        {
            var t = new Trainer<double>(Sequential<double>.Mlp(layers, act, 1), new Sgd<double>(0.01), Batch);
            epoch = () => t.TrainEpoch(data, rows, std, rng);
        }
    }

    [Benchmark]
    public void SgdEpoch() => epoch();

    internal static string FindDigits()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var p = Path.Combine(dir.FullName, "data", "digits.csv.gz");
            if (File.Exists(p)) return p;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var p = Path.Combine(dir.FullName, "data", "digits.csv.gz");
            if (File.Exists(p)) return p;
        }
        throw new FileNotFoundException("data/digits.csv.gz");
    }
}
