using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Workbench.Data.Io;
using Workbench.Serving.Models;

namespace Workbench.Serving.Protocol;

/// <summary>
/// Writes predictions in the negotiated format, straight into a buffer:
/// <list type="bullet">
/// <item>JSON: <c>{"predictions": [...]}</c>; with probabilities also <c>"classes"</c> and <c>"probabilities"</c> (one list per row, in class order).</item>
/// <item>CSV: one line per row: the prediction, then the class probabilities when asked.</item>
/// <item>JSON Lines: one object per row: <c>{"prediction": …}</c>, with <c>"probabilities": {class: p}</c> when asked.</item>
/// <item><c>.npy</c>: a 1-d array of the predictions (int64 or fixed-width text labels, float64 values; float32 rows ×
/// width for network outputs); with probabilities a structured array with a <c>prediction</c> field and a float64 field
/// <c>probability_&lt;class&gt;</c> per class, which <c>pandas.DataFrame(numpy.load(…))</c> turns into columns.</item>
/// </list>
/// Classes trained on integer labels are written as numbers; regression values as numbers; network outputs as lists.
/// </summary>
public static class PredictionWriter
{
    private static readonly JsonWriterOptions WriterOptions = JsonText.Unchecked;

    public static void Write(IBufferWriter<byte> output, PredictionSlice slice, DataFormat format, bool probabilities)
    {
        var withProbabilities = probabilities && slice.Predictor.Task == PredictionTask.Classification;
        switch (format)
        {
            case DataFormat.Csv:
                WriteCsv(output, slice, withProbabilities);
                break;
            case DataFormat.JsonLines:
                WriteJsonLines(output, slice, withProbabilities);
                break;
            case DataFormat.Npy:
                WriteNpy(output, slice, withProbabilities);
                break;
            default:
                WriteJson(output, slice, withProbabilities);
                break;
        }
    }

    private static void WriteJson(IBufferWriter<byte> output, PredictionSlice slice, bool probabilities)
    {
        if (!probabilities && slice.Predictor.Task == PredictionTask.Classification)
        {
            WriteJsonLabels(output, slice);
            return;
        }

        using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartObject();
        json.WriteStartArray("predictions");
        for (var r = 0; r < slice.Count; r++)
        {
            WriteValue(json, slice, slice.Start + r);
        }

        json.WriteEndArray();
        if (probabilities)
        {
            json.WriteStartArray("classes");
            WriteClasses(json, slice.Predictor);
            json.WriteEndArray();
            json.WriteStartArray("probabilities");
            var classes = slice.Predictor.Classes.Count;
            for (var r = 0; r < slice.Count; r++)
            {
                json.WriteStartArray();
                var offset = (slice.Start + r) * classes;
                for (var c = 0; c < classes; c++)
                {
                    WriteDouble(json, slice.Source.Probabilities![offset + c]);
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// The most common answer, <c>{"predictions":[label,…]}</c>, written as Utf8JsonWriter writes it (compact) from
    /// each label's JSON bytes, encoded once per model.
    /// </summary>
    private static void WriteJsonLabels(IBufferWriter<byte> output, PredictionSlice slice)
    {
        var labels = slice.Predictor.JsonLabelValues;
        var ids = slice.Source.ClassIds!;
        var head = "{\"predictions\":["u8;
        // The head, each label and its comma, then "]}".
        var span = output.GetSpan(head.Length + (slice.Count * (slice.Predictor.JsonLabelLongest + 1)) + 2);
        head.CopyTo(span);
        var at = head.Length;
        for (var r = 0; r < slice.Count; r++)
        {
            if (r > 0)
            {
                span[at++] = (byte)',';
            }

            var label = labels[ids[slice.Start + r]];
            label.CopyTo(span[at..]);
            at += label.Length;
        }

        span[at++] = (byte)']';
        span[at++] = (byte)'}';
        output.Advance(at);
    }

    private static void WriteJsonLines(IBufferWriter<byte> output, PredictionSlice slice, bool probabilities)
    {
        var predictor = slice.Predictor;
        for (var r = 0; r < slice.Count; r++)
        {
            var row = slice.Start + r;
            using (var json = new Utf8JsonWriter(output, WriterOptions))
            {
                json.WriteStartObject();
                json.WritePropertyName("prediction");
                WriteValue(json, slice, row);
                if (probabilities)
                {
                    json.WriteStartObject("probabilities");
                    var classes = predictor.Classes.Count;
                    for (var c = 0; c < classes; c++)
                    {
                        json.WritePropertyName(predictor.Classes[c]);
                        WriteDouble(json, slice.Source.Probabilities![(row * classes) + c]);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            output.Write("\n"u8);
        }
    }

    private static void WriteCsv(IBufferWriter<byte> output, PredictionSlice slice, bool probabilities)
    {
        var source = slice.Source;
        var predictor = slice.Predictor;
        for (var r = 0; r < slice.Count; r++)
        {
            var row = slice.Start + r;
            switch (predictor.Task)
            {
                case PredictionTask.Classification:
                    WriteCsvLabel(output, predictor, source.ClassIds![row]);
                    if (probabilities)
                    {
                        var classes = predictor.Classes.Count;
                        for (var c = 0; c < classes; c++)
                        {
                            output.Write(","u8);
                            WriteNumber(output, source.Probabilities![(row * classes) + c]);
                        }
                    }

                    break;
                case PredictionTask.Regression:
                    WriteNumber(output, source.Values![row]);
                    break;
                default:
                    for (var i = 0; i < source.OutputWidth; i++)
                    {
                        if (i > 0)
                        {
                            output.Write(","u8);
                        }

                        WriteNumber(output, source.Outputs![(row * source.OutputWidth) + i]);
                    }

                    break;
            }

            output.Write("\n"u8);
        }
    }

    private static void WriteNpy(IBufferWriter<byte> output, PredictionSlice slice, bool probabilities)
    {
        var source = slice.Source;
        var predictor = slice.Predictor;
        switch (predictor.Task)
        {
            case PredictionTask.Classification:
                var (labelType, labels) = predictor.NpyLabels;
                var classes = predictor.Classes.Count;
                if (probabilities)
                {
                    NpyWriter.WriteHeader(output, [("prediction", labelType), .. predictor.Classes.Select(c => ("probability_" + c, NpyDtype.Float64))], slice.Count);
                }
                else
                {
                    NpyWriter.WriteHeader(output, labelType, slice.Count);
                }

                var recordSize = labelType.ItemSize + (probabilities ? 8 * classes : 0);
                var span = output.GetSpan(slice.Count * recordSize);
                for (var r = 0; r < slice.Count; r++)
                {
                    var row = slice.Start + r;
                    var record = span.Slice(r * recordSize, recordSize);
                    labels[source.ClassIds![row]].CopyTo(record);
                    for (var c = 0; probabilities && c < classes; c++)
                    {
                        BinaryPrimitives.WriteDoubleLittleEndian(record[(labelType.ItemSize + (8 * c))..], source.Probabilities![(row * classes) + c]);
                    }
                }

                output.Advance(slice.Count * recordSize);
                break;
            case PredictionTask.Regression:
                NpyWriter.WriteHeader(output, NpyDtype.Float64, slice.Count);
                NpyWriter.WriteDoubles(output, source.Values.AsSpan(slice.Start, slice.Count));
                break;
            default:
                var width = source.OutputWidth;
                NpyWriter.WriteHeader(output, NpyDtype.Float32, slice.Count, width);
                var outputs = output.GetSpan(slice.Count * width * 4);
                for (var i = 0; i < slice.Count * width; i++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(outputs[(4 * i)..], source.Outputs![(slice.Start * width) + i]);
                }

                output.Advance(slice.Count * width * 4);
                break;
        }
    }

    private static void WriteValue(Utf8JsonWriter json, PredictionSlice slice, int row)
    {
        var source = slice.Source;
        var predictor = slice.Predictor;
        switch (predictor.Task)
        {
            case PredictionTask.Classification:
                var id = source.ClassIds![row];
                if (predictor.IntegerLabels is { } integers)
                {
                    json.WriteNumberValue(integers[id]);
                }
                else
                {
                    json.WriteStringValue(predictor.JsonClasses[id]);
                }

                break;
            case PredictionTask.Regression:
                WriteDouble(json, source.Values![row]);
                break;
            default:
                json.WriteStartArray();
                for (var i = 0; i < source.OutputWidth; i++)
                {
                    json.WriteNumberValue(source.Outputs![(row * source.OutputWidth) + i]);
                }

                json.WriteEndArray();
                break;
        }
    }

    private static void WriteClasses(Utf8JsonWriter json, Predictor predictor)
    {
        for (var c = 0; c < predictor.Classes.Count; c++)
        {
            if (predictor.IntegerLabels is { } integers)
            {
                json.WriteNumberValue(integers[c]);
            }
            else
            {
                json.WriteStringValue(predictor.JsonClasses[c]);
            }
        }
    }

    private static void WriteCsvLabel(IBufferWriter<byte> output, Predictor predictor, int id)
    {
        if (predictor.IntegerLabels is { } integers)
        {
            var span = output.GetSpan(24);
            Utf8Formatter.TryFormat(integers[id], span, out var written);
            output.Advance(written);
            return;
        }

        var label = predictor.Classes[id];
        var needsQuotes = label.AsSpan().IndexOfAny(",\"\n\r") >= 0;
        if (needsQuotes)
        {
            label = "\"" + label.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        }

        var bytes = output.GetSpan(Encoding.UTF8.GetMaxByteCount(label.Length));
        output.Advance(Encoding.UTF8.GetBytes(label, bytes));
    }

    private static void WriteNumber(IBufferWriter<byte> output, double value) =>
        output.Advance(ShortestDouble.Format(value, output.GetSpan(32)));

    // A network's float output as JSON writes it (0.1, not the 0.10000000149011612 of its double).
    private static void WriteNumber(IBufferWriter<byte> output, float value)
    {
        var span = output.GetSpan(32);
        value.TryFormat(span, out var written, "R", System.Globalization.CultureInfo.InvariantCulture);
        output.Advance(written);
    }

    // The text Utf8JsonWriter writes, found in a third of its time (ShortestDouble); NaN and infinities go to the
    // writer, which refuses them as it always has.
    private static void WriteDouble(Utf8JsonWriter json, double value)
    {
        Span<byte> text = stackalloc byte[ShortestDouble.MaxLength];
        if (ShortestDouble.TryFormat(value, text, out var written))
        {
            json.WriteRawValue(text[..written], skipInputValidation: true);
        }
        else
        {
            json.WriteNumberValue(value);
        }
    }
}
