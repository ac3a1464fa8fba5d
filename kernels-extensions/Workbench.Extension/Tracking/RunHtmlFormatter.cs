using Workbench.Extension.Html;
using Workbench.Tracking;

namespace Workbench.Extension.Tracking;

/// <summary>A stored run: status (a dead process's run shows as not finished), parameters, metrics, datasets, artifacts.</summary>
public sealed class RunHtmlFormatter : HtmlFormatter<Run>
{
    protected override bool Format(Run value, TextWriter writer)
    {
        Styles.WriteContainer(writer, w => RunHtml.Write(w, value));
        return true;
    }
}

/// <summary>A run in progress, rendered from a fresh snapshot (its queued metrics flushed first).</summary>
public sealed class ActiveRunHtmlFormatter : HtmlFormatter<ActiveRun>
{
    protected override bool Format(ActiveRun value, TextWriter writer)
    {
        var snapshot = value.Snapshot();
        Styles.WriteContainer(writer, w => RunHtml.Write(w, snapshot));
        return true;
    }
}
