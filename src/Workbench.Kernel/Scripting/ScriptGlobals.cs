using Workbench.Kernel.Execution;
using Workbench.Kernel.Formatting;

namespace Workbench.Kernel.Scripting;

/// <summary>
/// What every cell can call without a prefix: <c>display(value)</c>, <c>HTML("...")</c>, <c>Markdown("...")</c>,
/// <c>SVG("...")</c>, <c>JSON("...")</c>, <c>ClearOutput()</c>, <c>Formatters</c> and the cell's <c>CancellationToken</c>.
/// </summary>
/// <remarks>Stateless: each call finds its cell through the execution context, so it works from any task the cell started.</remarks>
public class ScriptGlobals
{
    /// <summary>Shows <paramref name="value"/> now (as <paramref name="mimeTypes"/> when given) and returns a handle to replace it later.</summary>
#pragma warning disable IDE1006 // Jupyter and .NET Interactive notebooks call it display(...).
    public DisplayHandle display(object? value, params string[] mimeTypes) => DisplayExtensions.Show(value, mimeTypes);
#pragma warning restore IDE1006

    /// <summary>Marks text as HTML: <c>display(HTML("&lt;b&gt;bold&lt;/b&gt;"))</c>.</summary>
    public HtmlString HTML(string html) => new(html);

    /// <summary>Marks text as Markdown.</summary>
    public MarkdownString Markdown(string markdown) => new(markdown);

    /// <summary>Marks text as an SVG image.</summary>
    public SvgString SVG(string svg) => new(svg);

    /// <summary>Marks text as JSON (it must parse).</summary>
    public JsonString JSON(string json) => new(json);

    /// <summary>Clears this cell's outputs; with <paramref name="wait"/>, just before the next output arrives (no flicker).</summary>
    public void ClearOutput(bool wait = false)
    {
        var scope = RunningCell();
        scope.FlushStreams();
        scope.Sink.OnClearOutput(wait);
    }

    /// <summary>The formatters of this session: <c>Formatters.Register&lt;T&gt;("text/html", v =&gt; ...)</c>.</summary>
    public FormatterRegistry Formatters => RunningCell().Engine.Formatters;

    /// <summary>Cancelled when the cell is interrupted or times out: pass it to long awaits (<c>await Task.Delay(1000, CancellationToken)</c>).</summary>
    public CancellationToken CancellationToken => CellScope.Current?.Token ?? CancellationToken.None;

    internal static CellScope RunningCell() =>
        CellScope.Current ?? throw new InvalidOperationException("This can only be called from code that a notebook cell runs.");
}
