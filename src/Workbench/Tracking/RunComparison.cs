using System.Globalization;

namespace Workbench.Tracking;

/// <summary>One compared quantity: a value per run, and whether the runs disagree.</summary>
/// <param name="Section">attribute, param, metric, input or tag.</param>
/// <param name="Key">The name within the section.</param>
/// <param name="Values">Display text per run (null where the run has none).</param>
/// <param name="Numbers">The numeric value per run where there is one (metrics, numeric params, durations).</param>
/// <param name="Differs">True when any two runs disagree, including one having a value and another not.</param>
public sealed record ComparisonRow(string Section, string Key, IReadOnlyList<string?> Values, IReadOnlyList<double?> Numbers, bool Differs);

/// <summary>The full history of one metric in one run, for overlaid curves.</summary>
public sealed record MetricSeries(string RunId, string RunName, IReadOnlyList<Metric> Points);

/// <summary>
/// Runs side by side: attributes, parameters, latest metrics, dataset inputs and user tags as rows with
/// differences flagged, plus the step history of every metric logged at more than one step (for curves).
/// </summary>
public sealed class RunComparison
{
    private RunComparison(IReadOnlyList<Run> runs, IReadOnlyList<ComparisonRow> rows, IReadOnlyDictionary<string, IReadOnlyList<MetricSeries>> curves)
    {
        Runs = runs;
        Rows = rows;
        Curves = curves;
    }

    public IReadOnlyList<Run> Runs { get; }

    public IReadOnlyList<ComparisonRow> Rows { get; }

    /// <summary>Only the rows where the runs disagree.</summary>
    public IEnumerable<ComparisonRow> Differences => Rows.Where(r => r.Differs);

    /// <summary>Metric key → one series per run that logged it, for metrics with more than one step.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<MetricSeries>> Curves { get; }

    public ComparisonRow Row(string section, string key) =>
        Rows.FirstOrDefault(r => r.Section == section && r.Key == key)
        ?? throw new KeyNotFoundException($"The comparison has no {section} row '{key}'.");

    /// <summary>Compares the runs <paramref name="runIds"/> held by <paramref name="store"/>.</summary>
    /// <exception cref="RunNotFoundException">One of the runs is unknown.</exception>
    public static RunComparison Of(ITrackingStore store, IReadOnlyList<string> runIds)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(runIds);
        if (runIds.Count == 0)
        {
            throw new ArgumentException("Name at least one run to compare.", nameof(runIds));
        }

        var runs = runIds.Distinct(StringComparer.Ordinal).Select(store.GetRun).ToList();
        var rows = new List<ComparisonRow>
        {
            Compare("attribute", "run_name", runs, r => r.Info.Name, _ => null),
            Compare("attribute", "experiment", runs, r => r.Info.ExperimentName, _ => null),
            Compare("attribute", "status", runs, r => r.Info.Status.ToText(), _ => null),
            Compare("attribute", "duration_s", runs,
                r => r.Info.Duration?.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture), r => r.Info.Duration?.TotalSeconds, flag: false),
            Compare("attribute", "git_commit", runs, r => r.Tag(RunEnvironment.GitCommit), _ => null),
        };
        foreach (var key in runs.SelectMany(r => r.Params.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            rows.Add(Compare("param", key, runs, r => r.Param(key), r => r.Params.TryGetValue(key, out var p) ? p.AsDouble : null));
        }

        foreach (var key in runs.SelectMany(r => r.Metrics.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            rows.Add(Compare("metric", key, runs,
                r => r.Metric(key) is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : null, r => r.Metric(key)));
        }

        foreach (var context in runs.SelectMany(r => r.Inputs.Select(i => i.Context)).Distinct().Order(StringComparer.Ordinal))
        {
            rows.Add(Compare("input", context, runs,
                r => string.Join(", ", r.Inputs.Where(i => i.Context == context).Select(i => $"{i.Name} {i.Fingerprint[..19]}…").Order(StringComparer.Ordinal)) is { Length: > 0 } s ? s : null,
                _ => null));
        }

        foreach (var key in runs.SelectMany(r => r.Tags.Keys).Where(k => !k.StartsWith(RunEnvironment.Prefix, StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal))
        {
            rows.Add(Compare("tag", key, runs, r => r.Tag(key), _ => null));
        }

        var curves = new SortedDictionary<string, IReadOnlyList<MetricSeries>>(StringComparer.Ordinal);
        foreach (var key in runs.SelectMany(r => r.Metrics.Keys).Distinct())
        {
            var series = runs.Where(r => r.Metrics.ContainsKey(key))
                .Select(r => new MetricSeries(r.RunId, r.Info.Name, store.GetMetricHistory(r.RunId, key)))
                .ToList();
            if (series.Any(s => s.Points.Select(p => p.Step).Distinct().Count() > 1))
            {
                curves[key] = series;
            }
        }

        return new RunComparison(runs, rows, curves);
    }

    private static ComparisonRow Compare(string section, string key, IReadOnlyList<Run> runs, Func<Run, string?> text, Func<Run, double?> number, bool flag = true)
    {
        var values = runs.Select(text).ToList();
        var differs = flag && runs.Count > 1 && values.Distinct(StringComparer.Ordinal).Count() > 1;
        return new ComparisonRow(section, key, values, runs.Select(number).ToList(), differs);
    }
}
