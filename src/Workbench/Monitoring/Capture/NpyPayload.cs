using System.Globalization;
using System.Text;
using Workbench.Data.Io;

namespace Workbench.Monitoring.Capture;

/// <summary>
/// Captured <c>application/x-npy</c> payloads (SageMaker stores them BASE64-encoded) as named rows and predictions: a
/// 2-d array's columns are named by the model's inputs, a structured array's by its fields; NaN is a missing value.
/// </summary>
internal static class NpyPayload
{
    public static bool Is(string? contentType) => Payload.MediaType(contentType) == NpyArray.MediaType;

    /// <summary>The rows of a request array.</summary>
    /// <exception cref="FormatException">Not an array that can be read, or one whose width is not the model's.</exception>
    public static IReadOnlyList<IReadOnlyList<KeyValuePair<string, string?>>> Rows(byte[] data, IReadOnlyList<string> names)
    {
        var array = NpyArray.Read(data, "the captured .npy payload");
        if (array.IsStructured)
        {
            return Enumerable.Range(0, (int)array.Count)
                .Select(r => (IReadOnlyList<KeyValuePair<string, string?>>)array.Fields
                    .Select(f => new KeyValuePair<string, string?>(f.Name, Text(f.Dtype, array.Item(r).Slice(f.Offset, f.Dtype.ItemSize))))
                    .ToList())
                .ToList();
        }

        var dtype = array.Dtype!;
        var (rows, columns) = array.Shape.Count switch
        {
            0 => (1L, 1L),
            1 when names.Count == 1 => (array.Shape[0], 1L),
            1 => (1L, array.Shape[0]),
            2 => (array.Shape[0], array.Shape[1]),
            _ => throw new FormatException($"an array of shape {NpyArray.ShapeText(array.Shape)} does not hold rows"),
        };
        return Enumerable.Range(0, (int)rows)
            .Select(r => Payload.Named(Enumerable.Range(0, (int)columns)
                .Select(c => Text(dtype, array.Item(array.IndexOf(r, c))))
                .ToList(), names))
            .ToList();
    }

    /// <summary>The predictions of an answer array: its elements, a structured answer's <c>prediction</c> field, or a 2-d answer's first column.</summary>
    public static IReadOnlyList<string?> Predictions(byte[] data)
    {
        var array = NpyArray.Read(data, "the captured .npy answer");
        if (array.IsStructured)
        {
            var field = array.Fields.FirstOrDefault(f => f.Name == "prediction") ?? array.Fields[0];
            return Enumerable.Range(0, (int)array.Count).Select(r => Text(field.Dtype, array.Item(r).Slice(field.Offset, field.Dtype.ItemSize))).ToList();
        }

        var rows = array.Shape.Count == 0 ? 1 : array.Shape[0];
        return Enumerable.Range(0, (int)rows)
            .Select(r => Text(array.Dtype!, array.Item(array.IndexOf(r, 0))))
            .ToList();
    }

    // As the JSON payload reader gives a value: numbers round-trip, NaN and empty text are missing.
    private static string? Text(NpyDtype dtype, ReadOnlySpan<byte> item)
    {
        switch (dtype.Kind)
        {
            case NpyKind.Boolean:
                return item[0] != 0 ? "true" : "false";
            case NpyKind.Integer or NpyKind.Unsigned:
                return dtype.TryReadInt64(item, out var integer)
                    ? integer.ToString(CultureInfo.InvariantCulture)
                    : dtype.ReadDouble(item).ToString("R", CultureInfo.InvariantCulture);
            case NpyKind.Float:
                var value = dtype.ReadDouble(item);
                return double.IsNaN(value) ? null : value.ToString("R", CultureInfo.InvariantCulture);
            case NpyKind.Unicode or NpyKind.Bytes:
                var text = Encoding.UTF8.GetString(dtype.ReadUtf8(item));
                return text.Length == 0 ? null : text;
            default:
                return null;
        }
    }
}
