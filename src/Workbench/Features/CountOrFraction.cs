using System.Globalization;

namespace Workbench.Features;

/// <summary>
/// A threshold given either as an absolute count (an integer: <c>MinDf = 2</c>) or as a fraction of the rows
/// (a double: <c>MaxDf = 0.95</c>), as scikit-learn's <c>min_df</c>, <c>max_df</c> and <c>min_frequency</c> are.
/// </summary>
public readonly record struct CountOrFraction
{
    private CountOrFraction(long? count, double? fraction)
    {
        Count = count;
        Fraction = fraction;
    }

    /// <summary>The absolute count, when given as one.</summary>
    public long? Count { get; }

    /// <summary>The fraction of rows (0..1), when given as one.</summary>
    public double? Fraction { get; }

    public static implicit operator CountOrFraction(int count) => OfCount(count);

    public static implicit operator CountOrFraction(long count) => OfCount(count);

    public static implicit operator CountOrFraction(double fraction) => OfFraction(fraction);

    public static CountOrFraction OfCount(long count) =>
        count >= 0 ? new CountOrFraction(count, null) : throw new ArgumentOutOfRangeException(nameof(count), $"a count must not be negative, got {count}.");

    public static CountOrFraction OfFraction(double fraction) =>
        fraction is >= 0 and <= 1 ? new CountOrFraction(null, fraction) : throw new ArgumentOutOfRangeException(nameof(fraction), $"a fraction must be within 0..1, got {fraction}.");

    /// <summary>The threshold for <paramref name="rows"/> rows: the count, or fraction × rows (not rounded, as in scikit-learn).</summary>
    public double Resolve(long rows) => Count ?? (Fraction!.Value * rows);

    /// <summary>"5" for a count, "0.95" (with the decimal point) for a fraction: the form the saved pipeline keeps.</summary>
    public override string ToString() => Count is { } count
        ? count.ToString(CultureInfo.InvariantCulture)
        : Fraction!.Value.ToString("0.0###############", CultureInfo.InvariantCulture);

    /// <summary>Reads the <see cref="ToString"/> form back: digits only is a count, anything with a point or exponent a fraction.</summary>
    public static CountOrFraction Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return OfCount(count);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction)
            ? OfFraction(fraction)
            : throw new FormatException($"'{text}' is neither a count (digits) nor a fraction (0.0 to 1.0).");
    }
}
