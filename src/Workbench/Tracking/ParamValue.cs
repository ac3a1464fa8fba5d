using System.Globalization;

namespace Workbench.Tracking;

/// <summary>The type a parameter was logged with; kept so a search or a comparison can treat it as a number.</summary>
public enum ParamType
{
    String,
    Integer,
    Float,
    Boolean,
}

/// <summary>
/// A typed parameter value: a string, a 64-bit integer, a double or a bool, with its canonical text
/// (invariant culture, shortest round-trip for doubles, <c>true</c>/<c>false</c>). Converts implicitly from
/// those types, so <c>run.LogParam("lr", 0.01)</c> reads naturally.
/// </summary>
public readonly record struct ParamValue
{
    /// <summary>MLflow's limit; a longer value is a mistake (log it as an artifact instead).</summary>
    public const int MaxLength = 6000;

    private ParamValue(ParamType type, string text)
    {
        Type = type;
        Text = text;
    }

    public ParamType Type { get; }

    /// <summary>The canonical text stored and compared.</summary>
    public string Text { get; }

    public bool IsNumeric => Type is ParamType.Integer or ParamType.Float;

    /// <summary>The value as a double for numeric parameters; null otherwise.</summary>
    public double? AsDouble => IsNumeric ? double.Parse(Text, CultureInfo.InvariantCulture) : null;

    public static ParamValue From(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > MaxLength)
        {
            throw new ArgumentException($"A parameter value is limited to {MaxLength} characters (got {value.Length}); log long values as an artifact.", nameof(value));
        }

        return new ParamValue(ParamType.String, value);
    }

    public static ParamValue From(long value) => new(ParamType.Integer, value.ToString(CultureInfo.InvariantCulture));

    public static ParamValue From(double value) => new(ParamType.Float, value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>A float keeps its own shortest text (0.1f logs as 0.1, not 0.100000001490116).</summary>
    public static ParamValue From(float value) => From(double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

    public static ParamValue From(bool value) => new(ParamType.Boolean, value ? "true" : "false");

    /// <summary>Converts a boxed value of a supported type (string, integer types, float, double, decimal, bool, enum).</summary>
    public static ParamValue FromObject(object? value, string key) => value switch
    {
        null => throw new ArgumentException($"Parameter '{key}' is null; parameters need a value.", nameof(value)),
        ParamValue p => p,
        string s => From(s),
        bool b => From(b),
        int or long or short or sbyte or byte or ushort or uint => From(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        ulong u when u <= long.MaxValue => From((long)u),
        float f => From(f),
        double d => From(d),
        decimal m => From((double)m),
        Enum e => From(e.ToString()),
        _ => throw new ArgumentException(
            $"Parameter '{key}' has type {value.GetType().Name}; parameters are strings, integers, floating-point numbers or booleans.", nameof(value)),
    };

    /// <summary>Rebuilds a stored value.</summary>
    public static ParamValue Stored(ParamType type, string text) => new(type, text);

    public static implicit operator ParamValue(string value) => From(value);

    public static implicit operator ParamValue(long value) => From(value);

    public static implicit operator ParamValue(double value) => From(value);

    public static implicit operator ParamValue(float value) => From(value);

    public static implicit operator ParamValue(bool value) => From(value);

    public override string ToString() => Text;
}
