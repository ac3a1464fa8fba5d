using Workbench.Data.Profiling;
using Workbench.Extension.Html;

namespace Workbench.Extension.Data;

/// <summary>A profile: overview, warnings, target relation, per-column cards with histograms, correlation heatmap.</summary>
public sealed class FrameProfileHtmlFormatter : HtmlFormatter<FrameProfile>
{
    protected override bool Format(FrameProfile value, TextWriter writer)
    {
        Styles.WriteContainer(writer, w => ProfileHtml.Write(w, value, Session));
        return true;
    }
}
