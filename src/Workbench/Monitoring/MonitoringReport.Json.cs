using System.Globalization;
using System.Text.Json;
using Workbench.Monitoring.Drift;
using Workbench.Monitoring.Json;
using Workbench.Monitoring.ModelMonitorFormat;
using Workbench.Monitoring.Windows;

namespace Workbench.Monitoring;

public sealed partial class MonitoringReport
{
    /// <summary>The report for machines.</summary>
    public const string ReportFileName = "report.json";

    /// <summary>Model Monitor's violations file.</summary>
    public const string ViolationsFileName = "constraint_violations.json";

    /// <summary>Writes report.json and constraint_violations.json into <paramref name="folder"/>, each atomically.</summary>
    public void Save(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        Directory.CreateDirectory(folder);
        JsonFile.Write(Path.Combine(folder, ReportFileName), WriteJson);
        ConstraintViolation.Save(Quality.Violations, Path.Combine(folder, ViolationsFileName));
    }

    /// <summary>The report as JSON (what report.json holds).</summary>
    public string ToJson() => JsonFile.ToText(WriteJson);

    private void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("format", "workbench-monitoring-report");
        writer.WriteNumber("version", 1);
        writer.WriteString("name", Name);
        writer.WriteString("created_utc", CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));

        writer.WriteStartObject("baseline");
        writer.WriteNumber("rows", Baseline.RowCount);
        writer.WriteString("source", Baseline.Source);
        writer.WriteString("fingerprint", Baseline.Fingerprint);
        writer.WriteString("created_utc", Baseline.CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        writer.WriteEndObject();

        writer.WriteStartObject("current");
        writer.WriteNumber("rows", Rows);
        writer.WriteNumber("columns", Columns);
        writer.WriteEndObject();

        writer.WriteStartObject("summary");
        writer.WriteBoolean("dataset_drift", Drift.DatasetDrift);
        writer.Number("drift_share", Drift.DriftShare);
        writer.WriteNumber("drifted_features", Drift.DriftedFeatures);
        writer.WriteNumber("tested_features", Drift.TestedFeatures.Count);
        writer.WriteNumber("drift_share_threshold", Drift.DriftShareThreshold);
        writer.WriteStartObject("quality_failures");
        writer.WriteNumber("critical", Quality.Critical);
        writer.WriteNumber("major", Quality.Major);
        writer.WriteNumber("minor", Quality.Minor);
        writer.WriteEndObject();
        writer.WriteNumber("violations", Quality.Violations.Count);
        if (Multivariate is { Tested: true } multivariate)
        {
            writer.Number("domain_classifier_auc", multivariate.RocAuc);
        }

        writer.WriteString("tier", Decision.Tier.ToString().ToLowerInvariant());
        writer.WriteNumber("exit_code", (int)Decision.Tier);
        writer.WriteEndObject();

        writer.WriteStartObject("decision");
        writer.WriteString("tier", Decision.Tier.ToString().ToLowerInvariant());
        writer.WriteString("summary", Decision.Summary);
        writer.WriteStartArray("evidence");
        foreach (var evidence in Decision.Evidence)
        {
            writer.WriteStartObject();
            writer.WriteString("signal", evidence.Signal);
            writer.Number("observed", evidence.Observed);
            writer.Number("threshold", evidence.Threshold);
            writer.WriteString("tier", evidence.Tier.ToString().ToLowerInvariant());
            writer.WriteString("explanation", evidence.Explanation);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("action", ActionTaken);
        writer.WriteString("run_id", RunId);
        writer.WriteEndObject();

        writer.WriteStartArray("drift");
        foreach (var column in Drift.Ordered)
        {
            WriteDrift(writer, column);
        }

        writer.WriteEndArray();

        writer.WriteStartArray("quality");
        foreach (var check in Quality.Checks)
        {
            writer.WriteStartObject();
            writer.WriteString("check", check.Kind.ToString());
            writer.WriteString("column", check.Column);
            writer.WriteBoolean("passed", check.Passed);
            writer.WriteString("severity", check.Severity.ToString().ToLowerInvariant());
            writer.Number("observed", check.Observed);
            writer.WriteString("expected", check.Expected);
            writer.WriteString("description", check.Description);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WritePropertyName("constraint_violations");
        ConstraintViolation.Write(writer, Quality.Violations);

        if (Multivariate is { } domain)
        {
            writer.WriteStartObject("multivariate");
            writer.WriteString("method", "domain_classifier");
            writer.Number("roc_auc", domain.RocAuc);
            writer.WriteNumber("threshold", domain.Threshold);
            writer.WriteBoolean("drifted", domain.Drifted);
            writer.WriteNumber("rows_per_side", domain.RowsPerSide);
            writer.WriteStartArray("fold_aucs");
            foreach (var auc in domain.FoldAucs)
            {
                writer.Number(auc);
            }

            writer.WriteEndArray();
            writer.WriteStartObject("top_features");
            foreach (var (feature, weight) in domain.TopFeatures)
            {
                writer.Number(feature, weight);
            }

            writer.WriteEndObject();
            writer.WriteString("not_tested", domain.NotTested);
            writer.WriteEndObject();
        }

        if (ModelQuality is { } model)
        {
            writer.WriteStartObject("model_quality");
            writer.WriteString("task", model.Task.ToString());
            writer.WriteNumber("labelled_rows", model.LabelledRows);
            writer.WriteStartArray("metrics");
            foreach (var metric in model.Metrics)
            {
                writer.WriteStartObject();
                writer.WriteString("metric", metric.Metric);
                writer.Number("baseline", metric.Baseline);
                writer.Number("current", metric.Current);
                writer.Number("degradation", metric.Degradation);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        if (TimeSeries is { } series)
        {
            writer.WriteStartObject("time_series");
            writer.WriteString("window", TimeWindow.Format(series.Window));
            writer.WriteString("time_column", series.TimeColumn);
            writer.WriteStartArray("windows");
            foreach (var window in series.Windows)
            {
                writer.WriteStartObject();
                writer.WriteString("start", window.Start.ToString("O", CultureInfo.InvariantCulture));
                writer.WriteString("end", window.End.ToString("O", CultureInfo.InvariantCulture));
                writer.WriteNumber("rows", window.Rows);
                if (window.Tested)
                {
                    writer.Number("drift_share", window.DriftShare);
                    writer.WriteBoolean("dataset_drift", window.DatasetDrift);
                    writer.WriteNumber("drifted_features", window.DriftedFeatures);
                    writer.WriteNumber("tested_features", window.TestedFeatures);
                    writer.WriteNumber("quality_failures", window.QualityFailures);
                    writer.WriteStartArray("drifted_columns");
                    foreach (var column in window.DriftedColumns)
                    {
                        writer.WriteStringValue(column);
                    }

                    writer.WriteEndArray();
                    writer.WriteStartObject("scores");
                    foreach (var (column, score) in window.Scores)
                    {
                        writer.Number(column, score);
                    }

                    writer.WriteEndObject();
                    writer.WriteStartObject("metrics");
                    foreach (var (metric, value) in window.Metrics)
                    {
                        writer.Number(metric, value);
                    }

                    writer.WriteEndObject();
                }
                else
                {
                    writer.WriteString("not_tested", window.NotTested);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        if (Capture is { } capture)
        {
            writer.WriteStartObject("capture");
            writer.WriteNumber("files", capture.Files);
            writer.WriteNumber("lines", capture.Lines);
            writer.WriteNumber("records", capture.Records);
            writer.WriteNumber("skipped_lines", capture.SkippedLines);
            writer.WriteNumber("issues", capture.IssueCount);
            writer.WriteStartArray("issue_list");
            foreach (var issue in capture.Issues)
            {
                writer.WriteStartObject();
                writer.WriteString("file", issue.File);
                writer.WriteNumber("line", issue.Line);
                writer.WriteString("message", issue.Message);
                writer.WriteBoolean("skipped", issue.Skipped);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteDrift(Utf8JsonWriter writer, ColumnDrift column)
    {
        writer.WriteStartObject();
        writer.WriteString("column", column.Column);
        writer.WriteString("kind", column.Kind.ToString());
        writer.WriteString("role", column.Role.ToString());
        if (column.Tested)
        {
            writer.WriteString("method", column.Method.Code());
            writer.WriteString("method_name", column.MethodName);
            writer.Number("statistic", column.Statistic);
            if (column.PValue is { } p)
            {
                writer.Number("p_value", p);
            }
            else
            {
                writer.Number("distance", column.Statistic);
            }

            writer.Number("threshold", column.Threshold);
            writer.WriteBoolean("drifted", column.Drifted);
            writer.WriteNumber("reference_count", column.ReferenceCount);
            writer.WriteNumber("current_count", column.CurrentCount);
            writer.WriteString("note", column.Note);
            if (column.Distribution is { } distribution)
            {
                writer.WriteStartObject("distribution");
                if (distribution.Edges is { } edges)
                {
                    writer.WriteStartArray("edges");
                    foreach (var edge in edges)
                    {
                        writer.Number(edge);
                    }

                    writer.WriteEndArray();
                }
                else
                {
                    writer.WriteStartArray("labels");
                    foreach (var label in distribution.Labels!)
                    {
                        writer.WriteStringValue(label);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteStartArray("reference");
                foreach (var share in distribution.Reference)
                {
                    writer.Number(share);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("current");
                foreach (var share in distribution.Current)
                {
                    writer.Number(share);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }
        }
        else
        {
            writer.WriteString("not_tested", column.NotTested);
        }

        writer.WriteEndObject();
    }
}
