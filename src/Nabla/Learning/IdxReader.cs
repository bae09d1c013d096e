using System.Buffers.Binary;
using System.IO.Compression;

namespace Nabla.Learning;

/// <summary>
/// Reads IDX files (the MNIST / Fashion-MNIST format, optionally gzip-compressed): big-endian magic
/// 0x0000 08 NN (unsigned bytes, NN dimensions), NN big-endian int32 sizes, then the bytes.
/// </summary>
public static class IdxReader
{
    /// <summary>Returns the dimensions and the raw bytes; validates the header against the data.</summary>
    public static (int[] Shape, byte[] Data) Read(string path)
    {
        if (!File.Exists(path)) throw new NablaInputException($"IDX file '{path}' does not exist");
        try
        {
            using var file = File.OpenRead(path);
            using Stream s = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
            return Read(s, path);
        }
        catch (InvalidDataException e) { throw new NablaInputException($"'{path}': corrupted gzip data ({e.Message})", e); }
    }

    public static (int[] Shape, byte[] Data) Read(Stream s, string source)
    {
        Span<byte> head = stackalloc byte[4];
        ReadExactly(s, head, source, "magic number");
        if (head[0] != 0 || head[1] != 0 || head[2] != 0x08 || head[3] is 0 or > 4)
            throw new NablaInputException($"'{source}': not an IDX file of unsigned bytes (magic {Convert.ToHexString(head)})");
        int rank = head[3];
        var shape = new int[rank];
        long size = 1;
        Span<byte> dim = stackalloc byte[4];
        for (int i = 0; i < rank; i++)
        {
            ReadExactly(s, dim, source, "dimensions");
            shape[i] = BinaryPrimitives.ReadInt32BigEndian(dim);
            if (shape[i] <= 0) throw new NablaInputException($"'{source}': dimension {i} is {shape[i]}");
            size *= shape[i];
            if (size > DataSet.MaxValues) throw new NablaInputException($"'{source}': more than {DataSet.MaxValues} values");
        }
        var data = new byte[size];
        ReadExactly(s, data, source, "data");
        return (shape, data);
    }

    private static void ReadExactly(Stream s, Span<byte> buffer, string source, string what)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n = s.Read(buffer[read..]);
            if (n == 0) throw new NablaInputException($"'{source}': file ends inside the {what} (truncated)");
            read += n;
        }
    }
}
