using System.Buffers.Binary;

namespace Workbench.Tracking.Storage;

/// <summary>
/// Packs the points of one metric key into a blob: per point, step (int64), Unix-millisecond timestamp (int64)
/// and value (IEEE double, so NaN and infinities are kept as they are), little-endian, in logging order.
/// </summary>
internal static class MetricChunkCodec
{
    public const int PointSize = 24;

    public static byte[] Encode(IReadOnlyList<Metric> points)
    {
        var data = new byte[points.Count * PointSize];
        var span = data.AsSpan();
        for (var i = 0; i < points.Count; i++)
        {
            var point = span.Slice(i * PointSize, PointSize);
            BinaryPrimitives.WriteInt64LittleEndian(point, points[i].Step);
            BinaryPrimitives.WriteInt64LittleEndian(point[8..], UnixTime.ToMilliseconds(points[i].Timestamp));
            BinaryPrimitives.WriteDoubleLittleEndian(point[16..], points[i].Value);
        }

        return data;
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
}
