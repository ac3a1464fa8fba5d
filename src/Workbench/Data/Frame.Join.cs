namespace Workbench.Data;

public sealed partial class Frame
{
    /// <summary>Joins on a key column of the same name in both frames (see <see cref="Join(Frame, IReadOnlyList{string}, IReadOnlyList{string}, JoinKind, string, string)"/>).</summary>
    public Frame Join(Frame right, string on, JoinKind how = JoinKind.Inner, string leftSuffix = "_x", string rightSuffix = "_y") =>
        Join(right, [on], [on], how, leftSuffix, rightSuffix);

    /// <summary>Joins on key columns of the same names in both frames.</summary>
    public Frame Join(Frame right, IReadOnlyList<string> on, JoinKind how = JoinKind.Inner, string leftSuffix = "_x", string rightSuffix = "_y") =>
        Join(right, on, on, how, leftSuffix, rightSuffix);

    /// <summary>
    /// A hash join, like pandas' <c>merge</c>: rows pair up where every key matches (int64 and float keys
    /// compare as numbers, text and categories as text). A missing key matches nothing (SQL semantics;
    /// pandas would match missing with missing). Row order: left rows in order, each followed by its
    /// matches in right order; then, for right and outer joins, the unmatched right rows in order.
    /// Key columns of the same name appear once; other columns whose names clash get the suffixes.
    /// </summary>
    public Frame Join(Frame right, IReadOnlyList<string> leftOn, IReadOnlyList<string> rightOn, JoinKind how = JoinKind.Inner, string leftSuffix = "_x", string rightSuffix = "_y")
    {
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(leftOn);
        ArgumentNullException.ThrowIfNull(rightOn);
        if (leftOn.Count == 0 || leftOn.Count != rightOn.Count)
        {
            throw new ArgumentException($"give the same number of key columns on both sides (got {leftOn.Count} and {rightOn.Count}).");
        }

        if (leftSuffix == rightSuffix)
        {
            throw new ArgumentException($"the suffixes must differ (both are '{leftSuffix}').");
        }

        // Codes over both frames at once, so equal keys get equal codes across the two.
        var combinedKeys = new Column[leftOn.Count];
        for (var k = 0; k < leftOn.Count; k++)
        {
            var l = this[leftOn[k]];
            var r = right[rightOn[k]];
            try
            {
                combinedKeys[k] = ColumnConcat.Concat(l.Name, [(l, RowCount), (r, right.RowCount)]);
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException($"cannot join left '{l.Name}' ({l.Type.DisplayName()}) with right '{r.Name}' ({r.Type.DisplayName()}): {e.Message}", e);
            }
        }

        var codes = KeyCodes.Of(combinedKeys, nullIsKey: false, out var count);
        var leftCodes = codes.AsSpan(0, RowCount);
        var rightCodes = codes.AsSpan(RowCount);
        var (rightRows, offsets) = KeyCodes.Buckets(rightCodes, count);
        var leftTake = new List<int>(Math.Max(RowCount, right.RowCount));
        var rightTake = new List<int>(leftTake.Capacity);
        var rightMatched = new bool[right.RowCount];
        if (how == JoinKind.Right)
        {
            var (leftRows, leftOffsets) = KeyCodes.Buckets(leftCodes, count);
            for (var r = 0; r < right.RowCount; r++)
            {
                var code = rightCodes[r];
                if (code < 0 || leftOffsets[code] == leftOffsets[code + 1])
                {
                    leftTake.Add(-1);
                    rightTake.Add(r);
                    continue;
                }

                for (var m = leftOffsets[code]; m < leftOffsets[code + 1]; m++)
                {
                    leftTake.Add(leftRows[m]);
                    rightTake.Add(r);
                }
            }
        }
        else
        {
            for (var l = 0; l < RowCount; l++)
            {
                var code = leftCodes[l];
                if (code < 0 || offsets[code] == offsets[code + 1])
                {
                    if (how is JoinKind.Left or JoinKind.Outer)
                    {
                        leftTake.Add(l);
                        rightTake.Add(-1);
                    }

                    continue;
                }

                for (var m = offsets[code]; m < offsets[code + 1]; m++)
                {
                    leftTake.Add(l);
                    rightTake.Add(rightRows[m]);
                    rightMatched[rightRows[m]] = true;
                }
            }

            if (how == JoinKind.Outer)
            {
                for (var r = 0; r < right.RowCount; r++)
                {
                    if (!rightMatched[r])
                    {
                        leftTake.Add(-1);
                        rightTake.Add(r);
                    }
                }
            }
        }

        return Assemble(right, leftOn, rightOn, combinedKeys, leftTake.ToArray(), rightTake.ToArray(), leftSuffix, rightSuffix);
    }

    private Frame Assemble(Frame right, IReadOnlyList<string> leftOn, IReadOnlyList<string> rightOn, Column[] combinedKeys, int[] leftRows, int[] rightRows, string leftSuffix, string rightSuffix)
    {
        // A key of the same name on both sides appears once, filled from whichever side the row came from.
        var sharedKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < leftOn.Count; k++)
        {
            if (leftOn[k] == rightOn[k])
            {
                sharedKeys.Add(leftOn[k]);
            }
        }

        var leftNames = ColumnNames.ToHashSet(StringComparer.Ordinal);
        var rightNames = right.ColumnNames.Where(n => !sharedKeys.Contains(n)).ToHashSet(StringComparer.Ordinal);
        var result = new Frame(leftRows.Length);
        foreach (var column in _columns)
        {
            if (sharedKeys.Contains(column.Name))
            {
                var k = leftOn.ToList().IndexOf(column.Name);
                var source = new int[leftRows.Length];
                for (var i = 0; i < source.Length; i++)
                {
                    source[i] = leftRows[i] >= 0 ? leftRows[i] : RowCount + rightRows[i];
                }

                result.Add(combinedKeys[k].Take(source));
                continue;
            }

            var name = rightNames.Contains(column.Name) ? column.Name + leftSuffix : column.Name;
            result.Add(column.Take(leftRows).WithName(name));
        }

        foreach (var column in right.Columns.Where(c => !sharedKeys.Contains(c.Name)))
        {
            var name = leftNames.Contains(column.Name) ? column.Name + rightSuffix : column.Name;
            if (result.Contains(name))
            {
                throw new InvalidOperationException($"joining gives two columns named '{name}': rename one side first.");
            }

            result.Add(column.Take(rightRows).WithName(name));
        }

        return result;
    }
}
