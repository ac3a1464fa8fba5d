using System.Globalization;
using Workbench.Data;
using Workbench.Monitoring.Baselines;
using Workbench.Monitoring.Capture;
using Workbench.Monitoring.Drift;
using Workbench.Monitoring.Multivariate;
using Workbench.Monitoring.Policy;
using Workbench.Monitoring.Quality;
using Workbench.Monitoring.Windows;
using Workbench.Tracking;

namespace Workbench.Monitoring;

/// <summary>
/// Watches a model's data against its baseline: every <c>Check</c> runs the drift tests, the data-quality checks
/// and Model Monitor's constraints, model quality when ground truth is present, the domain classifier, and
/// windows over time; the retraining policy decides none / retrain / escalate; the matching callback acts; and the
/// decision, its evidence and the action taken are recorded as a run of the tracker's "monitoring" experiment, with
/// the report attached.
/// </summary>
/// <example>
/// <code>
/// var monitor = new ModelMonitor(Baseline.Load("monitoring/baseline"))
/// {
///     Tracker = Tracker.Open(),
///     OnRetrain = report => $"retraining queued for {report.Name}",
/// };
/// var report = monitor.Check(Frame.ReadCsv("batches/2025-01-06.csv"), "2025-01-06");
/// report.Tier   // None, Retrain or Escalate
/// </code>
/// </example>
public sealed class ModelMonitor
{
    public ModelMonitor(Baseline baseline, MonitorOptions? options = null)
    {
        Baseline = baseline ?? throw new ArgumentNullException(nameof(baseline));
        Options = options ?? new MonitorOptions();
        Options.Drift.Validate();
        Options.Quality.Validate();
    }

    public Baseline Baseline { get; }

    public MonitorOptions Options { get; }

    public RetrainingPolicy Policy { get; init; } = new();

    /// <summary>Where decisions are recorded (a run per check); null records nothing.</summary>
    public Tracker? Tracker { get; init; }

    /// <summary>The tracking experiment of the runs.</summary>
    public string Experiment { get; init; } = "monitoring";

    /// <summary>Called when the policy says retrain; returns what it did (a job id, "queued", ...). Becomes a pipeline run when pipelines land.</summary>
    public Func<MonitoringReport, string?>? OnRetrain { get; init; }

    /// <summary>Called when the policy says escalate (page someone, open a ticket); returns what it did.</summary>
    public Func<MonitoringReport, string?>? OnEscalate { get; init; }

    /// <summary>Called with the open run before it ends, to attach more (the rendered HTML report, say).</summary>
    public Action<MonitoringReport, ActiveRun>? OnRecord { get; init; }

    /// <summary>Checks one batch.</summary>
    public MonitoringReport Check(Frame current, string? name = null) =>
        Finish(Build(current, name ?? "batch", null, null));

    /// <summary>Checks a batch as a whole and window by window on <paramref name="timeColumn"/>.</summary>
    public MonitoringReport Check(Frame current, string timeColumn, TimeSpan window, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        var series = Windowed(current, timeColumn, window, []);
        return Finish(Build(current, name ?? "batch", series, null));
    }

    /// <summary>
    /// Checks captured traffic (with ground truth joined when <paramref name="groundTruth"/> holds event ids and labels),
    /// as a whole and, when <paramref name="window"/> is given, window by window on the inference time.
    /// </summary>
    public MonitoringReport Check(CaptureData capture, TimeSpan? window = null, string? name = null, Frame? groundTruth = null)
    {
        ArgumentNullException.ThrowIfNull(capture);
        var frame = capture.Frame;
        if (groundTruth is not null && Baseline.Target is { } target)
        {
            frame = DataCapture.JoinGroundTruth(capture, groundTruth, target.Name);
        }

        var timeColumn = capture.MetadataColumns.First(c => frame[c].Type == ColumnType.DateTime);
        var series = window is { } w ? Windowed(frame, timeColumn, w, capture.MetadataColumns) : null;
        var rows = frame.Drop([.. capture.MetadataColumns]);
        return Finish(Build(rows, name ?? "capture", series, CaptureSummary.Of(capture)));
    }

    private MonitoringReport Build(Frame current, string name, DriftTimeSeries? series, CaptureSummary? capture)
    {
        ArgumentNullException.ThrowIfNull(current);
        using var scope = new ColumnReadScope();
        var drift = DataDrift.Detect(Baseline, current, Options.Drift);
        var quality = DataQuality.Check(Baseline, current, Options.Quality);
        return new MonitoringReport(name, Baseline, current.RowCount, current.ColumnCount, drift, quality)
        {
            ModelQuality = Models.ModelQuality.Compare(Baseline, current),
            Multivariate = Options.DomainClassifier is { } classifier ? DomainClassifier.Test(Baseline, current, classifier) : null,
            TimeSeries = series,
            Capture = capture,
        };
    }

    private MonitoringReport Finish(MonitoringReport report)
    {
        report.Decision = Policy.Evaluate(report);
        report.ActionTaken = Act(report);
        if (Tracker is not null)
        {
            report.RunId = Record(report);
        }

        return report;
    }

    private string Act(MonitoringReport report)
    {
        var (callback, what) = report.Tier switch
        {
            RetrainingTier.Retrain => (OnRetrain, "retrain"),
            RetrainingTier.Escalate => (OnEscalate, "escalate"),
            _ => (null, "none"),
        };
        if (report.Tier == RetrainingTier.None)
        {
            return "no action: every signal is below its threshold";
        }

        if (callback is null)
        {
            return $"{what} recommended; no {what} callback is registered";
        }

        try
        {
            return callback(report) ?? $"{what} callback ran";
        }
        catch (Exception e)
        {
            // The report and its decision stand; the failed action is recorded, not lost.
            return $"{what} callback failed: {e.GetType().Name}: {e.Message}";
        }
    }

    private string Record(MonitoringReport report)
    {
        var tags = new Dictionary<string, string>
        {
            ["monitoring.tier"] = report.Tier.ToString().ToLowerInvariant(),
            ["monitoring.dataset_drift"] = report.Drift.DatasetDrift ? "true" : "false",
            ["monitoring.batch"] = report.Name,
        };
        using var run = Tracker!.StartRun(Experiment, $"check {report.Name}", tags: tags);
        run.LogParams(new Dictionary<string, object?>
        {
            ["baseline_fingerprint"] = Baseline.Fingerprint ?? "unknown",
            ["baseline_rows"] = Baseline.RowCount,
            ["baseline_source"] = Baseline.Source,
            ["drift_method"] = Options.Drift.Method.Code(),
            ["drift_share_threshold"] = Options.Drift.DriftShare,
            ["policy_retrain_drift_share"] = Policy.RetrainDriftShare,
            ["policy_escalate_drift_share"] = Policy.EscalateDriftShare,
            ["policy_escalate_major_failures"] = Policy.EscalateMajorFailures,
            ["policy_retrain_metric_drop"] = Policy.RetrainMetricDrop,
            ["policy_escalate_metric_drop"] = Policy.EscalateMetricDrop,
        });
        var metrics = new Dictionary<string, double>
        {
            ["rows"] = report.Rows,
            ["drift_share"] = report.Drift.DriftShare,
            ["drifted_features"] = report.Drift.DriftedFeatures,
            ["tested_features"] = report.Drift.TestedFeatures.Count,
            ["quality_critical"] = report.Quality.Critical,
            ["quality_major"] = report.Quality.Major,
            ["quality_minor"] = report.Quality.Minor,
            ["constraint_violations"] = report.Quality.Violations.Count,
            ["tier"] = (int)report.Tier,
        };
        if (report.Multivariate is { Tested: true } multivariate)
        {
            metrics["domain_classifier_auc"] = multivariate.RocAuc;
        }

        foreach (var metric in report.ModelQuality?.Metrics ?? [])
        {
            if (!double.IsNaN(metric.Current))
            {
                metrics[$"model_{metric.Metric}"] = metric.Current;
            }
        }

        run.LogMetrics(metrics);
        if (report.TimeSeries is { } series)
        {
            var step = 0L;
            foreach (var window in series.Windows.Where(w => w.Tested))
            {
                run.LogMetric("window_drift_share", window.DriftShare, step, new DateTimeOffset(window.Start, TimeSpan.Zero));
                step++;
            }
        }

        run.SetTag("monitoring.decision", report.Decision.Summary);
        run.SetTag("monitoring.action", report.ActionTaken ?? "none");
        for (var i = 0; i < report.Decision.Evidence.Count; i++)
        {
            run.SetTag(string.Create(CultureInfo.InvariantCulture, $"monitoring.evidence.{i + 1}"), report.Decision.Evidence[i].ToString());
        }

        run.LogText(report.ToJson(), MonitoringReport.ReportFileName, ArtifactKind.Json);
        using (var violations = new MemoryStream())
        {
            using (var writer = new System.Text.Json.Utf8JsonWriter(violations, new System.Text.Json.JsonWriterOptions { Indented = true }))
            {
                ModelMonitorFormat.ConstraintViolation.Write(writer, report.Quality.Violations);
            }

            violations.Position = 0;
            run.LogArtifact(violations, MonitoringReport.ViolationsFileName, ArtifactKind.Json);
        }

        OnRecord?.Invoke(report, run);
        run.End();
        return run.RunId;
    }

    private DriftTimeSeries Windowed(Frame frame, string timeColumn, TimeSpan window, IReadOnlyList<string> metadata)
    {
        if (window <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "the window length must be positive.");
        }

        var times = frame[timeColumn];
        var byWindow = new SortedDictionary<DateTime, List<int>>();
        for (var row = 0; row < frame.RowCount; row++)
        {
            DateTime? time = times switch
            {
                DateTimeColumn dates => dates[row],
                _ => times.IsNull(row) ? null
                    : DateTime.TryParse(times.Format(row), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null,
            };
            if (time is { } t)
            {
                var start = TimeWindow.Start(t, window);
                if (!byWindow.TryGetValue(start, out var rows))
                {
                    byWindow[start] = rows = [];
                }

                rows.Add(row);
            }
        }

        var results = new List<WindowResult>();
        foreach (var (start, rows) in byWindow)
        {
            var result = new WindowResult { Start = start, End = start + window, Rows = rows.Count };
            if (rows.Count < Options.MinimumWindowRows)
            {
                results.Add(result with { NotTested = $"{rows.Count} rows, fewer than the {Options.MinimumWindowRows} a window needs" });
                continue;
            }

            var slice = frame.Take(rows.ToArray());
            if (metadata.Count > 0)
            {
                slice = slice.Drop([.. metadata.Where(slice.Contains)]);
            }

            var drift = DataDrift.Detect(Baseline, slice, Options.Drift);
            var quality = DataQuality.Check(Baseline, slice, Options.Quality);
            var model = Models.ModelQuality.Compare(Baseline, slice);
            results.Add(result with
            {
                DriftShare = drift.DriftShare,
                DatasetDrift = drift.DatasetDrift,
                DriftedFeatures = drift.DriftedFeatures,
                TestedFeatures = drift.TestedFeatures.Count,
                Scores = drift.Columns.Where(c => c.Tested).ToDictionary(c => c.Column, c => c.Score),
                DriftedColumns = drift.Ordered.Where(c => c.Tested && c.Drifted).Select(c => c.Column).ToList(),
                QualityFailures = quality.Failures.Count,
                Metrics = model?.Metrics.Where(m => !double.IsNaN(m.Current)).ToDictionary(m => m.Metric, m => m.Current) ?? new Dictionary<string, double>(),
            });
        }

        return new DriftTimeSeries(window, timeColumn, results);
    }
}
