using System.Collections;
using System.Text;

namespace Workbench.Kernel.Formatting;

/// <summary>Short one-line text for a value inside a table cell, a list item or a member value.</summary>
internal static class ValueSummary
{
    public static string Of(object? value, int maxChars = 80) => ValueText.Clip(Build(value, depth: 0), maxChars);

    private static string Build(object? value, int depth)
    {
        if (value is null)
        {
            return ValueText.Null;
        }

        var type = value.GetType();
        if (ValueText.IsScalar(type))
        {
            return ValueText.Scalar(value);
        }

        if (value is byte[] bytes)
        {
            return $"byte[{bytes.Length}]";
        }

        if (depth > 1)
        {
            return value is IEnumerable ? "[…]" : ObjectMembers.HasDefaultToString(type) ? "{…}" : value.ToString() ?? string.Empty;
        }

        if (DictionaryEntries.TryRead(value) is { } entries)
        {
            return Join("{", entries.Select(e => $"{ValueText.Scalar(e.Key)}: {Build(e.Value, depth + 1)}"), "}", 4);
        }

        if (value is IEnumerable sequence)
        {
            return Join("[", sequence.Cast<object?>().Select(i => Build(i, depth + 1)), "]", 5);
        }

        if (ObjectMembers.HasDefaultToString(type) && ObjectMembers.Of(type).Count > 0)
        {
            var members = ObjectMembers.Of(type).Select(m => $"{m.Name} = {Build(ObjectMembers.ReadSafely(m, value), depth + 1)}");
            return Join($"{TypeNames.Short(type)} {{ ", members, " }", 6, separator: ", ");
        }

        return value.ToString() ?? string.Empty;
    }

    private static string Join(string open, IEnumerable<string> parts, string close, int max, string separator = ", ")
    {
        var builder = new StringBuilder(open);
        var count = 0;
        foreach (var part in parts)
        {
            if (count == max)
            {
                builder.Append(separator).Append('…');
                break;
            }

            if (count > 0)
            {
                builder.Append(separator);
            }

            builder.Append(part);
            count++;
        }

        return builder.Append(close).ToString();
    }
}
