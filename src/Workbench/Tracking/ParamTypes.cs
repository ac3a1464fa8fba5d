namespace Workbench.Tracking;

/// <summary>How a <see cref="ParamType"/> is spelled in the store.</summary>
internal static class ParamTypes
{
    public static string ToText(ParamType type) => type switch
    {
        ParamType.String => "string",
        ParamType.Integer => "integer",
        ParamType.Float => "float",
        ParamType.Boolean => "boolean",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static ParamType Parse(string text) => text switch
    {
        "string" => ParamType.String,
        "integer" => ParamType.Integer,
        "float" => ParamType.Float,
        "boolean" => ParamType.Boolean,
        _ => throw new InvalidDataException($"Unknown stored parameter type '{text}'."),
    };
}
