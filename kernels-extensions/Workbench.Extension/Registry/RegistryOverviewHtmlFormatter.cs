using Workbench.Extension.Html;
using Workbench.Extension.Tracking;
using Workbench.Registry;

namespace Workbench.Extension.Registry;

/// <summary>Every registered model: description, aliases and a table of its versions with approval status.</summary>
public sealed class RegistryOverviewHtmlFormatter : HtmlFormatter<RegistryOverview>
{
    protected override bool Format(RegistryOverview value, TextWriter writer)
    {
        Styles.WriteContainer(writer, w =>
        {
            TrackingHtml.Heading(w, HtmlText.Encode($"Model registry: {value.Models.Count} model{(value.Models.Count == 1 ? string.Empty : "s")}"));
            foreach (var (model, versions) in value.Models)
            {
                w.Write("<div class=\"wb-card wb-model\" style=\"display:block\">");
                TrackingHtml.Heading(w, $"{HtmlText.Encode(model.Name)} {RegistryHtml.Aliases(model.Aliases.Select(a => $"{a.Key} → v{a.Value}"))}");
                if (model.Description.Length > 0)
                {
                    w.Write($"<div>{HtmlText.Encode(model.Description)}</div>");
                }

                var table = new HtmlTable().Header("version", "approval", "aliases", "registered", "by", "run", "files");
                foreach (var version in versions.OrderByDescending(v => v.Version))
                {
                    table.RawRow(null,
                        $"v{version.Version}",
                        RegistryHtml.ApprovalBadge(version.ApprovalStatus),
                        RegistryHtml.Aliases(version.Aliases),
                        TrackingHtml.Time(version.CreatedAt),
                        HtmlText.Encode(version.CreatedBy),
                        version.RunId is { } run ? $"<code>{HtmlText.Encode(run[..8])}</code>" : "—",
                        version.Files.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                table.WriteTo(w);
                w.Write("</div>");
            }
        });
        return true;
    }
}
