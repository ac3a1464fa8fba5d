using Workbench.Data;
using Workbench.Serving.Models;

namespace Workbench.Serving.Protocol;

/// <summary>
/// Turns a request body into the frame a model bundle predicts on: parsed in the bundle's request layout, then checked
/// against its data schema (types, ranges, categories, missing values). Any problem is a 400 naming the row and column.
/// </summary>
public static class RequestReader
{
    /// <exception cref="ServingException">400 with every problem found (up to a bound); 400 for an empty body.</exception>
    public static Frame Read(ModelBundle bundle, ReadOnlyMemory<byte> body, DataFormat format, bool header = false) =>
        Read(bundle, body, format, header, scanJsonByHand: true);

    /// <summary>
    /// <see cref="Read(ModelBundle, ReadOnlyMemory{byte}, DataFormat, bool)"/>; with <paramref name="scanJsonByHand"/>
    /// false, JSON and JSON Lines bodies are read only by <see cref="JsonRequestParser"/> (what the tests compare the
    /// hand-scanned ways with).
    /// </summary>
    internal static Frame Read(ModelBundle bundle, ReadOnlyMemory<byte> body, DataFormat format, bool header, bool scanJsonByHand)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        if (body.Span.StartsWith("\uFEFF"u8))
        {
            // Spreadsheet exports and some clients start UTF-8 with a byte-order mark.
            body = body[3..];
        }

        if (Workbench.Data.Io.FieldParser.Trim(body.Span).Trim("\r\n"u8).IsEmpty)
        {
            throw ServingException.BadRequest("empty_body", $"the request body is empty; send one or more rows ({bundle.Layout.Describe()}).");
        }

        var builder = !scanJsonByHand ? null : format switch
        {
            DataFormat.Json => JsonFrameReader.TryRead(bundle.Layout, bundle.Keys, body.Span),
            DataFormat.JsonLines => JsonFrameReader.TryReadLines(bundle.Layout, bundle.Keys, body.Span),
            _ => null,
        };
        if (builder is null)
        {
            var array = format == DataFormat.Npy ? NpyRequestReader.Open(body) : null;
            builder = new FrameBuilder(bundle.Layout, array is null ? EstimateRows(body.Span, format) : NpyRequestReader.EstimateRows(array, bundle.Layout.Count));
            switch (format)
            {
                case DataFormat.Npy:
                    NpyRequestReader.Read(array!, builder);
                    break;
                case DataFormat.Csv:
                    CsvRequestParser.Parse(body.Span, builder, header);
                    break;
                case DataFormat.JsonLines:
                    JsonRequestParser.ParseJsonLines(body, builder);
                    break;
                default:
                    JsonRequestParser.ParseJson(body, builder);
                    break;
            }
        }

        builder.ThrowIfProblems();
        if (builder.Rows == 0)
        {
            throw ServingException.BadRequest("empty_body", "the request holds no rows.");
        }

        var frame = builder.Build();
        var errors = bundle.Validate(frame, FrameBuilder.MaxProblems);
        if (errors.Count > 0)
        {
            throw ServingException.InvalidData(errors.Select(e => new RequestProblem(e.Row, e.Column, e.Value is null ? null : MediaTypes.Truncate(e.Value), Kind(e.Kind), e.Reason)).ToList());
        }

        return frame;
    }

    /// <summary>
    /// The rows of <paramref name="body"/> as <paramref name="bundle"/> predicts on them: a header-less CSV body, a
    /// JSON or JSON Lines body of plain numeric rows, or a numeric <c>.npy</c> array goes straight to the model's input
    /// matrix when the bundle allows it (<see cref="NumericCsvReader"/>, <see cref="NumericJsonReader"/>,
    /// <see cref="NpyRequestReader"/>); anything else, or anything those decline, is
    /// <see cref="Read(ModelBundle, ReadOnlyMemory{byte}, DataFormat, bool)"/>. Same answers and same errors either way.
    /// </summary>
    /// <exception cref="ServingException">As <see cref="Read(ModelBundle, ReadOnlyMemory{byte}, DataFormat, bool)"/>.</exception>
    public static RequestRows ReadRows(ModelBundle bundle, ReadOnlyMemory<byte> body, DataFormat format, bool header = false)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var features = bundle.NumericInput is not { } input ? null : format switch
        {
            DataFormat.Csv when !header => NumericCsvReader.TryRead(input, body.Span),
            DataFormat.Json => NumericJsonReader.TryRead(input, body.Span),
            DataFormat.JsonLines => NumericJsonReader.TryReadLines(input, body.Span),
            DataFormat.Npy when Workbench.Data.Io.NpyArray.HasMagic(body.Span) => NpyRequestReader.TryReadNumeric(input, NpyRequestReader.Open(body)),
            _ => null,
        };
        return features is not null ? new RequestRows(features) : new RequestRows(Read(bundle, body, format, header));
    }

    private static string Kind(Workbench.Features.Validation.AnomalyKind kind) => kind switch
    {
        Workbench.Features.Validation.AnomalyKind.TooManyNulls => "missing_value",
        _ => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString()),
    };

    /// <summary>The lines of a non-empty body: one per line feed, and one more when the last line has none.</summary>
    internal static int LineCount(ReadOnlySpan<byte> body) =>
        System.MemoryExtensions.Count(body, (byte)'\n') + (body.EndsWith((byte)'\n') ? 0 : 1);

    // Exact for a body whose last line ends with a newline, as most clients send it, so Build hands the column
    // arrays over instead of copying them to size.
    private static int EstimateRows(ReadOnlySpan<byte> body, DataFormat format) =>
        format == DataFormat.Json ? 4 : Math.Max(1, LineCount(body));
}
