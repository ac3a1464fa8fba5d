using Workbench.Data;
using Workbench.Tracking;

namespace Workbench.Learning.Experiments;

/// <summary>
/// Runs as frames for analysis, as <c>mlflow.search_runs()</c> returns a pandas DataFrame: filter, sort, group and
/// plot them with the Frame API (<c>tracker.SearchRuns("metrics.auc &gt; 0.9").ToFrame()</c>).
/// </summary>
public static class RunFrames
{
    /// <summary>
    /// One row per run; columns <c>run_id, run_name, experiment, status, start_time, end_time, duration_s</c>, then
    /// <c>params.*</c>, <c>metrics.*</c> (latest values) and <c>tags.*</c>. Numeric parameters and metrics are float64
    /// columns, times are UTC datetimes, text stays text; a run without a value has a missing cell. A parameter that
    /// is a number in some runs and text in others becomes a text column of the canonical values.
    /// </summary>
    public static Frame ToFrame(this RunTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Frame.FromRows(table.Columns, table.Rows);
    }

    /// <summary>The runs of a search as a frame (see <see cref="ToFrame(RunTable)"/>); <c>workbench.*</c> system tags only when asked for.</summary>
    public static Frame ToFrame(this RunList runs, bool includeSystemTags = false)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs.ToTable(includeSystemTags).ToFrame();
    }

    /// <summary>
    /// The step histories of a run's metrics side by side: a <c>step</c> column (every step any of them was logged
    /// at, ascending) and one float64 column per key, missing where that metric has no value at that step (the last
    /// value wins when a step was logged twice). With no keys, every metric the run has.
    /// </summary>
    /// <exception cref="RunNotFoundException">Unknown run.</exception>
    public static Frame MetricHistoryFrame(this Tracker tracker, string runId, params string[] keys)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        tracker.Flush();
        var names = keys is { Length: > 0 } ? keys : [.. tracker.GetRun(runId).Metrics.Keys.Order(StringComparer.Ordinal)];
        var histories = names.Select(key => tracker.GetMetricHistory(runId, key)).ToArray();
        var steps = histories.SelectMany(h => h.Select(m => m.Step)).Distinct().Order().ToArray();
        var index = steps.Select((step, row) => (step, row)).ToDictionary(x => x.step, x => x.row);
        var columns = new List<Column> { new Int64Column("step", steps) };
        for (var k = 0; k < names.Length; k++)
        {
            var values = new double?[steps.Length];
            foreach (var metric in histories[k])
            {
                values[index[metric.Step]] = metric.Value;
            }

            columns.Add(new DoubleColumn(names[k], values));
        }

        return new Frame(columns);
    }
}
