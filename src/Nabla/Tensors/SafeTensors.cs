using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace Nabla.Tensors;

/// <summary>One tensor read from a safetensors file; values widened to double (float32 converts exactly).</summary>
public sealed record SafeTensor(string Name, string DType, int[] Shape, double[] Values);

/// <summary>The tensors of a safetensors file in file order, and its <c>__metadata__</c> string map.</summary>
public sealed record SafeTensorsContent(IReadOnlyList<SafeTensor> Tensors, IReadOnlyDictionary<string, string> Metadata)
{
    public SafeTensor this[string name] =>
        Tensors.FirstOrDefault(t => t.Name == name) ?? throw new SafeTensorsException($"the file has no tensor named '{name}'");
}

/// <summary>
/// The safetensors format (Hugging Face; what PyTorch users load): 8-byte little-endian header
/// length N, N bytes of JSON {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__":
/// {string: string}}, then the raw little-endian data. Reading validates every offset, size and
/// type against the file, so a damaged file is a <see cref="SafeTensorsException"/>, never a
/// crash or silently wrong values. Writing is atomic (temporary file, then rename).
/// </summary>
public static class SafeTensors
{
    /// <summary>Largest header accepted (the reference implementation's limit).</summary>
    public const int MaxHeaderBytes = 100_000_000;

    /// <summary>Largest file <see cref="Load"/> reads.</summary>
    public const long MaxFileBytes = int.MaxValue - 1024;

    public static void Save<T>(string path, IReadOnlyList<KeyValuePair<string, Tensor<T>>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var bytes = Serialize(tensors, metadata);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? ".";
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                fs.Write(bytes);
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (IOException) { }
            throw new NablaInputException($"cannot write model file '{path}': {e.Message}", e);
        }
    }

    public static byte[] Serialize<T>(IReadOnlyList<KeyValuePair<string, Tensor<T>>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string dtype = typeof(T) == typeof(double) ? "F64" : typeof(T) == typeof(float) ? "F32" : throw new NotSupportedException(typeof(T).Name);
        int elem = typeof(T) == typeof(double) ? 8 : 4;
        using var headerStream = new MemoryStream();
        long offset = 0;
        using (var w = new Utf8JsonWriter(headerStream))
        {
            w.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                w.WriteStartObject("__metadata__");
                foreach (var (k, v) in metadata) w.WriteString(k, v);
                w.WriteEndObject();
            }
            var names = new HashSet<string>();
            foreach (var (name, t) in tensors)
            {
                if (name == "__metadata__" || !names.Add(name)) throw new ArgumentException($"duplicate or reserved tensor name '{name}'");
                w.WriteStartObject(name);
                w.WriteString("dtype", dtype);
                w.WriteStartArray("shape");
                foreach (var d in t.Shape) w.WriteNumberValue(d);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                offset += (long)t.Size * elem;
                w.WriteNumberValue(offset);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        int headerLength = (int)headerStream.Length;
        int padded = (headerLength + 7) / 8 * 8;
        var bytes = new byte[8 + padded + offset];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)padded);
        headerStream.GetBuffer().AsSpan(0, headerLength).CopyTo(bytes.AsSpan(8));
        bytes.AsSpan(8 + headerLength, padded - headerLength).Fill((byte)' ');
        int at = 8 + padded;
        foreach (var (_, t) in tensors)
        {
            foreach (var v in t.Data)
            {
                if (elem == 8) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(at), double.CreateTruncating(v));
                else BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(at), float.CreateTruncating(v));
                at += elem;
            }
        }
        return bytes;
    }

    public static SafeTensorsContent Load(string path)
    {
        FileInfo info;
        try { info = new FileInfo(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException) { throw new NablaInputException($"bad model file path '{path}': {e.Message}"); }
        if (!info.Exists) throw new NablaInputException($"model file '{path}' does not exist");
        if (info.Length > MaxFileBytes) throw new SafeTensorsException($"'{path}': file of {info.Length} bytes exceeds the limit of {MaxFileBytes}");
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (IOException e) { throw new NablaInputException($"cannot read model file '{path}': {e.Message}", e); }
        return Parse(bytes, path);
    }

    public static SafeTensorsContent Parse(ReadOnlySpan<byte> bytes, string source = "safetensors data")
    {
        if (bytes.Length < 8) throw new SafeTensorsException($"'{source}': {bytes.Length} bytes is too short for a safetensors header (truncated file?)");
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (n < 2 || n > MaxHeaderBytes) throw new SafeTensorsException($"'{source}': header length {n} is outside 2..{MaxHeaderBytes} (not a safetensors file, or corrupted)");
        if ((ulong)bytes.Length - 8 < n) throw new SafeTensorsException($"'{source}': header of {n} bytes but only {bytes.Length - 8} follow (truncated file)");
        var header = bytes.Slice(8, (int)n);
        var data = bytes[(8 + (int)n)..];
        JsonDocument doc;
        try { doc = JsonDocument.Parse(header.ToArray(), new JsonDocumentOptions { MaxDepth = 8 }); }
        catch (JsonException e) { throw new SafeTensorsException($"'{source}': the header is not valid JSON ({e.Message})"); }
        try
        {
            using (doc) return Read(doc, data, source);
        }
        catch (InvalidOperationException e) { throw new SafeTensorsException($"'{source}': the header has invalid text ({e.Message})"); }
    }

    private static SafeTensorsContent Read(JsonDocument doc, ReadOnlySpan<byte> data, string source)
    {
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new SafeTensorsException($"'{source}': the header is not a JSON object");
            var metadata = new Dictionary<string, string>();
            var entries = new List<(string Name, string DType, int[] Shape, long Begin, long End)>();
            foreach (var prop in doc.RootElement.EnumerateObject())
            {
                if (prop.Name == "__metadata__")
                {
                    if (prop.Value.ValueKind != JsonValueKind.Object) throw new SafeTensorsException($"'{source}': __metadata__ is not an object");
                    foreach (var m in prop.Value.EnumerateObject())
                    {
                        if (m.Value.ValueKind != JsonValueKind.String) throw new SafeTensorsException($"'{source}': metadata '{m.Name}' is not a string");
                        metadata[m.Name] = m.Value.GetString()!;
                    }
                    continue;
                }
                var entry = ReadEntry(prop, source);
                if (entries.Any(e => e.Name == entry.Item1)) throw new SafeTensorsException($"'{source}': tensor '{entry.Item1}' appears twice");
                entries.Add(entry);
            }
            // Offsets must tile the data buffer exactly: no gaps, no overlaps, nothing past the end.
            var sorted = entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ToList();
            long expected = 0;
            foreach (var e in sorted)
            {
                if (e.Begin != expected) throw new SafeTensorsException($"'{source}': tensor '{e.Name}' starts at byte {e.Begin}, expected {expected} (overlapping or missing data)");
                expected = e.End;
            }
            if (expected != data.Length)
                throw new SafeTensorsException(expected > data.Length
                    ? $"'{source}': the tensors need {expected} data bytes but the file has {data.Length} (truncated file)"
                    : $"'{source}': {data.Length - expected} bytes after the last tensor (corrupted file)");
            var tensors = new List<SafeTensor>(entries.Count);
            foreach (var e in entries)
            {
                var slice = data.Slice((int)e.Begin, (int)(e.End - e.Begin));
                var values = new double[slice.Length / (e.DType == "F64" ? 8 : 4)];
                for (int i = 0; i < values.Length; i++)
                    values[i] = e.DType == "F64" ? BinaryPrimitives.ReadDoubleLittleEndian(slice[(8 * i)..]) : BinaryPrimitives.ReadSingleLittleEndian(slice[(4 * i)..]);
                tensors.Add(new SafeTensor(e.Name, e.DType, e.Shape, values));
            }
            return new SafeTensorsContent(tensors, metadata);
        }
    }

    private static (string, string, int[], long, long) ReadEntry(JsonProperty prop, string source)
    {
        string name = prop.Name;
        var v = prop.Value;
        if (v.ValueKind != JsonValueKind.Object) throw new SafeTensorsException($"'{source}': entry '{name}' is not an object");
        if (!v.TryGetProperty("dtype", out var dt) || dt.ValueKind != JsonValueKind.String)
            throw new SafeTensorsException($"'{source}': tensor '{name}' has no dtype");
        string dtype = dt.GetString()!;
        if (dtype is not ("F32" or "F64")) throw new SafeTensorsException($"'{source}': tensor '{name}' has dtype {dtype}; only F32 and F64 are supported");
        if (!v.TryGetProperty("shape", out var sh) || sh.ValueKind != JsonValueKind.Array || sh.GetArrayLength() > 8)
            throw new SafeTensorsException($"'{source}': tensor '{name}' has no valid shape");
        var shape = new int[sh.GetArrayLength()];
        long count = 1;
        int k = 0;
        foreach (var d in sh.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out var dim) || dim < 0)
                throw new SafeTensorsException($"'{source}': tensor '{name}' has a bad dimension in its shape");
            shape[k++] = dim;
            count *= dim;
            if (count > Shapes.MaxSize) throw new SafeTensorsException($"'{source}': tensor '{name}' is too large");
        }
        if (!v.TryGetProperty("data_offsets", out var off) || off.ValueKind != JsonValueKind.Array || off.GetArrayLength() != 2)
            throw new SafeTensorsException($"'{source}': tensor '{name}' has no data_offsets pair");
        if (!off[0].TryGetInt64(out long begin) || !off[1].TryGetInt64(out long end) || begin < 0 || end < begin)
            throw new SafeTensorsException($"'{source}': tensor '{name}' has invalid data_offsets");
        int elem = dtype == "F64" ? 8 : 4;
        if (end - begin != count * elem)
            throw new SafeTensorsException($"'{source}': tensor '{name}' of shape {Shapes.Format(shape)} and dtype {dtype} needs {count * elem} bytes, its offsets span {end - begin}");
        return (name, dtype, shape, begin, end);
    }
}
