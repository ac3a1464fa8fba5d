using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace Workbench.Kernel.Papermill;

/// <summary>
/// The C# types a <c>-p NAME VALUE</c> override can take: the declared type of the variable in the parameters cell.
/// Converts the command-line text to a C# literal, or says why it cannot.
/// </summary>
public sealed record ParameterType(string Name, bool Nullable)
{
    private static readonly string[] Supported = ["int", "long", "double", "float", "decimal", "bool", "string", "DateTime"];

    public static string SupportedList => string.Join(", ", Supported);

    /// <summary>Parses "int", "System.Int32", "double?", "DateTime"... Null when -p cannot set that type.</summary>
    public static ParameterType? Parse(string typeText)
    {
        var text = typeText.Replace(" ", string.Empty, StringComparison.Ordinal);
        var nullable = text.EndsWith('?');
        if (nullable)
        {
            text = text[..^1];
        }

        var name = text switch
        {
            "int" or "Int32" or "System.Int32" => "int",
            "long" or "Int64" or "System.Int64" => "long",
            "double" or "Double" or "System.Double" => "double",
            "float" or "Single" or "System.Single" => "float",
            "decimal" or "Decimal" or "System.Decimal" => "decimal",
            "bool" or "Boolean" or "System.Boolean" => "bool",
            "string" or "String" or "System.String" => "string",
            "DateTime" or "System.DateTime" => "DateTime",
            _ => null,
        };
        return name is null ? null : new ParameterType(name, nullable);
    }

    /// <summary>The type a literal in the parameters cell has when declared with <c>var</c>.</summary>
    public static ParameterType? OfLiteral(SyntaxKind kind, object? value) => kind switch
    {
        SyntaxKind.StringLiteralExpression => new ParameterType("string", false),
        SyntaxKind.TrueLiteralExpression or SyntaxKind.FalseLiteralExpression => new ParameterType("bool", false),
        SyntaxKind.NumericLiteralExpression => value switch
        {
            int => new ParameterType("int", false),
            long => new ParameterType("long", false),
            double => new ParameterType("double", false),
            float => new ParameterType("float", false),
            decimal => new ParameterType("decimal", false),
            _ => null,
        },
        _ => null,
    };

    /// <summary>The type an undeclared override gets: the narrowest of int, long, double, bool, string that reads it.</summary>
    public static ParameterType Infer(string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? new("int", false)
        : long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? new("long", false)
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? new("double", false)
        : bool.TryParse(value, out _) ? new("bool", false)
        : new("string", false);

    public string Declaration => Nullable ? Name + "?" : Name;

    /// <summary>A C# expression of this type for <paramref name="value"/>, and its JSON form for the run record.</summary>
    public (string Literal, System.Text.Json.Nodes.JsonNode? Json) Convert(string parameter, string value)
    {
        if (Nullable && value == "null")
        {
            return ("null", null);
        }

        var invariant = CultureInfo.InvariantCulture;
        switch (Name)
        {
            case "string":
                return (SymbolDisplay.FormatLiteral(value, quote: true), value);
            case "int" when int.TryParse(value, NumberStyles.Integer, invariant, out var i):
                return (i.ToString(invariant), i);
            case "long" when long.TryParse(value, NumberStyles.Integer, invariant, out var l):
                return (l.ToString(invariant) + "L", l);
            case "double" when double.TryParse(value, NumberStyles.Float, invariant, out var d):
                return (DoubleLiteral(d, "double"), double.IsFinite(d) ? d : value);
            case "float" when float.TryParse(value, NumberStyles.Float, invariant, out var f):
                return (float.IsFinite(f) ? f.ToString("R", invariant) + "f" : DoubleLiteral(f, "float"), float.IsFinite(f) ? f : value);
            case "decimal" when decimal.TryParse(value, NumberStyles.Float, invariant, out var m):
                return (m.ToString(invariant) + "m", m);
            case "bool" when bool.TryParse(value, out var b):
                return (b ? "true" : "false", b);
            case "DateTime" when DateTime.TryParse(value, invariant, DateTimeStyles.RoundtripKind, out var t):
                return ($"global::System.DateTime.Parse({SymbolDisplay.FormatLiteral(t.ToString("o", invariant), quote: true)}, global::System.Globalization.CultureInfo.InvariantCulture, global::System.Globalization.DateTimeStyles.RoundtripKind)", t.ToString("o", invariant));
        }

        var expected = Name switch
        {
            "int" => $"a whole number between {int.MinValue} and {int.MaxValue}",
            "long" => "a whole number",
            "double" or "float" or "decimal" => "a number such as 0.25 (a dot for the decimal point)",
            "bool" => "true or false",
            "DateTime" => "a date such as 2024-03-01 or 2024-03-01T14:30:00Z",
            _ => Name,
        };
        throw new ParameterException($"Parameter '{parameter}' is declared {Declaration} in the parameters cell, but the value '{value}' is not {expected}.");
    }

    private static string DoubleLiteral(double value, string type) =>
        double.IsNaN(value) ? $"{type}.NaN"
        : double.IsPositiveInfinity(value) ? $"{type}.PositiveInfinity"
        : double.IsNegativeInfinity(value) ? $"{type}.NegativeInfinity"
        : value.ToString("R", CultureInfo.InvariantCulture) is var text && (text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal)) ? text : text + ".0";
}
