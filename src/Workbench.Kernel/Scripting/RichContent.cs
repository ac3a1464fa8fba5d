namespace Workbench.Kernel.Scripting;

/// <summary>Text that is already HTML: displayed as <c>text/html</c> as is. Create with <c>HTML("...")</c> in a cell.</summary>
public sealed record HtmlString(string Html)
{
    public override string ToString() => Html;
}

/// <summary>Markdown source: displayed as <c>text/markdown</c> with an HTML rendering beside it. Create with <c>Markdown("...")</c>.</summary>
public sealed record MarkdownString(string Markdown)
{
    public override string ToString() => Markdown;
}

/// <summary>An SVG document: displayed as <c>image/svg+xml</c>. Create with <c>SVG("...")</c>.</summary>
public sealed record SvgString(string Svg)
{
    public override string ToString() => Svg;
}

/// <summary>JSON text: displayed as <c>application/json</c> (front ends show a collapsible tree). Create with <c>JSON("...")</c>.</summary>
public sealed record JsonString(string Json)
{
    public override string ToString() => Json;
}
