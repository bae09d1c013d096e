using Nabla.Tensors;

namespace Nabla.Learning;

/// <summary>
/// Which rows of a data set are for training and which for testing. A random split is determined by
/// (row count, test fraction, seed), so a model file that stores those three reproduces it exactly;
/// a fixed split (train rows first) by the training count; any other split by its test indices.
/// </summary>
public sealed record DataSplit(int[] Train, int[] Test, DataSplitKind Kind, ulong Seed, double TestFraction)
{
    /// <summary>Any split given by its test rows (the rest are training rows).</summary>
    public static DataSplit FromTestRows(int count, IEnumerable<int> testRows)
    {
        var test = testRows.Distinct().Order().ToArray();
        if (test.Length > 0 && (test[0] < 0 || test[^1] >= count)) throw new NablaInputException($"test rows must be within 0..{count - 1}");
        var set = new HashSet<int>(test);
        var train = Enumerable.Range(0, count).Where(i => !set.Contains(i)).ToArray();
        return new DataSplit(train, test, DataSplitKind.Indices, 0, count == 0 ? 0 : test.Length / (double)count);
    }

    /// <summary>Shuffles 0..count-1 with <paramref name="seed"/> and puts round(count · fraction) rows in the test part (sorted).</summary>
    public static DataSplit Random(int count, double testFraction, ulong seed)
    {
        if (!(testFraction >= 0 && testFraction < 1)) throw new NablaInputException($"test fraction {testFraction} is outside [0, 1)");
        var order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        new Rng(seed).Shuffle(order.AsSpan());
        int nTest = (int)Math.Round(count * testFraction);
        var test = order[..nTest];
        var train = order[nTest..];
        Array.Sort(test);
        Array.Sort(train);
        return new DataSplit(train, test, DataSplitKind.Random, seed, testFraction);
    }

    /// <summary>A fixed split given by the first <paramref name="trainCount"/> rows (e.g. Fashion-MNIST's official 60 000/10 000).</summary>
    public static DataSplit Fixed(int count, int trainCount) =>
        trainCount < 0 || trainCount > count ? throw new NablaInputException($"training count {trainCount} is outside 0..{count}") : new(Enumerable.Range(0, trainCount).ToArray(), Enumerable.Range(trainCount, count - trainCount).ToArray(), DataSplitKind.Fixed, 0, (count - trainCount) / (double)count);
}

/// <summary>How a split is recorded in a model file.</summary>
public enum DataSplitKind { Random, Fixed, Indices }
