using Workbench.Extension.Html;
using Workbench.Extension.Tracking;
using Workbench.Registry;

namespace Workbench.Extension.Registry;

/// <summary>Pieces of the registry renderers: approval badges, alias badges, the version card.</summary>
internal static class RegistryHtml
{
    public static string ApprovalBadge(ApprovalStatus status) => status switch
    {
        ApprovalStatus.Approved => TrackingHtml.Badge("Approved", "wb-good"),
        ApprovalStatus.Rejected => TrackingHtml.Badge("Rejected", "wb-bad"),
        _ => TrackingHtml.Badge("PendingManualApproval", "wb-warn"),
    };

    public static string Aliases(IEnumerable<string> aliases) =>
        string.Join(" ", aliases.Select(a => $"<span class=\"wb-badge wb-alias\" style=\"background:#ddf4ff\">@{HtmlText.Encode(a)}</span>"));

    /// <summary>Version header, lineage strip (run → datasets → feature pipeline) and files.</summary>
    public static void WriteVersion(TextWriter writer, ModelVersion version)
    {
        TrackingHtml.Heading(writer, $"{HtmlText.Encode(version.ModelName)} v{version.Version} {ApprovalBadge(version.ApprovalStatus)} {Aliases(version.Aliases)}");
        TrackingHtml.Muted(writer, $"registered {TrackingHtml.Time(version.CreatedAt)} by {version.CreatedBy} · from {version.ModelPath}");
        if (version.Description.Length > 0)
        {
            writer.Write($"<div>{HtmlText.Encode(version.Description)}</div>");
        }

        WriteLineageStrip(writer, version);
        var files = new HtmlTable { Caption = "Files (as in /opt/ml/model)" }.Header("path", "role", "size", "sha256", "from");
        foreach (var file in version.Files)
        {
            files.RawRow(null, HtmlText.Encode(file.Path), HtmlText.Encode(file.Role), TrackingHtml.Size(file.Size), TrackingHtml.Hash(file.Sha256), HtmlText.Encode(file.SourcePath));
        }

        files.WriteTo(writer);
    }

    private static void WriteLineageStrip(TextWriter writer, ModelVersion version)
    {
        var steps = new List<string>
        {
            version.RunId is { } runId ? $"run <code>{HtmlText.Encode(runId)}</code>" : "<span class=\"wb-muted\">no run in this store (imported)</span>",
        };
        steps.AddRange(version.Inputs.Select(i => $"{HtmlText.Encode(i.Context)} data {HtmlText.Encode(i.Name)} {TrackingHtml.Hash(i.Fingerprint)}"));
        steps.AddRange(version.FilesWithRole(ModelFileRole.FeaturePipeline).Select(f => $"feature pipeline {HtmlText.Encode(f.Path)} {TrackingHtml.Hash(f.Sha256)}"));
        writer.Write($"<div class=\"wb-lineage\">lineage: {string.Join(" → ", steps)}</div>");
    }
}
