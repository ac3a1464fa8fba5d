using System.Collections.Concurrent;
using Workbench.Monitoring.Baselines;

namespace Workbench.Monitoring.Columns;

/// <summary>
/// The reference side of a baseline read once per column and kept (sorted numbers, label counts), so every batch
/// checked against the same baseline reuses them. Without reference rows, labels come from the category counts.
/// </summary>
internal sealed class ReferenceColumns(Baseline baseline)
{
    private readonly ConcurrentDictionary<string, NumericValues> _numbers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LabelValues> _labels = new(StringComparer.Ordinal);

    public bool HasRows => baseline.Reference is not null;

    /// <summary>The reference numbers of a numeric column, or null without reference rows.</summary>
    public NumericValues? Numbers(ColumnBaseline column) =>
        baseline.Reference is { } frame && frame.Contains(column.Name)
            ? _numbers.GetOrAdd(column.Name, _ => ColumnReader.Numbers(frame[column.Name]))
            : null;

    /// <summary>The reference labels of a categorical or boolean column: from the rows, else from the baseline's counts.</summary>
    public LabelValues? Labels(ColumnBaseline column) => _labels.GetOrAdd(column.Name, _ =>
    {
        if (baseline.Reference is { } frame && frame.Contains(column.Name))
        {
            return ColumnReader.Labels(frame[column.Name], booleans: column.Kind == FeatureKind.Boolean);
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (label, count) in column.Categories?.Counts ?? [])
        {
            counts[label] = count;
        }

        return new LabelValues(counts, column.Rows, column.Missing);
    });
}
