namespace Workbench.Data;

/// <summary>The element type of a <see cref="Column"/>.</summary>
public enum ColumnType
{
    /// <summary>64-bit floating point (<see cref="DoubleColumn"/>).</summary>
    Double,

    /// <summary>32-bit floating point (<see cref="SingleColumn"/>).</summary>
    Single,

    /// <summary>64-bit integer (<see cref="Int64Column"/>).</summary>
    Int64,

    /// <summary>True / false (<see cref="BooleanColumn"/>).</summary>
    Boolean,

    /// <summary>Free text (<see cref="StringColumn"/>).</summary>
    String,

    /// <summary>A small set of labels stored as integer codes into a dictionary (<see cref="CategoricalColumn"/>).</summary>
    Categorical,

    /// <summary>Date and time (<see cref="DateTimeColumn"/>).</summary>
    DateTime,
}

/// <summary>Names of column types as data scientists read them (pandas-like dtype names).</summary>
public static class ColumnTypeNames
{
    /// <summary>The short dtype name shown in table headers: <c>float64</c>, <c>int64</c>, <c>category</c>, ...</summary>
    public static string DisplayName(this ColumnType type) => type switch
    {
        ColumnType.Double => "float64",
        ColumnType.Single => "float32",
        ColumnType.Int64 => "int64",
        ColumnType.Boolean => "bool",
        ColumnType.String => "string",
        ColumnType.Categorical => "category",
        ColumnType.DateTime => "datetime",
        _ => type.ToString(),
    };

    /// <summary>Whether values of this type are numbers (booleans count as 0 / 1).</summary>
    public static bool IsNumeric(this ColumnType type) =>
        type is ColumnType.Double or ColumnType.Single or ColumnType.Int64 or ColumnType.Boolean;

    /// <summary>Parses a type from its enum name or its dtype name (<c>float64</c>, <c>int</c>, <c>category</c>, ...).</summary>
    public static ColumnType Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Enum.TryParse<ColumnType>(text, ignoreCase: true, out var parsed) && !int.TryParse(text, out _))
        {
            return parsed;
        }

        return text.Trim().ToLowerInvariant() switch
        {
            "float64" or "float" or "double" => ColumnType.Double,
            "float32" or "single" => ColumnType.Single,
            "int64" or "int" or "int32" or "long" or "integer" => ColumnType.Int64,
            "bool" or "boolean" => ColumnType.Boolean,
            "string" or "str" or "object" or "text" => ColumnType.String,
            "category" or "categorical" => ColumnType.Categorical,
            "datetime" or "datetime64" or "date" or "timestamp" => ColumnType.DateTime,
            _ => throw new FormatException($"'{text}' is not a column type; use one of float64, float32, int64, bool, string, category, datetime."),
        };
    }
}
