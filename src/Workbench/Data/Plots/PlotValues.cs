using System.Globalization;
using System.Text.Json;

namespace Workbench.Data.Plots;

/// <summary>
/// One data array of a trace (x, y, z row, text, labels), kept in its native type so large arrays are
/// written to JSON without boxing. Missing values: NaN (and null in a <c>double?[]</c>) are written as
/// JSON <c>null</c>, which Plotly draws as a gap; a null string is written as <c>null</c>.
/// </summary>
/// <remarks>
/// Dates are written as <c>yyyy-MM-dd</c> when they fall on midnight, otherwise as
/// <c>yyyy-MM-dd HH:mm:ss[.fffffff]</c>, the form plotly.js parses on a date axis. Numbers are written by
/// <see cref="Utf8JsonWriter"/>: shortest round-trip form, culture-invariant.
/// </remarks>
public sealed class PlotValues
{
    private readonly double[]? _doubles;
    private readonly float[]? _singles;
    private readonly long[]? _longs;
    private readonly string?[]? _strings;
    private readonly DateTime[]? _dates;
    private readonly bool[]? _bools;

    private PlotValues(double[]? doubles = null, float[]? singles = null, long[]? longs = null, string?[]? strings = null, DateTime[]? dates = null, bool[]? bools = null)
    {
        _doubles = doubles;
        _singles = singles;
        _longs = longs;
        _strings = strings;
        _dates = dates;
        _bools = bools;
        Length = doubles?.Length ?? singles?.Length ?? longs?.Length ?? strings?.Length ?? dates?.Length ?? bools?.Length ?? 0;
    }

    public int Length { get; }

    /// <summary>Whether the values are numbers (so an axis over them is continuous).</summary>
    public bool IsNumeric => _doubles is not null || _singles is not null || _longs is not null;

    /// <summary>Whether the values are dates.</summary>
    public bool IsDate => _dates is not null;

    public static PlotValues Of(double[] values) => new(doubles: values ?? throw new ArgumentNullException(nameof(values)));

    public static PlotValues Of(float[] values) => new(singles: values ?? throw new ArgumentNullException(nameof(values)));

    public static PlotValues Of(long[] values) => new(longs: values ?? throw new ArgumentNullException(nameof(values)));

    public static PlotValues Of(int[] values) => new(longs: Array.ConvertAll(values ?? throw new ArgumentNullException(nameof(values)), v => (long)v));

    public static PlotValues Of(string?[] values) => new(strings: values ?? throw new ArgumentNullException(nameof(values)));

    public static PlotValues Of(DateTime[] values) => new(dates: values ?? throw new ArgumentNullException(nameof(values)));

    public static PlotValues Of(bool[] values) => new(bools: values ?? throw new ArgumentNullException(nameof(values)));

    /// <summary>Nullable numbers: null becomes a gap, like NaN.</summary>
    public static PlotValues Of(double?[] values) =>
        new(doubles: Array.ConvertAll(values ?? throw new ArgumentNullException(nameof(values)), v => v ?? double.NaN));

    public static PlotValues Of(IEnumerable<double> values) => Of(values.ToArray());

    public static PlotValues Of(IEnumerable<string?> values) => Of(values.ToArray());

    public static implicit operator PlotValues(double[] values) => Of(values);

    public static implicit operator PlotValues(float[] values) => Of(values);

    public static implicit operator PlotValues(long[] values) => Of(values);

    public static implicit operator PlotValues(int[] values) => Of(values);

    public static implicit operator PlotValues(string?[] values) => Of(values);

    public static implicit operator PlotValues(DateTime[] values) => Of(values);

    public static implicit operator PlotValues(bool[] values) => Of(values);

    public static implicit operator PlotValues(double?[] values) => Of(values);

    public static implicit operator PlotValues(List<double> values) => Of(values.ToArray());

    public static implicit operator PlotValues(List<string> values) => Of(values.ToArray());

    /// <summary>The values at <paramref name="indices"/>, in that order (used to split a series by colour or facet).</summary>
    public PlotValues Take(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return new PlotValues(
            Pick(_doubles, indices), Pick(_singles, indices), Pick(_longs, indices),
            Pick(_strings, indices), Pick(_dates, indices), Pick(_bools, indices));
    }

    /// <summary>The value at <paramref name="index"/> as a number (NaN for text and missing values); dates as OLE automation days.</summary>
    public double NumberAt(int index) =>
        _doubles is not null ? _doubles[index]
        : _singles is not null ? _singles[index]
        : _longs is not null ? _longs[index]
        : _dates is not null ? _dates[index].ToOADate()
        : _bools is not null ? (_bools[index] ? 1 : 0)
        : double.NaN;

    /// <summary>The value at <paramref name="index"/> as display text (null for a missing value).</summary>
    public string? TextAt(int index) =>
        _strings is not null ? _strings[index]
        : _dates is not null ? FormatDate(_dates[index])
        : _bools is not null ? (_bools[index] ? "true" : "false")
        : _longs is not null ? _longs[index].ToString(CultureInfo.InvariantCulture)
        : double.IsNaN(NumberAt(index)) ? null
        : NumberAt(index).ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Writes the values as one JSON array.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        if (_doubles is not null)
        {
            foreach (var value in _doubles)
            {
                WriteNumber(writer, value);
            }
        }
        else if (_singles is not null)
        {
            foreach (var value in _singles)
            {
                if (float.IsFinite(value))
                {
                    writer.WriteNumberValue(value);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }
        }
        else if (_longs is not null)
        {
            foreach (var value in _longs)
            {
                writer.WriteNumberValue(value);
            }
        }
        else if (_strings is not null)
        {
            foreach (var value in _strings)
            {
                writer.WriteStringValue(value);
            }
        }
        else if (_dates is not null)
        {
            foreach (var value in _dates)
            {
                writer.WriteStringValue(FormatDate(value));
            }
        }
        else if (_bools is not null)
        {
            foreach (var value in _bools)
            {
                writer.WriteBooleanValue(value);
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>A finite number as itself; NaN and infinities as null (JSON has no such numbers).</summary>
    public static void WriteNumber(Utf8JsonWriter writer, double value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    /// <summary>A date the way plotly.js reads it on a date axis.</summary>
    public static string FormatDate(DateTime value) =>
        value.TimeOfDay == TimeSpan.Zero
            ? value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.');

    private static T[]? Pick<T>(T[]? source, IReadOnlyList<int> indices)
    {
        if (source is null)
        {
            return null;
        }

        var result = new T[indices.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = source[indices[i]];
        }

        return result;
    }
}
