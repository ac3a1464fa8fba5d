using Workbench.Extension.Html;
using Workbench.Tracking;

namespace Workbench.Extension.Tracking;

/// <summary>One run as a card: status, times, parameters, latest metrics, datasets, artifacts, tags.</summary>
internal static class RunHtml
{
    public static void Write(TextWriter writer, Run run)
    {
        var info = run.Info;
        TrackingHtml.Heading(writer, $"{HtmlText.Encode(info.Name)} {TrackingHtml.StatusBadge(info.Status, run.Tags)}");
        var facts = new List<string>
        {
            $"run {info.RunId}",
            $"experiment {info.ExperimentName}",
            $"started {TrackingHtml.Time(info.StartTime)}",
            info.EndTime is null ? "not ended" : $"took {TrackingHtml.Duration(info.Duration)}",
        };
        if (info.ParentRunId is { } parent)
        {
            facts.Add($"parent {parent}");
        }

        if (run.Tag(RunEnvironment.GitCommit) is { } commit)
        {
            facts.Add($"git {commit[..Math.Min(10, commit.Length)]}{(run.Tag(RunEnvironment.GitDirty) == "true" ? " (dirty)" : string.Empty)}");
        }

        TrackingHtml.Muted(writer, string.Join(" · ", facts));
        if (run.Tag(RunEnvironment.Failure) is { } failure)
        {
            writer.Write($"<div class=\"wb-bad\">{HtmlText.Encode(failure)}</div>");
        }

        writer.Write("<div>");
        if (run.Params.Count > 0)
        {
            var parameters = new HtmlTable { Caption = "Parameters" }.Header("name", "value", "type");
            foreach (var (key, value) in run.Params.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                parameters.Row(key, value.Text, value.Type.ToString().ToLowerInvariant());
            }

            Card(writer, parameters);
        }

        if (run.Metrics.Count > 0)
        {
            var metrics = new HtmlTable { Caption = "Metrics (latest)" }.Header("name", "value", "step");
            foreach (var metric in run.Metrics.Values.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                metrics.Row(metric.Key, TrackingHtml.Metric(metric.Value), metric.Step.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            Card(writer, metrics);
        }

        if (run.Inputs.Count > 0)
        {
            var inputs = new HtmlTable { Caption = "Datasets" }.Header("context", "name", "rows", "fingerprint", "source");
            foreach (var input in run.Inputs)
            {
                inputs.RawRow(null, HtmlText.Encode(input.Context), HtmlText.Encode(input.Name),
                    input.Rows?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—", TrackingHtml.Hash(input.Fingerprint), HtmlText.Encode(input.Source ?? "—"));
            }

            Card(writer, inputs);
        }

        if (run.Artifacts.Count > 0)
        {
            var artifacts = new HtmlTable { Caption = $"Artifacts ({run.Artifacts.Count})" }.Header("path", "kind", "size", "sha256");
            foreach (var artifact in run.Artifacts.Take(200))
            {
                artifacts.RawRow(null, HtmlText.Encode(artifact.Path), HtmlText.Encode(artifact.Kind), TrackingHtml.Size(artifact.Size), TrackingHtml.Hash(artifact.Sha256));
            }

            Card(writer, artifacts);
        }

        var userTags = run.Tags.Where(t => !t.Key.StartsWith(RunEnvironment.Prefix, StringComparison.Ordinal)).OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        if (userTags.Count > 0)
        {
            var tags = new HtmlTable { Caption = "Tags" }.Header("name", "value");
            foreach (var (key, value) in userTags)
            {
                tags.Row(key, value);
            }

            Card(writer, tags);
        }

        writer.Write("</div>");
        var environment = run.Tags.Where(t => t.Key.StartsWith(RunEnvironment.Prefix, StringComparison.Ordinal) && t.Key != RunEnvironment.Failure)
            .OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        if (environment.Count > 0)
        {
            var table = new HtmlTable().Header("name", "value");
            foreach (var (key, value) in environment)
            {
                table.Row(key[RunEnvironment.Prefix.Length..], value);
            }

            writer.Write("<details><summary class=\"wb-muted\">Environment</summary>");
            table.WriteTo(writer);
            writer.Write("</details>");
        }
    }

    private static void Card(TextWriter writer, HtmlTable table)
    {
        writer.Write("<div class=\"wb-card\">");
        table.WriteTo(writer);
        writer.Write("</div>");
    }
}
