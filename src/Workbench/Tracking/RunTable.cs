using System.Globalization;
using System.Text;

namespace Workbench.Tracking;

/// <summary>
/// Runs as a table, as <c>mlflow.search_runs</c> gives a DataFrame: columns <c>run_id, run_name, experiment,
/// status, start_time, end_time, duration_s</c>, then <c>params.*</c>, <c>metrics.*</c> (latest values) and
/// <c>tags.*</c>. Cells are typed: numeric parameters and metrics are doubles, times are DateTimeOffset,
/// a run without a value has null.
/// </summary>
public sealed class RunTable
{
    private readonly Dictionary<string, int> _index;

    private RunTable(IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows)
    {
        Columns = columns;
        Rows = rows;
        _index = columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
    }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<object?[]> Rows { get; }

    public int RowCount => Rows.Count;

    /// <summary>The cells of column <paramref name="name"/>, one per run.</summary>
    public IReadOnlyList<object?> Column(string name) =>
        _index.TryGetValue(name, out var i)
            ? Rows.Select(r => r[i]).ToList()
            : throw new KeyNotFoundException($"The runs table has no column '{name}'; columns: {string.Join(", ", Columns)}.");

    /// <summary>A numeric column as doubles (NaN where a run has no value).</summary>
    public double[] NumericColumn(string name) => Column(name).Select(v => v switch
    {
        double d => d,
        long l => l,
        null => double.NaN,
        _ => throw new InvalidCastException($"Column '{name}' holds {v.GetType().Name} values, not numbers."),
    }).ToArray();

    public static RunTable From(IReadOnlyList<Run> runs, bool includeSystemTags = false)
    {
        var paramKeys = runs.SelectMany(r => r.Params.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var metricKeys = runs.SelectMany(r => r.Metrics.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var tagKeys = runs.SelectMany(r => r.Tags.Keys)
            .Where(k => includeSystemTags || !k.StartsWith(RunEnvironment.Prefix, StringComparison.Ordinal))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var columns = new List<string> { "run_id", "run_name", "experiment", "status", "start_time", "end_time", "duration_s" };
        columns.AddRange(paramKeys.Select(k => $"params.{k}"));
        columns.AddRange(metricKeys.Select(k => $"metrics.{k}"));
        columns.AddRange(tagKeys.Select(k => $"tags.{k}"));
        var rows = runs.Select(run =>
        {
            var row = new List<object?>
            {
                run.Info.RunId, run.Info.Name, run.Info.ExperimentName, run.Info.Status.ToText(),
                run.Info.StartTime, run.Info.EndTime, run.Info.Duration?.TotalSeconds,
            };
            row.AddRange(paramKeys.Select(k => run.Params.TryGetValue(k, out var p) ? (p.AsDouble is { } d ? d : (object)p.Text) : null));
            row.AddRange(metricKeys.Select(k => run.Metrics.TryGetValue(k, out var m) ? (object)m.Value : null));
            row.AddRange(tagKeys.Select(k => (object?)run.Tag(k)));
            return row.ToArray();
        }).ToList();
        return new RunTable(columns, rows);
    }

    /// <summary>The table as CSV (RFC 4180 quoting, invariant numbers, ISO-8601 times) for pandas or a spreadsheet.</summary>
    public string ToCsv()
    {
        var builder = new StringBuilder();
        builder.AppendJoin(',', Columns.Select(Quote)).Append('\n');
        foreach (var row in Rows)
        {
            builder.AppendJoin(',', row.Select(cell => Quote(Format(cell)))).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>A cell as text: invariant numbers, ISO-8601 times, empty for null.</summary>
    public static string Format(object? cell) => cell switch
    {
        null => string.Empty,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? string.Empty,
    };

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
}
