using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Workbench.Serving.Protocol;

/// <summary>Content types and Accept negotiation over <see cref="DataFormat"/>.</summary>
public static class MediaTypes
{
    public const string Csv = "text/csv";
    public const string Json = "application/json";
    public const string JsonLines = "application/jsonlines";
    public const string Npy = Workbench.Data.Io.NpyArray.MediaType;

    private const string Supported = "text/csv, application/json, application/jsonlines or application/x-npy";

    /// <summary>Every accepted spelling, with the format it means.</summary>
    public static IReadOnlyDictionary<string, DataFormat> Known { get; } = new Dictionary<string, DataFormat>(StringComparer.OrdinalIgnoreCase)
    {
        [Csv] = DataFormat.Csv,
        ["application/csv"] = DataFormat.Csv,
        [Json] = DataFormat.Json,
        [JsonLines] = DataFormat.JsonLines,
        ["application/x-jsonlines"] = DataFormat.JsonLines,
        ["application/jsonl"] = DataFormat.JsonLines,
        ["application/x-ndjson"] = DataFormat.JsonLines,
        [Npy] = DataFormat.Npy,
    };

    /// <summary>The canonical content type of a format.</summary>
    public static string Of(DataFormat format) => format switch
    {
        DataFormat.Csv => Csv,
        DataFormat.Json => Json,
        DataFormat.Npy => Npy,
        _ => JsonLines,
    };

    /// <summary>Reads a request's Content-Type: the format and whether a CSV body starts with a header (<c>text/csv; header=present</c>).</summary>
    /// <exception cref="ServingException">415: missing, unknown, or a charset other than UTF-8.</exception>
    public static (DataFormat Format, bool? Header) ParseContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            throw ServingException.UnsupportedMediaType($"the request has no Content-Type; send {Supported}.");
        }

        // The common exact spellings skip the header parser.
        if (Known.TryGetValue(contentType, out var quick))
        {
            return (quick, null);
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || !Known.TryGetValue(parsed.MediaType.Value ?? string.Empty, out var format))
        {
            throw ServingException.UnsupportedMediaType($"Content-Type '{Truncate(contentType)}' is not supported; send {Supported}.");
        }

        var charset = parsed.Charset.Value;
        if (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            && !charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
        {
            throw ServingException.UnsupportedMediaType($"charset '{Truncate(charset)}' is not supported; send UTF-8.");
        }

        bool? header = null;
        foreach (var parameter in parsed.Parameters)
        {
            if (parameter.Name.Equals("header", StringComparison.OrdinalIgnoreCase))
            {
                header = Flag(parameter.Value.Value, "the Content-Type parameter 'header'");
            }
        }

        return (format, header);
    }

    /// <summary>
    /// The response format for an Accept header: the first supported type by quality (<c>*/*</c> and a missing
    /// header give <paramref name="fallback"/>, <c>text/*</c> CSV, <c>application/*</c> JSON).
    /// </summary>
    /// <exception cref="ServingException">406: nothing acceptable is supported.</exception>
    public static DataFormat NegotiateAccept(StringValues accept, DataFormat fallback = DataFormat.Json)
    {
        if (StringValues.IsNullOrEmpty(accept))
        {
            return fallback;
        }

        if (accept.Count == 1 && Known.TryGetValue(accept[0]!, out var quick))
        {
            return quick;
        }

        if (accept.Count == 1 && accept[0] == "*/*")
        {
            return fallback;
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var values) || values.Count == 0)
        {
            throw ServingException.NotAcceptable($"Accept '{Truncate(accept.ToString())}' cannot be read; ask for {Supported}.");
        }

        foreach (var value in values.Where(v => (v.Quality ?? 1.0) > 0).OrderByDescending(v => v.Quality ?? 1.0))
        {
            var type = value.MediaType.Value ?? string.Empty;
            if (Known.TryGetValue(type, out var format))
            {
                return format;
            }

            switch (type.ToLowerInvariant())
            {
                case "*/*":
                    return fallback;
                case "text/*":
                    return DataFormat.Csv;
                case "application/*":
                    return DataFormat.Json;
            }
        }

        throw ServingException.NotAcceptable($"none of Accept '{Truncate(accept.ToString())}' is supported; ask for {Supported}.");
    }

    /// <summary>true / false from "true", "1", "yes", "present" and their opposites.</summary>
    public static bool Flag(string? value, string what) => value?.Trim().Trim('"').ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "present" or "on" => true,
        "false" or "0" or "no" or "absent" or "off" => false,
        _ => throw ServingException.BadRequest("invalid_parameter", $"{what} must be true or false (or present / absent), not '{Truncate(value ?? string.Empty)}'."),
    };

    internal static string Truncate(string text) => text.Length <= 120 ? text : text[..120] + "…";
}
