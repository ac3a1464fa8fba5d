using Workbench.Extension.Html;
using Workbench.Extension.Tracking;
using Workbench.Registry;

namespace Workbench.Extension.Registry;

/// <summary>A model version: approval status, aliases, lineage strip and its frozen files.</summary>
public sealed class ModelVersionHtmlFormatter : HtmlFormatter<ModelVersion>
{
    protected override bool Format(ModelVersion value, TextWriter writer)
    {
        Styles.WriteContainer(writer, w => RegistryHtml.WriteVersion(w, value));
        return true;
    }
}

/// <summary>A version's full lineage: the version, then the run that produced it (and its parent), its datasets and feature pipeline.</summary>
public sealed class ModelLineageHtmlFormatter : HtmlFormatter<ModelLineage>
{
    protected override bool Format(ModelLineage value, TextWriter writer)
    {
        Styles.WriteContainer(writer, w =>
        {
            RegistryHtml.WriteVersion(w, value.Version);
            if (value.ParentRun is { } parent)
            {
                TrackingHtml.Muted(w, $"parent run {parent.Name} ({parent.RunId}) in {parent.ExperimentName}");
            }

            if (value.Run is { } run)
            {
                w.Write("<div class=\"wb-card\" style=\"display:block\">");
                RunHtml.Write(w, run);
                w.Write("</div>");
            }
        });
        return true;
    }
}
