using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Workbench.SageMaker.Aws;

/// <summary>
/// JSON settings for the AWS JSON protocols: member names as the model spells them, absent members omitted,
/// timestamps as epoch seconds. Reading is tolerant (unknown members ignored, <c>required</c> not enforced) so a
/// newer service answer never breaks an older client; writing is checked against the model instead.
/// </summary>
public static class AwsJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RelaxRequired } },
        };
        options.Converters.Add(new EpochSecondsConverter());
        options.MakeReadOnly();
        return options;
    }

    private static void RelaxRequired(JsonTypeInfo info)
    {
        foreach (var property in info.Properties)
        {
            property.IsRequired = false;
        }
    }
}
