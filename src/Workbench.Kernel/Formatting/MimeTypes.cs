namespace Workbench.Kernel.Formatting;

/// <summary>The MIME types Jupyter front ends render, and which of them hold JSON or base64 rather than text.</summary>
public static class MimeTypes
{
    public const string PlainText = "text/plain";
    public const string Html = "text/html";
    public const string Markdown = "text/markdown";
    public const string Latex = "text/latex";
    public const string Json = "application/json";
    public const string Plotly = "application/vnd.plotly.v1+json";
    public const string Svg = "image/svg+xml";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Gif = "image/gif";

    /// <summary>JSON MIME types (application/json and application/*+json): nbformat stores them as JSON, not strings.</summary>
    public static bool IsJson(string mimeType) =>
        mimeType == Json || (mimeType.StartsWith("application/", StringComparison.Ordinal) && mimeType.EndsWith("+json", StringComparison.Ordinal));

    /// <summary>Raster images travel base64-encoded.</summary>
    public static bool IsBase64(string mimeType) => mimeType is Png or Jpeg or Gif;
}
