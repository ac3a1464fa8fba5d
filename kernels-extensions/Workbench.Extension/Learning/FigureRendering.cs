using Workbench.Data.Plots;
using Workbench.Extension.Html;
using Workbench.Extension.Plotly;

namespace Workbench.Extension.Learning;

/// <summary>
/// A Learning result drawn as its figure: the Plotly JSON bundle (native in JupyterLab, VS Code, nbconvert)
/// and an offline HTML fallback. Subclasses only say how the value becomes a figure.
/// </summary>
public abstract class LearningFigureFormatter<T> : Formatter<T>
{
    public override string MimeType => PlotlyHtml.MimeType;

    protected abstract Figure ToFigure(T value);

    protected override bool Format(T value, TextWriter writer)
    {
        writer.Write(ToFigure(value).ToJson());
        return true;
    }
}

/// <summary>The HTML counterpart of <see cref="LearningFigureFormatter{T}"/>.</summary>
public abstract class LearningFigureHtmlFormatter<T> : HtmlFormatter<T>
{
    protected abstract Figure ToFigure(T value);

    protected override bool Format(T value, TextWriter writer)
    {
        var figure = ToFigure(value);
        Styles.WriteContainer(writer, w => Session.Plotly.Write(w, figure.ToJson(), figure.SuggestedHeight));
        return true;
    }
}
