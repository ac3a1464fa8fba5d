using System.Globalization;
using System.Numerics;

namespace Workbench.Kernel.Formatting;

/// <summary>How a single (scalar) value reads as text: invariant culture, ISO-like dates, "&lt;null&gt;" for null.</summary>
public static class ValueText
{
    public const string Null = "<null>";

    /// <summary>Values shown as one piece of text, never expanded into members.</summary>
    public static bool IsScalar(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum
            || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime) || type == typeof(DateTimeOffset)
            || type == typeof(TimeSpan) || type == typeof(Guid) || type == typeof(DateOnly) || type == typeof(TimeOnly)
            || type == typeof(Half) || type == typeof(Int128) || type == typeof(UInt128) || type == typeof(BigInteger)
            || type == typeof(Uri) || type == typeof(Version) || typeof(Type).IsAssignableFrom(type)
            || typeof(Delegate).IsAssignableFrom(type);
    }

    /// <summary>Text for a scalar; anything else falls back to its <see cref="object.ToString"/>.</summary>
    public static string Scalar(object? value) => value switch
    {
        null => Null,
        string s => s,
        DateTime d => d.TimeOfDay == TimeSpan.Zero && d.Kind != DateTimeKind.Utc
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        Type t => t.FullName ?? t.Name,
        Delegate d => $"{d.GetType().Name} -> {d.Method.Name}",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Shortens text to <paramref name="max"/> characters with an ellipsis, on one line.</summary>
    public static string Clip(string text, int max)
    {
        var oneLine = text.ReplaceLineEndings("⏎");
        return oneLine.Length <= max ? oneLine : string.Concat(oneLine.AsSpan(0, Math.Max(0, max - 1)), "…");
    }
}
