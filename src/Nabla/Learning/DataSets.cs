namespace Nabla.Learning;

/// <summary>Loaders for the data sets Nabla knows by name (the caller says where the files are).</summary>
public static class DataSets
{
    public const string FashionMnistDefaultDirectory = "/usr/share/datasets/fashion-mnist";

    public static readonly string[] FashionMnistFiles =
        ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"];

    /// <summary>The UCI digits (8x8, values 0..16, 1797 rows, 10 classes) from the vendored <c>data/digits.csv.gz</c>.</summary>
    public static DataSet Digits(string path)
    {
        var d = CsvDataReader.Read(path, -1, "digits");
        if (d.Features != 64) throw new NablaInputException($"'{path}': digits must have 64 features, found {d.Features}");
        return d;
    }

    /// <summary>True when all four Fashion-MNIST IDX files are in <paramref name="directory"/>.</summary>
    public static bool FashionMnistAvailable(string directory) =>
        FashionMnistFiles.All(f => File.Exists(Path.Combine(directory, f)));

    /// <summary>
    /// Fashion-MNIST (Zalando, MIT licence): 60 000 training then 10 000 test images of 28x28 bytes
    /// (784 features 0..255), 10 classes. Use <see cref="DataSplit.Fixed"/>(70000, 60000) for the official split.
    /// </summary>
    public static DataSet FashionMnist(string directory)
    {
        if (!FashionMnistAvailable(directory))
            throw new NablaInputException($"Fashion-MNIST not found in '{directory}' (expected {string.Join(", ", FashionMnistFiles)}); install it with `apt-get install dataset-fashion-mnist` or pass --data-dir");
        var train = Images(directory, "train", "fashion-mnist");
        var test = Images(directory, "t10k", "fashion-mnist");
        return train.Concat(test);
    }

    private static DataSet Images(string dir, string prefix, string name)
    {
        var (ishape, pixels) = IdxReader.Read(Path.Combine(dir, $"{prefix}-images-idx3-ubyte.gz"));
        var (lshape, labels) = IdxReader.Read(Path.Combine(dir, $"{prefix}-labels-idx1-ubyte.gz"));
        if (ishape.Length != 3 || lshape.Length != 1 || ishape[0] != lshape[0])
            throw new NablaInputException($"'{dir}': {prefix} images [{string.Join(",", ishape)}] and labels [{string.Join(",", lshape)}] do not match");
        var x = new double[pixels.Length];
        for (int i = 0; i < x.Length; i++) x[i] = pixels[i];
        return new DataSet(name, x, labels.Select(b => (int)b).ToArray(), ishape[1] * ishape[2], 10);
    }
}
