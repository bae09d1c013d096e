using System.Text;
using CsCheck;
using Nabla.Tensors;

namespace Nabla.Tests.Tensors;

public class SafeTensorsTests
{
    private static byte[] Sample()
    {
        var a = Tensor<double>.FromArray([1.0, -2.5, 3.25, 1e-300, double.MaxValue, 0.0], 2, 3);
        var b = Tensor<double>.FromArray([7.0], 1);
        return SafeTensors.Serialize<double>([new("a", a), new("b", b)], new Dictionary<string, string> { ["k"] = "v" });
    }

    [Fact]
    public void RoundTripsValuesShapesAndMetadata()
    {
        var bytes = Sample();
        Assert.Equal(0, (BitConverter.ToInt64(bytes, 0) + 8) % 8); // data aligned to 8 bytes
        var c = SafeTensors.Parse(bytes);
        Assert.Equal([2, 3], c["a"].Shape);
        Assert.Equal("F64", c["a"].DType);
        Assert.Equal([1.0, -2.5, 3.25, 1e-300, double.MaxValue, 0.0], c["a"].Values);
        Assert.Equal([7.0], c["b"].Values);
        Assert.Equal("v", c.Metadata["k"]);
        var f = SafeTensors.Parse(SafeTensors.Serialize<float>([new("w", Tensor<float>.FromArray([1.5f, 2f], 2))]));
        Assert.Equal("F32", f["w"].DType);
        Assert.Equal([1.5, 2.0], f["w"].Values);
    }

    [Fact]
    public void EveryTruncationIsATypedError()
    {
        var bytes = Sample();
        for (int n = 0; n < bytes.Length; n++)
            Assert.Throws<SafeTensorsException>(() => SafeTensors.Parse(bytes.AsSpan(0, n)));
    }

    [Fact]
    public void CorruptedBytesNeverCrash()
    {
        var original = Sample();
        Gen.Select(Gen.Int[0, original.Length - 1], Gen.Byte).Sample((pos, value) =>
        {
            var bytes = (byte[])original.Clone();
            bytes[pos] = value;
            try
            {
                var c = SafeTensors.Parse(bytes);
                // Accepted: then the structure must still be consistent with the file.
                foreach (var t in c.Tensors) Assert.Equal(t.Shape.Aggregate(1, (x, y) => x * y), t.Values.Length);
            }
            catch (SafeTensorsException) { }
        }, iter: 3000);
    }

    [Theory]
    [InlineData("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,8]}}", 16)] // size mismatch
    [InlineData("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8)] // overlap
    [InlineData("{\"a\":{\"dtype\":\"I8\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1)] // dtype
    [InlineData("{\"a\":{\"dtype\":\"F64\",\"shape\":[-1],\"data_offsets\":[0,8]}}", 8)] // negative dim
    [InlineData("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,0]}}", 8)] // reversed
    [InlineData("{\"__metadata__\":{\"x\":1}}", 0)] // metadata not a string
    [InlineData("[1,2,3]", 0)] // not an object
    [InlineData("{\"a\":", 0)] // not JSON
    [InlineData("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 16)] // trailing bytes
    public void InconsistentHeadersAreRejected(string header, int dataBytes)
    {
        var h = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + h.Length + dataBytes];
        BitConverter.GetBytes((long)h.Length).CopyTo(bytes, 0);
        h.CopyTo(bytes, 8);
        Assert.Throws<SafeTensorsException>(() => SafeTensors.Parse(bytes));
    }

    [Fact]
    public void HugeHeaderLengthIsRejectedBeforeAllocating()
    {
        var bytes = new byte[16];
        BitConverter.GetBytes(long.MaxValue).CopyTo(bytes, 0);
        Assert.Throws<SafeTensorsException>(() => SafeTensors.Parse(bytes));
    }

    [Fact]
    public void SaveIsAtomicAndLeavesNoTemporaryFiles()
    {
        var dir = Directory.CreateTempSubdirectory("nabla-st").FullName;
        try
        {
            var path = Path.Combine(dir, "m.safetensors");
            File.WriteAllText(path, "old");
            SafeTensors.Save(path, [new KeyValuePair<string, Tensor<double>>("x", Tensor<double>.Ones(3))]);
            Assert.Equal([1.0, 1.0, 1.0], SafeTensors.Load(path)["x"].Values);
            Assert.Single(Directory.GetFiles(dir));
            Assert.Throws<NablaInputException>(() => SafeTensors.Load(Path.Combine(dir, "missing.safetensors")));
        }
        finally { Directory.Delete(dir, true); }
    }
}
