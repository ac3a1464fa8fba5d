namespace Workbench.Data.Io;

/// <summary>
/// The typed arrays of a column being read (a chunk's, or the whole file's): the one its <see cref="FieldKind"/>
/// calls for holds the values; missing rows hold NaN (floating point), -1 (text codes) or the default.
/// </summary>
internal sealed class KindArrays
{
    public bool[]? Bools { get; private set; }

    public long[]? Longs { get; private set; }

    public double[]? Doubles { get; private set; }

    public float[]? Singles { get; private set; }

    public DateTime[]? Dates { get; private set; }

    public int[]? Codes { get; private set; }

    public string?[]? Strings { get; set; }

    /// <summary>Creates the array for <paramref name="kind"/>; the first <paramref name="missing"/> rows, all missing so far, get the placeholder.</summary>
    public void Allocate(FieldKind kind, int capacity, int missing, bool textAsCodes = true)
    {
        switch (kind)
        {
            case FieldKind.Boolean:
                Bools = new bool[capacity];
                break;
            case FieldKind.Int64:
                Longs = new long[capacity];
                break;
            case FieldKind.Double:
                Doubles = new double[capacity];
                Doubles.AsSpan(0, missing).Fill(double.NaN);
                break;
            case FieldKind.Single:
                Singles = new float[capacity];
                Singles.AsSpan(0, missing).Fill(float.NaN);
                break;
            case FieldKind.DateTime:
                Dates = new DateTime[capacity];
                break;
            case FieldKind.Text when textAsCodes:
                Codes = new int[capacity];
                Codes.AsSpan(0, missing).Fill(-1);
                break;
            case FieldKind.Text:
                Strings = new string?[capacity];
                break;
        }
    }

    /// <summary>Turns the int64 values of the first <paramref name="count"/> rows into float64 (as pandas widens a column when a fraction appears).</summary>
    public void WidenToDouble(int count, Func<int, bool> isNull)
    {
        var doubles = new double[Longs!.Length];
        for (var i = 0; i < count; i++)
        {
            doubles[i] = isNull(i) ? double.NaN : Longs[i];
        }

        Doubles = doubles;
        Longs = null;
    }

    /// <summary>Drops the text codes (once the values are kept as strings instead).</summary>
    public void DropCodes() => Codes = null;

    public void Grow(int capacity)
    {
        Bools = Resize(Bools, capacity);
        Longs = Resize(Longs, capacity);
        Doubles = Resize(Doubles, capacity);
        Singles = Resize(Singles, capacity);
        Dates = Resize(Dates, capacity);
        Codes = Resize(Codes, capacity);
        Strings = Resize(Strings, capacity);
    }

    /// <summary>Forgets every array but the strings (a column turning to text).</summary>
    public void KeepOnlyStrings()
    {
        Bools = null;
        Longs = null;
        Doubles = null;
        Singles = null;
        Dates = null;
        Codes = null;
    }

    private static T[]? Resize<T>(T[]? array, int capacity)
    {
        if (array is not null)
        {
            Array.Resize(ref array, capacity);
        }

        return array;
    }
}
