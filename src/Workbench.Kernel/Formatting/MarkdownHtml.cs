using Markdig;

namespace Workbench.Kernel.Formatting;

/// <summary>Markdown to HTML with Markdig's GitHub-like extensions (tables, task lists, auto links, math spans).</summary>
public static class MarkdownHtml
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static string ToHtml(string markdown) => Markdown.ToHtml(markdown, Pipeline);
}
