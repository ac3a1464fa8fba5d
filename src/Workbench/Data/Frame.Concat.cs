namespace Workbench.Data;

public sealed partial class Frame
{
    /// <summary>
    /// Stacks frames row-wise, matching columns by name (order from the first frame). Types unify as pandas
    /// does for numbers (int64 and float64 give float64) and text (categories and text give text); other
    /// mismatches throw naming the column. A column missing from some frame throws unless
    /// <paramref name="fillMissingColumns"/> is set, which fills those rows with missing values.
    /// </summary>
    public static Frame Concat(IReadOnlyList<Frame> frames, bool fillMissingColumns = false)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count == 0)
        {
            return new Frame();
        }

        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var frame in frames)
        {
            foreach (var column in frame.Columns)
            {
                if (seen.Add(column.Name))
                {
                    names.Add(column.Name);
                }
            }
        }

        if (!fillMissingColumns)
        {
            for (var f = 0; f < frames.Count; f++)
            {
                var missing = names.Where(n => !frames[f].Contains(n)).ToArray();
                if (missing.Length > 0)
                {
                    throw new ArgumentException(
                        $"frame {f} has no column {string.Join(", ", missing.Select(m => $"'{m}'"))}; pass fillMissingColumns: true to fill it with missing values.");
                }
            }
        }

        var total = frames.Sum(f => f.RowCount);
        var result = new Frame(total);
        foreach (var name in names)
        {
            var parts = frames.Select(f => (f.Contains(name) ? f[name] : null, f.RowCount)).ToArray();
            result.Add(ColumnConcat.Concat(name, parts));
        }

        return result;
    }

    /// <summary>Stacks frames row-wise (see <see cref="Concat(IReadOnlyList{Frame}, bool)"/>).</summary>
    public static Frame Concat(params Frame[] frames) => Concat((IReadOnlyList<Frame>)frames);
}
