using Workbench.Data.Profiling;
using Workbench.Extension.Html;

namespace Workbench.Extension.Data;

/// <summary>A correlation matrix as a heatmap on [-1, 1] with its strongest pairs.</summary>
public sealed class CorrelationMatrixHtmlFormatter : HtmlFormatter<CorrelationMatrix>
{
    protected override bool Format(CorrelationMatrix value, TextWriter writer)
    {
        Styles.WriteContainer(writer, w => ProfileHtml.WriteCorrelations(w, value, null, Session));
        return true;
    }
}
