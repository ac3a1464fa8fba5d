using System.Globalization;
using System.Text.Json;

namespace Workbench.Features.Persistence;

/// <summary>
/// Reads a JSON object field by field, each failure a <see cref="DocumentFormatException"/> naming the file and
/// the JSON path of the field: a saved document is checked completely before anything is built from it.
/// </summary>
internal sealed class StateReader
{
    private readonly JsonElement _element;

    private StateReader(JsonElement element, string path, string source)
    {
        _element = element;
        Path = path;
        Source = source;
    }

    public string Path { get; }

    public string Source { get; }

    /// <summary>Parses a whole document; bad JSON fails with the line and position.</summary>
    public static StateReader Parse(ReadOnlySpan<byte> utf8, string source, out JsonDocument document)
    {
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new DocumentFormatException(source, "$", $"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}", e);
        }

        var reader = new StateReader(document.RootElement, "$", source);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw reader.Fail(null, $"expected a JSON object, found {Describe(document.RootElement)}");
        }

        return reader;
    }

    /// <summary>The object's field names, in document order.</summary>
    public IReadOnlyList<string> Keys => _element.EnumerateObject().Select(p => p.Name).ToArray();

    /// <summary>Refuses fields other than <paramref name="known"/> (a misspelt field in a hand-edited file would otherwise be ignored).</summary>
    public void OnlyKnown(params string[] known)
    {
        foreach (var key in Keys.Where(k => !known.Contains(k)))
        {
            throw Fail(null, $"unknown field '{key}' (known: {string.Join(", ", known)})");
        }
    }

    /// <summary>The bytes of a saved document; a missing file says what was looked for.</summary>
    public static byte[] ReadFile(string path, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        return File.Exists(path) ? File.ReadAllBytes(path) : throw new FileNotFoundException($"no {what} at '{path}'.", path);
    }

    /// <summary>Checks the <c>format</c> and <c>version</c> fields every Workbench document starts with.</summary>
    public void CheckFormat(string format, int version, string what)
    {
        var found = String("format");
        if (found != format)
        {
            throw Fail("format", $"expected '{format}', found '{found}': this is not a saved {what}");
        }

        var saved = Int64("version");
        if (saved != version)
        {
            throw Fail("version", $"version {saved} is not supported: this Workbench reads version {version}{(saved > version ? " (the file was saved by a newer Workbench)" : string.Empty)}");
        }
    }

    public bool Has(string key) => _element.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null;

    public StateReader Object(string key)
    {
        var value = Get(key, JsonValueKind.Object, "an object");
        return new StateReader(value, Child(key), Source);
    }

    public IReadOnlyList<StateReader> Objects(string key, int? expected = null)
    {
        var array = Array(key, expected);
        var result = new StateReader[array.Length];
        for (var i = 0; i < array.Length; i++)
        {
            if (array[i].ValueKind != JsonValueKind.Object)
            {
                throw new DocumentFormatException(Source, $"{Child(key)}[{i}]", $"expected an object, found {Describe(array[i])}");
            }

            result[i] = new StateReader(array[i], $"{Child(key)}[{i}]", Source);
        }

        return result;
    }

    public string String(string key) => Get(key, JsonValueKind.String, "a string").GetString()!;

    public string? OptionalString(string key) => Has(key) ? String(key) : null;

    public bool Bool(string key)
    {
        var value = Required(key);
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Fail(key, $"expected true or false, found {Describe(value)}"),
        };
    }

    public long Int64(string key)
    {
        var value = Get(key, JsonValueKind.Number, "an integer");
        return value.TryGetInt64(out var number) ? number : throw Fail(key, $"expected an integer, found {value.GetRawText()}");
    }

    public int Int32(string key, int min = int.MinValue, int max = int.MaxValue)
    {
        var number = Int64(key);
        return number >= min && number <= max ? (int)number : throw Fail(key, $"{number} is outside {min}..{max}");
    }

    public double Double(string key) => AsDouble(Required(key), Child(key));

    public double? OptionalDouble(string key) => Has(key) ? Double(key) : null;

    public double[] Doubles(string key, int? expected = null)
    {
        var array = Array(key, expected);
        var result = new double[array.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = AsDouble(array[i], $"{Child(key)}[{i}]");
        }

        return result;
    }

    public long[] Int64s(string key, int? expected = null)
    {
        var array = Array(key, expected);
        var result = new long[array.Length];
        for (var i = 0; i < result.Length; i++)
        {
            if (array[i].ValueKind != JsonValueKind.Number || !array[i].TryGetInt64(out result[i]))
            {
                throw new DocumentFormatException(Source, $"{Child(key)}[{i}]", $"expected an integer, found {Describe(array[i])}");
            }
        }

        return result;
    }

    public string[] StringArray(string key, int? expected = null)
    {
        var array = Array(key, expected);
        var result = new string[array.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = array[i].ValueKind == JsonValueKind.String
                ? array[i].GetString()!
                : throw new DocumentFormatException(Source, $"{Child(key)}[{i}]", $"expected a string, found {Describe(array[i])}");
        }

        return result;
    }

    public string[][] StringArrays(string key, int? expected = null) => Nested(key, expected, (item, path) =>
        item.ValueKind == JsonValueKind.String ? item.GetString()! : throw new DocumentFormatException(Source, path, $"expected a string, found {Describe(item)}"));

    public double[][] DoubleArrays(string key, int? expected = null) => Nested(key, expected, AsDouble);

    /// <summary>An enum stored as one of <paramref name="names"/> (snake_case).</summary>
    public T Choice<T>(string key, IReadOnlyDictionary<string, T> names)
    {
        var text = String(key);
        return names.TryGetValue(text, out var value)
            ? value
            : throw Fail(key, $"'{text}' is not one of {string.Join(", ", names.Keys.Select(k => $"'{k}'"))}");
    }

    /// <summary>Parses a field's text with <paramref name="parse"/>, turning its error into one at the field's path.</summary>
    public T Parse<T>(string key, string text, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new DocumentFormatException(Source, Child(key), e.Message, e);
        }
    }

    /// <summary>An error at this object (<paramref name="key"/> null) or at one of its fields.</summary>
    public DocumentFormatException Fail(string? key, string problem) => new(Source, key is null ? Path : Child(key), problem);

    private string Child(string key) => $"{Path}.{key}";

    private JsonElement Required(string key)
    {
        return _element.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw Fail(key, "required field is missing");
    }

    private JsonElement Get(string key, JsonValueKind kind, string expected)
    {
        var value = Required(key);
        return value.ValueKind == kind ? value : throw Fail(key, $"expected {expected}, found {Describe(value)}");
    }

    private JsonElement[] Array(string key, int? expected)
    {
        var value = Get(key, JsonValueKind.Array, "an array");
        var items = value.EnumerateArray().ToArray();
        if (expected is { } length && items.Length != length)
        {
            throw Fail(key, $"expected {length} entries, found {items.Length}");
        }

        return items;
    }

    private T[][] Nested<T>(string key, int? expected, Func<JsonElement, string, T> read)
    {
        var array = Array(key, expected);
        var result = new T[array.Length][];
        for (var i = 0; i < result.Length; i++)
        {
            var path = $"{Child(key)}[{i}]";
            if (array[i].ValueKind != JsonValueKind.Array)
            {
                throw new DocumentFormatException(Source, path, $"expected an array, found {Describe(array[i])}");
            }

            result[i] = array[i].EnumerateArray().Select((item, j) => read(item, $"{path}[{j}]")).ToArray();
        }

        return result;
    }

    private double AsDouble(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetDouble(out var number) && double.IsFinite(number):
                return number;
            case JsonValueKind.String:
                var text = value.GetString();
                if (text is "NaN" or "Infinity" or "-Infinity")
                {
                    return double.Parse(text, CultureInfo.InvariantCulture);
                }

                break;
        }

        throw new DocumentFormatException(Source, path, $"expected a number, found {Describe(value)}");
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {Truncate(value.GetRawText())}",
        JsonValueKind.Number => $"the number {Truncate(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => "null",
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
