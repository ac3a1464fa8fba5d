using Workbench.Extension.Plotly;

namespace Workbench.Extension;

/// <summary>What the formatters of one kernel session share: one per <see cref="WorkbenchFormatterSource.CreateTypeFormatters"/> call.</summary>
public sealed class FormatterSession
{
    public PlotlyHtml Plotly { get; } = new();
}
