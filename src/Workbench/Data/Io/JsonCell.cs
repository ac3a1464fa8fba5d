using System.Globalization;

namespace Workbench.Data.Io;

/// <summary>One JSON value as read, before its column's type is decided.</summary>
internal readonly record struct JsonCell(JsonCellKind Kind, long Integer = 0, double Real = 0, string? Text = null)
{
    public static readonly JsonCell Null = new(JsonCellKind.Null);

    /// <summary>The value as text, for a column of mixed kinds.</summary>
    public string? AsText() => Kind switch
    {
        JsonCellKind.Null => null,
        JsonCellKind.Boolean => Integer != 0 ? "true" : "false",
        JsonCellKind.Integer => Integer.ToString(CultureInfo.InvariantCulture),
        JsonCellKind.Real => Real.ToString("R", CultureInfo.InvariantCulture),
        _ => Text,
    };
}

internal enum JsonCellKind
{
    Null,
    Boolean,
    Integer,
    Real,
    Text,

    /// <summary>A nested object or array, kept as its JSON text.</summary>
    Raw,
}
