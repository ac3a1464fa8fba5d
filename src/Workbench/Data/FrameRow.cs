namespace Workbench.Data;

/// <summary>One row of a frame, read by column name (each read looks the name up: use columns for bulk work).</summary>
public readonly struct FrameRow
{
    private readonly Frame _frame;

    internal FrameRow(Frame frame, int index)
    {
        _frame = frame;
        Index = index;
    }

    /// <summary>The row's position in its frame.</summary>
    public int Index { get; }

    /// <summary>The value, boxed; null when missing.</summary>
    public object? this[string column] => _frame[column][Index];

    public bool IsNull(string column) => _frame[column].IsNull(Index);

    /// <summary>A numeric value as double (integers and booleans convert); null when missing.</summary>
    public double? Double(string column)
    {
        var c = _frame[column];
        if (c.IsNull(Index))
        {
            return null;
        }

        return c switch
        {
            DoubleColumn d => d.Values[Index],
            Int64Column l => l.Values[Index],
            SingleColumn s => s.Values[Index],
            BooleanColumn b => b.Values[Index] ? 1 : 0,
            _ => throw new InvalidCastException($"column '{column}' is {c.Type.DisplayName()}, not a number."),
        };
    }

    public long? Int64(string column) => _frame[column] switch
    {
        Int64Column l => l[Index],
        var c => throw new InvalidCastException($"column '{column}' is {c.Type.DisplayName()}, not int64."),
    };

    public bool? Boolean(string column) => _frame[column] switch
    {
        BooleanColumn b => b[Index],
        var c => throw new InvalidCastException($"column '{column}' is {c.Type.DisplayName()}, not bool."),
    };

    public DateTime? DateTime(string column) => _frame[column] switch
    {
        DateTimeColumn d => d[Index],
        var c => throw new InvalidCastException($"column '{column}' is {c.Type.DisplayName()}, not datetime."),
    };

    /// <summary>Text of any column (numbers as invariant text); null when missing.</summary>
    public string? String(string column) => _frame[column].Format(Index);

    public override string ToString()
    {
        var index = Index;
        return $"row {index}: " + string.Join(", ", _frame.Columns.Select(c => $"{c.Name}={c.Format(index) ?? "null"}"));
    }
}
