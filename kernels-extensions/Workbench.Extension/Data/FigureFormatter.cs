using Workbench.Data.Plots;
using Workbench.Extension.Plotly;

namespace Workbench.Extension.Data;

/// <summary>
/// A figure as Plotly figure JSON (<c>application/vnd.plotly.v1+json</c>): what JupyterLab, VS Code and
/// nbconvert render natively, and what stays in the saved notebook for other tools to read.
/// </summary>
public sealed class FigureFormatter : Formatter<Figure>
{
    public override string MimeType => PlotlyHtml.MimeType;

    protected override bool Format(Figure value, TextWriter writer)
    {
        writer.Write(value.ToJson());
        return true;
    }
}
