using System.Buffers;
using System.Buffers.Binary;

namespace Workbench.Tracking.Storage;

/// <summary>The points of one key in one batch, packed, with what the store indexes about them.</summary>
internal sealed record MetricChunk(string Key, long FirstStep, long LastStep, int Points, byte[] Data, Metric Latest);

/// <summary>
/// Packs the points of one metric key into a blob: per point, step (int64), Unix-millisecond timestamp (int64)
/// and value (IEEE double, so NaN and infinities are kept as they are), little-endian, in logging order.
/// </summary>
internal static class MetricChunkCodec
{
    public const int PointSize = 24;

    /// <summary>Key slots compared by reference before hashing: a training loop logs a few keys with the same string instances.</summary>
    private const int ReferenceSlots = 16;

    /// <summary>
    /// Groups a batch by key into chunks in two passes without per-key lists, validating each key the first time it
    /// appears, and finds each key's latest point (highest step, then latest time, then last logged).
    /// </summary>
    public static List<MetricChunk> Build(IReadOnlyList<Metric> metrics)
    {
        var keys = new List<string>(8);
        var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = new List<int>(8);
        var latest = new List<Metric>(8);
        var first = new List<long>(8);
        var last = new List<long>(8);
        var owner = ArrayPool<int>.Shared.Rent(metrics.Count);
        try
        {
            for (var i = 0; i < metrics.Count; i++)
            {
                var metric = metrics[i];
                var slot = Slot(metric.Key, keys, lookup);
                if (slot < 0)
                {
                    KeyRules.Validate(metric.Key, "metric");
                    slot = keys.Count;
                    keys.Add(metric.Key);
                    lookup[metric.Key] = slot;
                    counts.Add(0);
                    latest.Add(metric);
                    first.Add(metric.Step);
                    last.Add(metric.Step);
                }

                owner[i] = slot;
                counts[slot]++;
                first[slot] = Math.Min(first[slot], metric.Step);
                last[slot] = Math.Max(last[slot], metric.Step);
                if (metric.Step > latest[slot].Step || (metric.Step == latest[slot].Step && metric.Timestamp >= latest[slot].Timestamp))
                {
                    latest[slot] = metric;
                }
            }

            var data = counts.Select(c => new byte[c * PointSize]).ToArray();
            var offsets = new int[keys.Count];
            for (var i = 0; i < metrics.Count; i++)
            {
                var slot = owner[i];
                Write(data[slot].AsSpan(offsets[slot], PointSize), metrics[i]);
                offsets[slot] += PointSize;
            }

            return keys.Select((key, slot) => new MetricChunk(key, first[slot], last[slot], counts[slot], data[slot], latest[slot])).ToList();
        }
        finally
        {
            ArrayPool<int>.Shared.Return(owner);
        }
    }

    public static void Decode(string key, ReadOnlySpan<byte> data, List<Metric> into)
    {
        if (data.Length % PointSize != 0)
        {
            throw new InvalidDataException($"A stored chunk of metric '{key}' has {data.Length} bytes, not a multiple of {PointSize}: the store is damaged.");
        }

        for (var offset = 0; offset < data.Length; offset += PointSize)
        {
            var point = data.Slice(offset, PointSize);
            into.Add(new Metric(
                key,
                BinaryPrimitives.ReadDoubleLittleEndian(point[16..]),
                BinaryPrimitives.ReadInt64LittleEndian(point),
                UnixTime.FromMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(point[8..]))));
        }
    }

    private static void Write(Span<byte> point, in Metric metric)
    {
        BinaryPrimitives.WriteInt64LittleEndian(point, metric.Step);
        BinaryPrimitives.WriteInt64LittleEndian(point[8..], UnixTime.ToMilliseconds(metric.Timestamp));
        BinaryPrimitives.WriteDoubleLittleEndian(point[16..], metric.Value);
    }

    private static int Slot(string key, List<string> keys, Dictionary<string, int> lookup)
    {
        var scan = Math.Min(keys.Count, ReferenceSlots);
        for (var k = 0; k < scan; k++)
        {
            if (ReferenceEquals(keys[k], key))
            {
                return k;
            }
        }

        return lookup.TryGetValue(key, out var slot) ? slot : -1;
    }
}
