namespace Workbench.Kernel.Formatting;

/// <summary>
/// Renders values of <see cref="Type"/> (and types derived from it) as <see cref="MimeType"/>. The same shape
/// (<c>Type</c>, <c>MimeType</c>, <c>bool Format(object, TextWriter)</c>) is what extension packages and
/// <c>TypeFormatterSourceAttribute</c> formatter sources expose by name, without referencing this assembly.
/// </summary>
public interface ITypeFormatter
{
    Type Type { get; }

    string MimeType { get; }

    /// <summary>Writes <paramref name="value"/>; returns false to let the next formatter for this MIME type try.</summary>
    bool Format(object value, TextWriter writer);
}

/// <summary>A formatter built from a delegate: what <see cref="FormatterRegistry.Register{T}(string, Func{T, string})"/> creates.</summary>
public sealed class DelegateFormatter<T>(string mimeType, Func<T, TextWriter, bool> format) : ITypeFormatter
{
    public Type Type => typeof(T);

    public string MimeType { get; } = mimeType;

    public bool Format(object value, TextWriter writer) => value is T typed && format(typed, writer);
}
