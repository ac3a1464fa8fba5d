using System.Reflection;
using System.Text;
using Workbench.Extension.Html;

namespace Workbench.Extension.Plotly;

/// <summary>
/// Renders Plotly figure JSON as HTML that works offline: the first figure of a session carries plotly.js
/// inline (from the npm package embedded at build time); later figures wait for it on the page.
/// </summary>
/// <remarks>
/// A notebook whose first figure output is cleared loses the script for later ones until the kernel restarts;
/// the <c>application/vnd.plotly.v1+json</c> bundle sent beside the HTML is unaffected.
/// </remarks>
public sealed class PlotlyHtml
{
    public const string MimeType = "application/vnd.plotly.v1+json";

    private static readonly Lazy<string> Script = new(LoadScript);
    private bool _scriptSent;

    /// <summary>The embedded plotly.js source.</summary>
    public static string PlotlyJs => Script.Value;

    /// <summary>Whether the next <see cref="Write"/> will carry plotly.js.</summary>
    public bool ScriptPending => !_scriptSent;

    /// <summary>Writes a div and the script that draws <paramref name="figureJson"/> into it.</summary>
    public void Write(TextWriter writer, string figureJson, int heightPixels = 420)
    {
        var id = HtmlText.NewElementId("wb-plot");
        if (!_scriptSent)
        {
            writer.Write("<script type=\"text/javascript\">");
            writer.Write(PlotlyJs);
            writer.Write("</script>");
            _scriptSent = true;
        }

        writer.Write($"<div id=\"{id}\" class=\"wb-plot\" style=\"width:100%;height:{heightPixels}px\"></div>");
        writer.Write("<script type=\"text/javascript\">(function(){var f=");
        writer.Write(EscapeForScript(figureJson));
        writer.Write($";function d(){{window.Plotly.newPlot('{id}',f.data||[],f.layout||{{}},Object.assign({{responsive:true,displaylogo:false}},f.config||{{}}));}}");
        writer.Write("if(window.Plotly){d();}else{var t=setInterval(function(){if(window.Plotly){clearInterval(t);d();}},50);}})();</script>");
    }

    /// <summary>Keeps JSON inside a script element from closing it early.</summary>
    public static string EscapeForScript(string json) =>
        new StringBuilder(json).Replace("</", "<\\/").Replace("<!--", "<\\!--").ToString();

    private static string LoadScript()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Workbench.Extension.plotly.min.js")
            ?? throw new InvalidOperationException("plotly.min.js is not embedded in Workbench.Extension; rebuild it with npm available.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
