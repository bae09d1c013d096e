using System.IO.Compression;
using Nabla.Learning;

namespace Nabla.Tests.Learning;

public class ReaderAndOptimizerTests
{
    [Fact]
    public void CsvReaderHandlesHeadersSeparatorsAndErrors()
    {
        var d = CsvDataReader.Read(new StringReader("a,b,label\n1,2,0\n3,4,1\n\n5,6,2\n"));
        Assert.Equal(3, d.Count);
        Assert.Equal(2, d.Features);
        Assert.Equal([5.0, 6.0], d.Row(2).ToArray());
        Assert.Equal(3, CsvDataReader.Read(new StringReader("1 2 0\n3 4 1\n5 6 2")).Count);
        Assert.Throws<NablaInputException>(() => CsvDataReader.Read(new StringReader("1,2,0\n3,4\n")));
        Assert.Throws<NablaInputException>(() => CsvDataReader.Read(new StringReader("1,2,0.5\n")));
        Assert.Throws<NablaInputException>(() => CsvDataReader.Read(new StringReader("1,x,0\n2,3,1\n3,y,1")));
        Assert.Throws<NablaInputException>(() => CsvDataReader.Read(new StringReader("")));
    }

    [Fact]
    public void IdxReaderReadsAndRejectsTruncatedFiles()
    {
        byte[] file = [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 1, 10, 20, 30, 40];
        var (shape, data) = IdxReader.Read(new MemoryStream(file), "mem");
        Assert.Equal([2, 2, 1], shape);
        Assert.Equal([10, 20, 30, 40], data);
        for (int n = 0; n < file.Length; n++)
            Assert.Throws<NablaInputException>(() => IdxReader.Read(new MemoryStream(file[..n]), "mem"));
        Assert.Throws<NablaInputException>(() => IdxReader.Read(new MemoryStream([0, 0, 9, 1, 0, 0, 0, 1, 0]), "mem"));
        var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true)) z.Write(file);
        var path = Path.Combine(Path.GetTempPath(), $"nabla-{Guid.NewGuid():N}-idx1-ubyte.gz");
        File.WriteAllBytes(path, gz.ToArray());
        try { Assert.Equal([2, 2, 1], IdxReader.Read(path).Shape); }
        finally { File.Delete(path); }
    }

    [Fact]
    public void FashionMnistMissingSaysHowToInstall()
    {
        var e = Assert.Throws<NablaInputException>(() => DataSets.FashionMnist("/nonexistent"));
        Assert.Contains("apt-get install dataset-fashion-mnist", e.Message);
    }

    [Fact]
    public void FashionMnistLoadsWhenInstalled()
    {
        // dataset-fashion-mnist is installed by .ci/run: a missing package fails here rather than passing untested.
        Assert.True(DataSets.FashionMnistAvailable(DataSets.FashionMnistDefaultDirectory), "apt-get install dataset-fashion-mnist");
        var d = DataSets.FashionMnist(DataSets.FashionMnistDefaultDirectory);
        Assert.Equal(70_000, d.Count);
        Assert.Equal(784, d.Features);
        Assert.Equal(10, d.Classes);
    }

    [Fact]
    public void AdamMatchesItsDefinition()
    {
        var adam = new Adam<double>(0.1);
        double[] p = [1.0, -2.0];
        double m0 = 0, v0 = 0, q = 1.0;
        for (int t = 1; t <= 5; t++)
        {
            double g = 2 * q; // d/dq q²
            m0 = 0.9 * m0 + 0.1 * g;
            v0 = 0.999 * v0 + 0.001 * g * g;
            q -= 0.1 * (m0 / (1 - Math.Pow(0.9, t))) / (Math.Sqrt(v0 / (1 - Math.Pow(0.999, t))) + 1e-8);
            adam.Step(p, [2 * p[0], 2 * p[1]]);
        }
        Assert.Equal(q, p[0], 1e-12);
    }

    [Fact]
    public void SgdWithMomentumMatchesItsDefinition()
    {
        var sgd = new Sgd<double>(0.1, 0.9);
        double[] p = [1.0];
        double v = 0, q = 1.0;
        for (int t = 0; t < 5; t++)
        {
            v = 0.9 * v + 2 * q;
            q -= 0.1 * v;
            sgd.Step(p, [2 * p[0]]);
        }
        Assert.Equal(q, p[0], 1e-12);
        Assert.Throws<NablaInputException>(() => new Sgd<double>(-1));
    }
}
