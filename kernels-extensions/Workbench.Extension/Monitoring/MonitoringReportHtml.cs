using System.Globalization;
using System.Text;
using Workbench.Data.Plots;
using Workbench.Extension.Html;
using Workbench.Extension.Plotly;
using Workbench.Monitoring;
using Workbench.Monitoring.Drift;
using Workbench.Monitoring.Policy;
using Workbench.Monitoring.Quality;

namespace Workbench.Extension.Monitoring;

/// <summary>
/// A monitoring report as HTML: the decision with its evidence, a summary, the drift table (drifted columns first),
/// reference-versus-current overlays per column, the drift time series, data-quality checks, Model Monitor's
/// constraint violations, model quality and capture issues. Rendered inline by <see cref="MonitoringReportHtmlFormatter"/>
/// and as one standalone offline page by <see cref="Standalone"/> (plotly.js inline).
/// </summary>
public static class MonitoringReportHtml
{
    private const int OverlayHeight = 280;

    private const string Css = """
        <style>
        .wb .wb-monitor h3{margin:6px 0;font-size:16px}
        .wb .wb-monitor h4{margin:12px 0 4px 0;font-size:14px}
        .wb .wb-monitor .wb-tier-none{background:#dafbe1;color:#1a7f37}
        .wb .wb-monitor .wb-tier-retrain{background:#fff8c5;color:#9a6700}
        .wb .wb-monitor .wb-tier-escalate{background:#ffebe9;color:#cf222e}
        .wb .wb-monitor .wb-overlay{width:440px}
        .wb .wb-monitor td.wb-wrap{white-space:normal;text-align:left;max-width:520px}
        .wb .wb-monitor ul{margin:2px 0;padding-left:18px}
        </style>
        """;

    /// <summary>Writes the report's fragment; figures go through <paramref name="plotly"/> (plotly.js once per session).</summary>
    public static void Write(TextWriter writer, MonitoringReport report, PlotlyHtml plotly)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(plotly);
        writer.Write(Css);
        writer.Write("<div class=\"wb-monitor\">");
        WriteHeader(writer, report);
        WriteSummary(writer, report);
        WriteDriftTable(writer, report.Drift);
        WriteOverlays(writer, report.Drift, plotly);
        WriteTimeSeries(writer, report, plotly);
        WriteQuality(writer, report.Quality);
        WriteModelQuality(writer, report);
        WriteCapture(writer, report);
        writer.Write("</div>");
    }

    /// <summary>The report as one self-contained HTML page that works offline (plotly.js from the extension's embedded asset).</summary>
    public static string Standalone(MonitoringReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        writer.Write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        writer.Write($"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Monitoring report: {HtmlText.Encode(report.Name)}</title></head><body>");
        Styles.WriteContainer(writer, w => Write(w, report, new PlotlyHtml()));
        writer.Write("</body></html>");
        return writer.ToString();
    }

    /// <summary>Writes <see cref="Standalone"/> to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    public static void Save(MonitoringReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, Standalone(report), new UTF8Encoding(false));
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static void WriteHeader(TextWriter writer, MonitoringReport report)
    {
        var tier = report.Tier.ToString().ToLowerInvariant();
        writer.Write($"<h3>Monitoring report: {HtmlText.Encode(report.Name)} <span class=\"wb-badge wb-tier-{tier}\" data-tier=\"{tier}\">{TierLabel(report.Tier)}</span></h3>");
        writer.Write($"<div class=\"wb-decision\"><b>Decision:</b> {HtmlText.Encode(report.Decision.Summary)}</div>");
        if (report.ActionTaken is { } action)
        {
            writer.Write($"<div class=\"wb-action wb-muted\"><b>Action:</b> {HtmlText.Encode(action)}{(report.RunId is { } run ? $" (run {HtmlText.Encode(run)})" : "")}</div>");
        }

        if (report.Decision.Evidence.Count > 0)
        {
            writer.Write("<ul class=\"wb-evidence\">");
            foreach (var evidence in report.Decision.Evidence)
            {
                writer.Write($"<li data-tier=\"{evidence.Tier.ToString().ToLowerInvariant()}\"><span class=\"wb-badge wb-tier-{evidence.Tier.ToString().ToLowerInvariant()}\">{TierLabel(evidence.Tier)}</span> {HtmlText.Encode(evidence.Explanation)}</li>");
            }

            writer.Write("</ul>");
        }
    }

    private static void WriteSummary(TextWriter writer, MonitoringReport report)
    {
        var drift = report.Drift;
        var table = new HtmlTable { Caption = "Summary", CssClass = "wb-table wb-summary" };
        table.RawRow(null, "batch", HtmlText.Encode($"{report.Rows:N0} rows × {report.Columns} columns"));
        table.RawRow(null, "baseline", HtmlText.Encode($"{report.Baseline.RowCount:N0} rows ({report.Baseline.Source}{(report.Baseline.Fingerprint is { } f ? ", " + f[..Math.Min(f.Length, 19)] + "…" : "")})"));
        table.RawRow(drift.DatasetDrift ? "wb-bad" : null, "dataset drift", HtmlText.Encode(drift.DatasetDrift ? "yes" : "no"));
        table.RawRow(drift.DriftedFeatures > 0 ? "wb-warn" : null, "drifted features",
            HtmlText.Encode(string.Create(CultureInfo.InvariantCulture, $"{drift.DriftedFeatures} of {drift.TestedFeatures.Count} ({drift.DriftShare:P0}; dataset drift at {drift.DriftShareThreshold:P0})")));
        if (drift.Prediction is { Tested: true } prediction)
        {
            table.RawRow(prediction.Drifted ? "wb-warn" : null, "prediction drift", HtmlText.Encode($"{(prediction.Drifted ? "yes" : "no")} ({prediction.MethodName} {HtmlText.Number(prediction.Score)})"));
        }

        if (drift.Target is { Tested: true } target)
        {
            table.RawRow(target.Drifted ? "wb-warn" : null, "label drift", HtmlText.Encode($"{(target.Drifted ? "yes" : "no")} ({target.MethodName} {HtmlText.Number(target.Score)})"));
        }

        var quality = report.Quality;
        table.RawRow(quality.Critical > 0 ? "wb-bad" : quality.Passed ? null : "wb-warn", "quality failures",
            HtmlText.Encode($"{quality.Failures.Count} of {quality.Checks.Count} ({quality.Critical} critical, {quality.Major} major, {quality.Minor} minor)"));
        table.RawRow(quality.Violations.Count > 0 ? "wb-warn" : null, "constraint violations", HtmlText.Encode(quality.Violations.Count.ToString(CultureInfo.InvariantCulture)));
        if (report.Multivariate is { } multivariate)
        {
            table.RawRow(multivariate.Drifted ? "wb-warn" : null, "domain classifier", HtmlText.Encode(multivariate.Tested
                ? string.Create(CultureInfo.InvariantCulture, $"ROC AUC {multivariate.RocAuc:F3} (drift at {multivariate.Threshold:F2}; {multivariate.RowsPerSide} rows per side)")
                : $"not run: {multivariate.NotTested}"));
        }

        if (report.ModelQuality is { } model)
        {
            foreach (var metric in model.Metrics)
            {
                table.RawRow(metric.Degradation >= 0.02 ? "wb-warn" : null, HtmlText.Encode(metric.Metric),
                    HtmlText.Encode(string.Create(CultureInfo.InvariantCulture, $"{metric.Current:F4} (baseline {(double.IsNaN(metric.Baseline) ? "unknown" : metric.Baseline.ToString("F4", CultureInfo.InvariantCulture))}; {model.LabelledRows:N0} labelled rows)")));
            }
        }

        table.WriteTo(writer);
    }

    private static void WriteDriftTable(TextWriter writer, DataDriftResult drift)
    {
        writer.Write("<h4>Drift by column</h4>");
        var table = new HtmlTable { CssClass = "wb-table wb-drift" }
            .Header("column", "kind", "role", "method", "statistic", "p-value / distance", "threshold", "drift", "reference n", "current n", "note");
        foreach (var column in drift.Ordered)
        {
            if (!column.Tested)
            {
                table.RawRow("wb-muted", HtmlText.Encode(column.Column), HtmlText.Encode(column.Kind.ToString()), HtmlText.Encode(column.Role.ToString()),
                    "", "", "", "", "not tested", "", "", $"<span class=\"wb-wrap\">{HtmlText.Encode(column.NotTested)}</span>");
                continue;
            }

            table.RawRow(column.Drifted ? "wb-bad" : null,
                HtmlText.Encode(column.Column),
                HtmlText.Encode(column.Kind.ToString()),
                HtmlText.Encode(column.Role.ToString()),
                HtmlText.Encode(column.MethodName),
                HtmlText.Number(column.Statistic),
                HtmlText.Number(column.Score),
                HtmlText.Number(column.Threshold),
                column.Drifted ? "<b>drift</b>" : "no",
                column.ReferenceCount.ToString("N0", CultureInfo.InvariantCulture),
                column.CurrentCount.ToString("N0", CultureInfo.InvariantCulture),
                HtmlText.Encode(column.Note));
        }

        table.WriteTo(writer);
    }

    private static void WriteOverlays(TextWriter writer, DataDriftResult drift, PlotlyHtml plotly)
    {
        var tested = drift.Ordered.Where(c => c.Tested && c.Distribution is not null).ToList();
        if (tested.Count == 0)
        {
            return;
        }

        writer.Write("<h4>Distributions: reference and current</h4><div class=\"wb-overlays\">");
        foreach (var column in tested)
        {
            writer.Write($"<div class=\"wb-card wb-overlay\" data-column=\"{HtmlText.Encode(column.Column)}\">");
            plotly.Write(writer, MonitoringReport.DistributionFigure(column).ToJson(), OverlayHeight);
            writer.Write("</div>");
        }

        writer.Write("</div>");
    }

    private static void WriteTimeSeries(TextWriter writer, MonitoringReport report, PlotlyHtml plotly)
    {
        if (report.TimeSeries is not { } series)
        {
            return;
        }

        writer.Write($"<h4>Over time: {HtmlText.Encode(series.ToString())}</h4>");
        if (report.TimeSeriesFigure() is { } figure)
        {
            plotly.Write(writer, figure.ToJson(), figure.SuggestedHeight);
        }

        if (report.WindowHeatmap() is { } heatmap)
        {
            plotly.Write(writer, heatmap.ToJson(), heatmap.SuggestedHeight);
        }

        var table = new HtmlTable { CssClass = "wb-table wb-windows" }.Header("window start", "rows", "drifted features", "share", "dataset drift", "quality failures", "drifted columns");
        foreach (var window in series.Windows)
        {
            var start = window.Start.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            if (!window.Tested)
            {
                table.RawRow("wb-muted", HtmlText.Encode(start), window.Rows.ToString(CultureInfo.InvariantCulture), "", "", "", "", HtmlText.Encode(window.NotTested));
                continue;
            }

            table.RawRow(window.DatasetDrift ? "wb-bad" : window.DriftedFeatures > 0 ? "wb-warn" : null,
                HtmlText.Encode(start), window.Rows.ToString(CultureInfo.InvariantCulture),
                $"{window.DriftedFeatures} of {window.TestedFeatures}", HtmlText.Encode(window.DriftShare.ToString("P0", CultureInfo.InvariantCulture)),
                window.DatasetDrift ? "yes" : "no", window.QualityFailures.ToString(CultureInfo.InvariantCulture),
                $"<span class=\"wb-wrap\">{HtmlText.Encode(string.Join(", ", window.DriftedColumns))}</span>");
        }

        table.WriteTo(writer);
    }

    private static void WriteQuality(TextWriter writer, DataQualityResult quality)
    {
        writer.Write($"<h4>Data quality: {HtmlText.Encode(quality.ToString())}</h4>");
        var failures = new HtmlTable { CssClass = "wb-table wb-quality" }.Header("check", "column", "severity", "observed", "expected", "description");
        foreach (var check in quality.Failures)
        {
            failures.RawRow(check.Severity == QualitySeverity.Minor ? "wb-warn" : "wb-bad",
                HtmlText.Encode(check.Kind.ToString()), HtmlText.Encode(check.Column ?? "(dataset)"), HtmlText.Encode(check.Severity.ToString()),
                HtmlText.Number(check.Observed), HtmlText.Encode(check.Expected), $"<span class=\"wb-wrap\">{HtmlText.Encode(check.Description)}</span>");
        }

        if (quality.Failures.Count > 0)
        {
            failures.WriteTo(writer);
        }

        var passed = quality.Checks.Where(c => c.Passed).ToList();
        writer.Write($"<details><summary>{passed.Count} checks passed</summary>");
        var table = new HtmlTable { CssClass = "wb-table wb-quality-passed" }.Header("check", "column", "observed", "expected", "description");
        foreach (var check in passed)
        {
            table.Row(check.Kind.ToString(), check.Column ?? "(dataset)", HtmlText.Number(check.Observed), check.Expected, check.Description);
        }

        table.WriteTo(writer);
        writer.Write("</details>");

        writer.Write($"<h4>Model Monitor constraint violations ({quality.Violations.Count})</h4>");
        if (quality.Violations.Count == 0)
        {
            writer.Write("<div class=\"wb-muted\">constraint_violations.json is empty: every constraint of constraints.json holds.</div>");
            return;
        }

        var violations = new HtmlTable { CssClass = "wb-table wb-violations" }.Header("feature_name", "constraint_check_type", "description");
        foreach (var violation in quality.Violations)
        {
            violations.Row(violation.FeatureName, violation.ConstraintCheckType, violation.Description);
        }

        violations.WriteTo(writer);
    }

    private static void WriteModelQuality(TextWriter writer, MonitoringReport report)
    {
        if (report.ModelQuality is not { } model || model.Metrics.Count == 0)
        {
            return;
        }

        writer.Write($"<h4>Model quality ({HtmlText.Encode(model.Task.ToString())}, {model.LabelledRows:N0} of {model.Rows:N0} rows labelled)</h4>");
        var table = new HtmlTable { CssClass = "wb-table wb-model" }.Header("metric", "baseline", "current", "degradation");
        foreach (var metric in model.Metrics)
        {
            table.RawRow(metric.Degradation >= 0.02 ? "wb-warn" : null, HtmlText.Encode(metric.Metric), HtmlText.Number(metric.Baseline), HtmlText.Number(metric.Current), HtmlText.Number(metric.Degradation));
        }

        table.WriteTo(writer);
    }

    private static void WriteCapture(TextWriter writer, MonitoringReport report)
    {
        if (report.Capture is not { } capture)
        {
            return;
        }

        writer.Write($"<h4>Data capture: {capture.Records:N0} records from {capture.Files} files, {capture.SkippedLines} lines skipped</h4>");
        if (capture.Issues.Count == 0)
        {
            return;
        }

        writer.Write("<ul class=\"wb-capture-issues\">");
        foreach (var issue in capture.Issues.Take(50))
        {
            writer.Write($"<li>{HtmlText.Encode(issue.ToString())}</li>");
        }

        if (capture.IssueCount > 50)
        {
            writer.Write($"<li>… and {capture.IssueCount - 50} more</li>");
        }

        writer.Write("</ul>");
    }

    private static string TierLabel(RetrainingTier tier) => tier switch
    {
        RetrainingTier.None => "no action",
        RetrainingTier.Retrain => "retrain",
        _ => "escalate",
    };

    internal static string FigureJson(Figure figure) => figure.ToJson();
}
