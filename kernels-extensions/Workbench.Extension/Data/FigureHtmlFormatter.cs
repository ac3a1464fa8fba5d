using Workbench.Data.Plots;
using Workbench.Extension.Html;

namespace Workbench.Extension.Data;

/// <summary>A figure drawn offline in HTML: the fallback for front ends without a Plotly renderer.</summary>
public sealed class FigureHtmlFormatter : HtmlFormatter<Figure>
{
    protected override bool Format(Figure value, TextWriter writer)
    {
        Styles.WriteContainer(writer, w => Session.Plotly.Write(w, value.ToJson(), value.SuggestedHeight));
        return true;
    }
}
