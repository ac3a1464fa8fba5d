using System.Collections;

namespace Workbench.Kernel.Formatting;

/// <summary>Rows of records, POCOs, tuples or dictionaries laid out as columns (the union of their members, in first-seen order).</summary>
internal sealed class TableModel
{
    private TableModel(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, SequenceSample sample)
    {
        Columns = columns;
        Rows = rows;
        Sample = sample;
    }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows { get; }

    public SequenceSample Sample { get; }

    /// <summary>A table when the sequence's first non-null element is row-like; otherwise null (render it as a list).</summary>
    public static TableModel? TryCreate(SequenceSample sample)
    {
        var first = sample.Items.FirstOrDefault(i => i is not null);
        if (first is null || !ObjectMembers.IsRowLike(first.GetType()))
        {
            return null;
        }

        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<IReadOnlyDictionary<string, object?>>(sample.Items.Count);
        foreach (var item in sample.Items)
        {
            var row = Cells(item);
            foreach (var name in row.Keys)
            {
                if (seen.Add(name))
                {
                    columns.Add(name);
                }
            }

            rows.Add(row);
        }

        return new TableModel(columns, rows, sample);
    }

    private static Dictionary<string, object?> Cells(object? item)
    {
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (item is null)
        {
            return row;
        }

        if (DictionaryEntries.TryRead(item) is { } entries)
        {
            foreach (var (key, value) in entries)
            {
                row[ValueText.Scalar(key)] = value;
            }

            return row;
        }

        if (ValueText.IsScalar(item.GetType()) || item is IEnumerable)
        {
            row["value"] = item;
            return row;
        }

        foreach (var member in ObjectMembers.Of(item.GetType()))
        {
            row[member.Name] = ObjectMembers.ReadSafely(member, item);
        }

        return row;
    }
}
