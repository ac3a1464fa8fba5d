using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Workbench.Kernel.Formatting;

/// <summary>
/// One value rendered in several MIME types, in the order they were added. JSON MIME types hold JSON text;
/// raster images hold base64; everything else holds the text itself.
/// </summary>
public sealed class MimeBundle : IReadOnlyDictionary<string, string>
{
    private readonly List<KeyValuePair<string, string>> _entries = [];

    public MimeBundle()
    {
    }

    public MimeBundle(IEnumerable<KeyValuePair<string, string>> entries)
    {
        foreach (var (mimeType, content) in entries)
        {
            Set(mimeType, content);
        }
    }

    public int Count => _entries.Count;

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public IEnumerable<string> Values => _entries.Select(e => e.Value);

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The bundle has no '{key}' entry.");

    /// <summary>Adds or replaces the content for <paramref name="mimeType"/>.</summary>
    public MimeBundle Set(string mimeType, string content)
    {
        ArgumentException.ThrowIfNullOrEmpty(mimeType);
        ArgumentNullException.ThrowIfNull(content);
        var index = _entries.FindIndex(e => e.Key == mimeType);
        if (index >= 0)
        {
            _entries[index] = new(mimeType, content);
        }
        else
        {
            _entries.Add(new(mimeType, content));
        }

        return this;
    }

    public bool Remove(string mimeType) => _entries.RemoveAll(e => e.Key == mimeType) > 0;

    public bool ContainsKey(string key) => _entries.Exists(e => e.Key == key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        foreach (var entry in _entries)
        {
            if (entry.Key == key)
            {
                value = entry.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A bundle holding only <c>text/plain</c>.</summary>
    public static MimeBundle PlainText(string text) => new MimeBundle().Set(MimeTypes.PlainText, text);
}
