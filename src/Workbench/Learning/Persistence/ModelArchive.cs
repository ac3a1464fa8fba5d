using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.Learning.Persistence;

/// <summary>
/// Reads and writes the container: header JSON plus named float32 / float64 blobs, each with its SHA-256.
/// Writing goes to a temporary file in the same folder that is renamed over the target, so a crash never
/// leaves a half-written model. Reading checks magic, version, kind, bounds and every checksum before returning.
/// </summary>
internal sealed class ModelArchive
{
    private readonly Dictionary<string, (TensorEntry Entry, byte[] Bytes)> _tensors = new(StringComparer.Ordinal);

    public ModelArchive(string kind)
    {
        if (!ModelFormat.Kinds.Contains(kind))
        {
            throw new ArgumentException($"Unknown model kind '{kind}'.", nameof(kind));
        }

        Kind = kind;
        Header = [];
    }

    private ModelArchive(string kind, JsonObject header)
    {
        Kind = kind;
        Header = header;
    }

    public string Kind { get; }

    /// <summary>Kind-specific header fields (hyperparameters, classes, architecture, …).</summary>
    public JsonObject Header { get; }

    public IEnumerable<TensorEntry> Entries => _tensors.Values.Select(t => t.Entry);

    public void Add(string name, ReadOnlySpan<float> values, int[] shape) => AddBytes(name, "float32", shape, ToLittleEndian(values));

    public void Add(string name, ReadOnlySpan<double> values, int[] shape) => AddBytes(name, "float64", shape, ToLittleEndian(values));

    public bool Contains(string name) => _tensors.ContainsKey(name);

    public float[] Float32(string name, out int[] shape)
    {
        var (entry, bytes) = Find(name, "float32");
        shape = entry.Shape;
        var values = new float[bytes.Length / sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
        }

        return values;
    }

    public double[] Float64(string name, out int[] shape)
    {
        var (entry, bytes) = Find(name, "float64");
        shape = entry.Shape;
        var values = new double[bytes.Length / sizeof(double)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)));
        }

        return values;
    }

    /// <summary>Writes atomically: temp file, flush to disk, rename.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var entries = new List<TensorEntry>();
        long offset = 0;
        foreach (var (name, (entry, bytes)) in _tensors.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            entries.Add(entry with { Offset = offset });
            offset = Align(offset + bytes.Length);
        }

        var header = new JsonObject
        {
            ["format"] = ModelFormat.FormatName,
            ["format_version"] = ModelFormat.Version,
            ["kind"] = Kind,
            ["library_version"] = typeof(ModelArchive).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
            ["created_utc"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in Header)
        {
            header[key] = value?.DeepClone();
        }

        header["tensors"] = new JsonArray(entries.Select(e => (JsonNode)new JsonObject
        {
            ["name"] = e.Name,
            ["dtype"] = e.DataType,
            ["shape"] = new JsonArray(e.Shape.Select(s => (JsonNode)s).ToArray()),
            ["offset"] = e.Offset,
            ["length"] = e.Length,
            ["sha256"] = e.Sha256,
        }).ToArray());
        var headerBytes = Encoding.UTF8.GetBytes(header.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var dataStart = Align(ModelFormat.Magic.Length + sizeof(ulong) + headerBytes.Length);

        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                stream.Write(ModelFormat.Magic);
                Span<byte> length = stackalloc byte[sizeof(ulong)];
                BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)headerBytes.Length);
                stream.Write(length);
                stream.Write(headerBytes);
                Pad(stream, dataStart);
                foreach (var entry in entries)
                {
                    Pad(stream, dataStart + entry.Offset);
                    stream.Write(_tensors[entry.Name].Bytes);
                }

                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Reads a file, verifying structure and every checksum; fails naming the file and what is wrong.</summary>
    public static ModelArchive Load(string path, bool tensors = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No model file at {path}.", path);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var prefix = new byte[ModelFormat.Magic.Length + sizeof(ulong)];
        if (stream.Read(prefix) != prefix.Length || !prefix.AsSpan(0, ModelFormat.Magic.Length).SequenceEqual(ModelFormat.Magic))
        {
            throw new InvalidDataException($"{path} is not a Workbench model file (the first bytes are not 'WBMODEL').");
        }

        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix.AsSpan(ModelFormat.Magic.Length));
        if (headerLength == 0 || headerLength > ModelFormat.MaxHeaderBytes || (long)headerLength > stream.Length - prefix.Length)
        {
            throw new InvalidDataException($"{path}: header length {headerLength} is impossible for a {stream.Length}-byte file; the file is truncated or corrupt.");
        }

        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        JsonObject header;
        try
        {
            header = JsonNode.Parse(headerBytes)?.AsObject() ?? throw new InvalidDataException($"{path}: the header is empty.");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{path}: the header is not valid JSON ({error.Message}).", error);
        }

        var format = header["format"]?.GetValue<string>();
        var version = header["format_version"]?.GetValue<int>();
        if (format != ModelFormat.FormatName)
        {
            throw new InvalidDataException($"{path}: header format is '{format}', not '{ModelFormat.FormatName}'.");
        }

        if (version != ModelFormat.Version)
        {
            throw new NotSupportedException($"{path} uses model format version {version?.ToString(CultureInfo.InvariantCulture) ?? "(missing)"}; this Workbench reads version {ModelFormat.Version} only. Upgrade Workbench or re-save the model with a matching version.");
        }

        var kind = header["kind"]?.GetValue<string>() ?? string.Empty;
        if (!ModelFormat.Kinds.Contains(kind))
        {
            throw new InvalidDataException($"{path}: unknown model kind '{kind}'; known kinds are {string.Join(", ", ModelFormat.Kinds)}.");
        }

        var archive = new ModelArchive(kind, header);
        var dataStart = Align(prefix.Length + (long)headerLength);
        foreach (var node in header["tensors"]?.AsArray() ?? [])
        {
            var entry = ParseEntry(node, path);
            if (entry.Offset < 0 || dataStart + entry.Offset + entry.Length > stream.Length)
            {
                throw new InvalidDataException($"{path}: tensor '{entry.Name}' lies outside the file (offset {entry.Offset}, {entry.Length} bytes); the file is truncated.");
            }

            var bytes = Array.Empty<byte>();
            if (tensors)
            {
                bytes = new byte[entry.Length];
                stream.Position = dataStart + entry.Offset;
                stream.ReadExactly(bytes);
                var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
                if (!string.Equals(actual, entry.Sha256, StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidDataException($"{path}: tensor '{entry.Name}' fails its SHA-256 check (expected {entry.Sha256}, got {actual}); the file is corrupt.");
                }
            }

            if (!archive._tensors.TryAdd(entry.Name, (entry, bytes)))
            {
                throw new InvalidDataException($"{path}: tensor '{entry.Name}' appears twice.");
            }
        }

        foreach (var key in new[] { "format", "format_version", "kind", "tensors" })
        {
            header.Remove(key);
        }

        return archive;
    }

    private (TensorEntry Entry, byte[] Bytes) Find(string name, string dataType)
    {
        if (!_tensors.TryGetValue(name, out var tensor))
        {
            throw new InvalidDataException($"The {Kind} file has no tensor '{name}'.");
        }

        if (tensor.Entry.DataType != dataType)
        {
            throw new InvalidDataException($"Tensor '{name}' is {tensor.Entry.DataType}, expected {dataType}.");
        }

        return tensor;
    }

    private void AddBytes(string name, string dataType, int[] shape, byte[] bytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var elements = shape.Aggregate(1L, (a, b) => a * b);
        if (elements * (dataType == "float32" ? 4 : 8) != bytes.Length)
        {
            throw new ArgumentException($"Tensor '{name}' has {bytes.Length} bytes for shape [{string.Join(", ", shape)}].");
        }

        var entry = new TensorEntry(name, dataType, (int[])shape.Clone(), 0, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        if (!_tensors.TryAdd(name, (entry, bytes)))
        {
            throw new ArgumentException($"Tensor '{name}' was added twice.", nameof(name));
        }
    }

    private static TensorEntry ParseEntry(JsonNode? node, string path)
    {
        try
        {
            var entry = new TensorEntry(
                node!["name"]!.GetValue<string>(),
                node["dtype"]!.GetValue<string>(),
                node["shape"]!.AsArray().Select(s => s!.GetValue<int>()).ToArray(),
                node["offset"]!.GetValue<long>(),
                node["length"]!.GetValue<long>(),
                node["sha256"]!.GetValue<string>());
            var size = entry.DataType switch
            {
                "float32" => 4L,
                "float64" => 8L,
                _ => throw new InvalidDataException($"{path}: tensor '{entry.Name}' has dtype '{entry.DataType}'; only float32 and float64 are defined."),
            };
            if (entry.Shape.Any(s => s < 0) || entry.Shape.Aggregate(1L, (a, b) => a * b) * size != entry.Length)
            {
                throw new InvalidDataException($"{path}: tensor '{entry.Name}' has shape [{string.Join(", ", entry.Shape)}] but {entry.Length} bytes.");
            }

            return entry;
        }
        catch (Exception error) when (error is NullReferenceException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: a tensor entry is missing name, dtype, shape, offset, length or sha256.", error);
        }
    }

    private static byte[] ToLittleEndian<T>(ReadOnlySpan<T> values)
        where T : struct
    {
        var bytes = MemoryMarshal.AsBytes(values).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            var size = Marshal.SizeOf<T>();
            for (var i = 0; i < bytes.Length; i += size)
            {
                bytes.AsSpan(i, size).Reverse();
            }
        }

        return bytes;
    }

    private static long Align(long value) => (value + ModelFormat.Alignment - 1) / ModelFormat.Alignment * ModelFormat.Alignment;

    private static void Pad(Stream stream, long position)
    {
        while (stream.Position < position)
        {
            stream.WriteByte(0);
        }
    }
}
