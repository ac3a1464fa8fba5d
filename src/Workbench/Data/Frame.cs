namespace Workbench.Data;

/// <summary>
/// A table of named, typed columns of equal length: Workbench's DataFrame. Columns are immutable;
/// the frame's set of columns can change (<c>frame["bmi_z"] = ...</c>, <see cref="Remove"/>), while row
/// operations (<see cref="Filter(RowMask)"/>, <see cref="SortBy(string[])"/>, <see cref="Join(Frame, string, JoinKind, string, string)"/>, ...)
/// return new frames that share unchanged columns.
/// </summary>
/// <example>
/// <code>
/// var patients = Frame.ReadCsv("data-samples/patients.csv");
/// var older = patients[patients["age"] &gt; 60 &amp; patients["smoker"] == "current"];
/// var byDepartment = older.GroupBy("department").Aggregate(Aggregation.Count("patient_id"), Aggregation.Mean("length_of_stay_days"));
/// </code>
/// </example>
public sealed partial class Frame
{
    private readonly List<Column> _columns = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    /// <summary>A frame of <paramref name="columns"/>, which must have distinct names and equal lengths.</summary>
    public Frame(IEnumerable<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        RowCount = -1;
        if (columns.TryGetNonEnumeratedCount(out var count))
        {
            _columns.EnsureCapacity(count);
            _index.EnsureCapacity(count);
        }

        foreach (var column in columns)
        {
            Add(column);
        }

        RowCount = Math.Max(RowCount, 0);
    }

    /// <summary>A frame of <paramref name="columns"/>.</summary>
    public Frame(params Column[] columns)
        : this((IEnumerable<Column>)columns)
    {
    }

    /// <summary>An empty frame with a fixed number of rows and no columns yet.</summary>
    private Frame(int rowCount)
    {
        RowCount = rowCount;
    }

    public int RowCount { get; private set; }

    public int ColumnCount => _columns.Count;

    /// <summary>(rows, columns), as pandas' <c>shape</c>.</summary>
    public (int Rows, int Columns) Shape => (RowCount, ColumnCount);

    public IReadOnlyList<Column> Columns => _columns;

    public IReadOnlyList<string> ColumnNames => _columns.Select(c => c.Name).ToArray();

    /// <summary>Each column's name and type, in order.</summary>
    public IReadOnlyList<(string Name, ColumnType Type)> Schema => _columns.Select(c => (c.Name, c.Type)).ToArray();

    /// <summary>
    /// The column called <paramref name="name"/>; a missing name throws <see cref="ColumnNotFoundException"/>
    /// naming the closest columns. Setting adds the column, or replaces the one of that name in place.
    /// </summary>
    public Column this[string name]
    {
        get => _index.TryGetValue(name, out var i) ? _columns[i] : throw new ColumnNotFoundException(name, _index.Keys);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            var column = value.Name == name ? value : value.WithName(name);
            if (_index.TryGetValue(name, out var i))
            {
                CheckLength(column);
                _columns[i] = column;
            }
            else
            {
                Add(column);
            }
        }
    }

    /// <summary>The column at position <paramref name="index"/>.</summary>
    public Column this[int index] => _columns[index];

    /// <summary>The rows where <paramref name="mask"/> is true.</summary>
    public Frame this[RowMask mask] => Filter(mask);

    /// <summary>Whether a column of that name exists.</summary>
    public bool Contains(string name) => _index.ContainsKey(name);

    /// <summary>The column called <paramref name="name"/>, when there is one (one lookup instead of Contains and the indexer).</summary>
    public bool TryGetColumn(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Column? column)
    {
        column = _index.TryGetValue(name, out var i) ? _columns[i] : null;
        return column is not null;
    }

    /// <summary>The column as its concrete type, e.g. <c>frame.Get&lt;DoubleColumn&gt;("bmi")</c>; a clear error if it is another type.</summary>
    public T Get<T>(string name)
        where T : Column
    {
        var column = this[name];
        return column as T ?? throw new InvalidCastException(
            $"column '{name}' is {column.Type.DisplayName()} ({column.GetType().Name}), not {typeof(T).Name}.");
    }

    /// <summary>Adds a column at the end; its name must be new and its length the frame's.</summary>
    public Frame Add(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (_index.ContainsKey(column.Name))
        {
            throw new ArgumentException($"the frame already has a column '{column.Name}'; assign frame[\"{column.Name}\"] to replace it.", nameof(column));
        }

        if (RowCount < 0)
        {
            RowCount = column.Length;
        }

        CheckLength(column);
        _index[column.Name] = _columns.Count;
        _columns.Add(column);
        return this;
    }

    /// <summary>Removes a column; throws naming the closest columns if there is none of that name.</summary>
    public Frame Remove(string name)
    {
        if (!_index.TryGetValue(name, out var position))
        {
            throw new ColumnNotFoundException(name, _index.Keys);
        }

        _columns.RemoveAt(position);
        Reindex();
        return this;
    }

    /// <summary>A new frame with just these columns, in this order.</summary>
    public Frame Select(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var frame = new Frame(RowCount);
        foreach (var name in names)
        {
            frame.Add(this[name]);
        }

        return frame;
    }

    /// <summary>A new frame without these columns.</summary>
    public Frame Drop(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names)
        {
            _ = this[name];
        }

        var dropped = names.ToHashSet(StringComparer.Ordinal);
        var frame = new Frame(RowCount);
        foreach (var column in _columns.Where(c => !dropped.Contains(c.Name)))
        {
            frame.Add(column);
        }

        return frame;
    }

    /// <summary>A new frame with columns renamed (<c>("old", "new")</c> pairs).</summary>
    public Frame Rename(params (string From, string To)[] renames)
    {
        ArgumentNullException.ThrowIfNull(renames);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (from, to) in renames)
        {
            _ = this[from];
            map[from] = to;
        }

        return new Frame(_columns.Select(c => map.TryGetValue(c.Name, out var to) ? c.WithName(to) : c));
    }

    /// <summary>A shallow copy: a new frame over the same (immutable) columns.</summary>
    public Frame Copy()
    {
        var frame = new Frame(RowCount);
        foreach (var column in _columns)
        {
            frame.Add(column);
        }

        return frame;
    }

    /// <summary>The frame with the same rows taken from every column (a row index of -1 gives missing values).</summary>
    public Frame Take(ReadOnlySpan<int> rows)
    {
        foreach (var row in rows)
        {
            if (row >= RowCount || row < -1)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), $"row {row} is outside the frame's {RowCount} rows.");
            }
        }

        var frame = new Frame(rows.Length);
        foreach (var column in _columns)
        {
            frame.Add(column.Take(rows));
        }

        return frame;
    }

    /// <summary>One row, for reading values by column name.</summary>
    public FrameRow Row(int row)
    {
        if ((uint)row >= (uint)RowCount)
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"row {row} is outside the frame's {RowCount} rows.");
        }

        return new FrameRow(this, row);
    }

    /// <summary>The rows, one <see cref="FrameRow"/> each (for loops and LINQ; column-wise operations are faster).</summary>
    public IEnumerable<FrameRow> Rows()
    {
        for (var i = 0; i < RowCount; i++)
        {
            yield return new FrameRow(this, i);
        }
    }

    internal int IndexOf(string name) => _index.TryGetValue(name, out var i) ? i : throw new ColumnNotFoundException(name, _index.Keys);

    internal static Frame Empty(int rowCount) => new(rowCount);

    private void CheckLength(Column column)
    {
        if (column.Length != RowCount)
        {
            throw new ArgumentException($"column '{column.Name}' has {column.Length} rows but the frame has {RowCount}.", nameof(column));
        }
    }

    private void Reindex()
    {
        _index.Clear();
        for (var i = 0; i < _columns.Count; i++)
        {
            _index[_columns[i].Name] = i;
        }
    }
}
