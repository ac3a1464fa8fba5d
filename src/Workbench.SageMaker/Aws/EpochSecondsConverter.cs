using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workbench.SageMaker.Aws;

/// <summary>Timestamps as the JSON protocols send them: seconds since the epoch, with a fraction.</summary>
public sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            var seconds = reader.GetDouble();
            return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        }

        if (reader.TokenType == JsonTokenType.String
            && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        throw new JsonException($"Expected a timestamp (epoch seconds or ISO 8601), found {reader.TokenType}.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(Math.Round(value.ToUnixTimeMilliseconds() / 1000.0, 3));
}
