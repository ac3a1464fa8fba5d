using Workbench.Data;
using Workbench.Extension.Html;

namespace Workbench.Extension.Data;

/// <summary>A frame as a paged HTML table with dtypes in the header (see <see cref="FrameHtml"/>).</summary>
public sealed class FrameHtmlFormatter : HtmlFormatter<Frame>
{
    protected override bool Format(Frame value, TextWriter writer)
    {
        Styles.WriteContainer(writer, w => FrameHtml.Write(w, value));
        return true;
    }
}
