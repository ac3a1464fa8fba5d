namespace Workbench.Data;

/// <summary>
/// One named, typed, immutable column of a <see cref="Frame"/>. Subclasses hold values in typed arrays
/// (<see cref="DoubleColumn"/>, <see cref="Int64Column"/>, <see cref="CategoricalColumn"/>, ...), so bulk work
/// never boxes a cell.
/// </summary>
/// <remarks>
/// <para><b>Missing values.</b> A missing value is <em>null</em>: <see cref="IsNull"/> is true and
/// <c>this[row]</c> returns null. For <see cref="DoubleColumn"/> and <see cref="SingleColumn"/>, NaN is an
/// ordinary value, not a missing one: it comes from arithmetic (0 / 0) or from a file whose missing-value
/// tokens were changed so that "NaN" is read as a number. Aggregates skip nulls; a NaN value propagates
/// (the mean of [1, NaN] is NaN, as in IEEE arithmetic), sorts after every number and before nulls, and
/// groups with other NaNs. <see cref="DoubleColumn.NaNToNull"/> turns NaN values into missing ones.</para>
/// <para>By default the CSV and JSON Lines readers read blanks and pandas' missing tokens
/// (<c>NA</c>, <c>N/A</c>, <c>NaN</c>, <c>null</c>, ...) as null, so files read the way pandas reads them.</para>
/// </remarks>
public abstract partial class Column
{
    private protected Column(string name, int length)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Name = name;
        Length = length;
    }

    public string Name { get; }

    /// <summary>Rows in the column.</summary>
    public int Length { get; }

    public abstract ColumnType Type { get; }

    /// <summary>Missing values (nulls).</summary>
    public abstract int NullCount { get; }

    /// <summary>Rows with a value.</summary>
    public int ValidCount => Length - NullCount;

    public bool HasNulls => NullCount > 0;

    /// <summary>Whether the values are numbers (booleans count as 0 / 1).</summary>
    public bool IsNumeric => Type.IsNumeric();

    /// <summary>The value at <paramref name="row"/>, boxed, or null when missing. For display and records; bulk work uses the typed subclasses.</summary>
    public object? this[int row]
    {
        get
        {
            CheckRow(row);
            return IsNull(row) ? null : BoxedValue(row);
        }
    }

    public abstract bool IsNull(int row);

    /// <summary>The same values under another name.</summary>
    public abstract Column WithName(string name);

    /// <summary>The values at <paramref name="rows"/>, in that order; a row index of -1 gives a missing value.</summary>
    public abstract Column Take(ReadOnlySpan<int> rows);

    /// <summary><paramref name="count"/> rows from <paramref name="start"/>.</summary>
    public Column Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (start + count > Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"rows {start}..{start + count - 1} are outside column '{Name}' of {Length} rows.");
        }

        var rows = new int[count];
        for (var i = 0; i < count; i++)
        {
            rows[i] = start + i;
        }

        return Take(rows);
    }

    /// <summary>The value at <paramref name="row"/> as culture-invariant text (what the CSV writer writes); null when missing.</summary>
    public string? Format(int row)
    {
        CheckRow(row);
        return IsNull(row) ? null : FormatValue(row);
    }

    /// <summary>Rows where the value is missing.</summary>
    public RowMask IsMissing()
    {
        var flags = new bool[Length];
        for (var i = 0; i < flags.Length; i++)
        {
            flags[i] = IsNull(i);
        }

        return new RowMask(flags);
    }

    /// <summary>Rows where a value is present.</summary>
    public RowMask IsPresent() => !IsMissing();

    /// <summary>Distinct non-null values.</summary>
    public int DistinctCount()
    {
        Factorize(out var count);
        return count;
    }

    public override string ToString() => $"{Name}: {Type.DisplayName()} [{Length} rows, {NullCount} missing]";

    private protected abstract object BoxedValue(int row);

    private protected abstract string FormatValue(int row);

    /// <summary>
    /// Dense ranks of the values in ascending order (equal values share a rank, ranks 0..distinct-1);
    /// -1 for missing rows. The basis of sorting, grouping order and min / max of any type.
    /// </summary>
    internal abstract int[] DenseRanks(out int distinct);

    /// <summary>Codes 0..count-1 in order of first appearance (equal values share a code); -1 for missing rows.</summary>
    internal abstract int[] Factorize(out int count);

    /// <summary>Whether rows <paramref name="a"/> and <paramref name="b"/> hold the same value (both missing counts as the same; NaN equals NaN).</summary>
    internal abstract bool ValuesEqual(int a, int b);

    /// <summary>Folds a hash of each row's value into <paramref name="hashes"/> with <see cref="RowHash.Combine"/> (equal values, equal contributions).</summary>
    internal abstract void HashRows(Span<ulong> hashes);

    /// <summary>Writes the values as doubles (missing as NaN); only for numeric columns.</summary>
    internal void CopyNumbers(Span<double> destination) => CopyNumbers(0, Length, destination);

    /// <summary>Writes rows [start, start + count) as doubles (missing as NaN); only for numeric columns.</summary>
    internal abstract void CopyNumbers(int start, int count, Span<double> destination);

    /// <summary>Feeds the canonical encoding of rows [start, start + count) to a fingerprint.</summary>
    internal abstract void WriteCanonical(CanonicalWriter writer, int start, int count);

    private protected void CheckRow(int row)
    {
        if ((uint)row >= (uint)Length)
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"row {row} is outside column '{Name}' of {Length} rows.");
        }
    }

    private protected InvalidOperationException NotNumeric(string what) =>
        new($"column '{Name}' is {Type.DisplayName()}, not numeric: {what} needs numbers.");
}
