using Workbench.Data;
using Workbench.Extension.Html;

namespace Workbench.Extension.Data;

/// <summary>A single column, shown as a one-column table.</summary>
public sealed class ColumnHtmlFormatter : HtmlFormatter<Column>
{
    protected override bool Format(Column value, TextWriter writer)
    {
        Styles.WriteContainer(writer, w => FrameHtml.Write(w, new Frame(value)));
        return true;
    }
}
