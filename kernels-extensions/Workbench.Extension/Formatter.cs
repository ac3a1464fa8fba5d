namespace Workbench.Extension;

/// <summary>
/// A renderer for one type and one MIME type, in the shape that both the Workbench kernel and legacy
/// .NET Interactive recognise by name (<c>Type</c>, <c>MimeType</c>, <c>bool Format(object, TextWriter)</c>),
/// so neither needs a compile-time reference to the other.
/// </summary>
/// <remarks>
/// Instances are created per kernel session by <see cref="WorkbenchFormatterSource"/>; per-session state
/// (for example whether plotly.js was already sent) lives on the instance, never in a static.
/// </remarks>
public abstract class Formatter<T>
{
    public Type Type => typeof(T);

    /// <summary>State shared by the formatters of one kernel session.</summary>
    public FormatterSession Session { get; internal set; } = new();

    public abstract string MimeType { get; }

    public bool Format(object instance, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return instance is T value && Format(value, writer);
    }

    /// <summary>Writes <paramref name="value"/>; returns false to let the next formatter try.</summary>
    protected abstract bool Format(T value, TextWriter writer);
}

/// <summary>An HTML renderer: the common case.</summary>
public abstract class HtmlFormatter<T> : Formatter<T>
{
    public override string MimeType => "text/html";
}
