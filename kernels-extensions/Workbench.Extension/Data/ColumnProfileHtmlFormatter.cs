using Workbench.Data.Profiling;
using Workbench.Extension.Html;

namespace Workbench.Extension.Data;

/// <summary>One column's profile card: statistics and its distribution.</summary>
public sealed class ColumnProfileHtmlFormatter : HtmlFormatter<ColumnProfile>
{
    protected override bool Format(ColumnProfile value, TextWriter writer)
    {
        Styles.WriteContainer(writer, w => ProfileHtml.WriteCard(w, value, Session));
        return true;
    }
}
