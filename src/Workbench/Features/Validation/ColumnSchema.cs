using System.Globalization;
using Workbench.Data;

namespace Workbench.Features.Validation;

/// <summary>
/// What one column of a <see cref="DataSchema"/> must look like: its type, whether and in which environments it must
/// be present, how many missing values it may have, its numeric range (widened by a tolerance) and its allowed
/// categories. Inferred from a frame and editable with the fluent methods:
/// <c>schema.Column("age").WithRange(0, 120).NotNull()</c>.
/// </summary>
public sealed class ColumnSchema
{
    private string[]? _categories;
    private string[]? _environments;

    public ColumnSchema(string name, ColumnType type)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Type = Normalize(type);
    }

    public string Name { get; }

    /// <summary>The expected type: float64, int64, bool, category, string or datetime (float32 counts as float64).</summary>
    public ColumnType Type { get; private set; }

    /// <summary>Whether the column must be present (in the environments it belongs to).</summary>
    public bool Required { get; private set; } = true;

    /// <summary>The environments the column belongs to; null for all of them.</summary>
    public IReadOnlyList<string>? Environments => _environments;

    /// <summary>The largest fraction of missing values allowed (0: none may be missing).</summary>
    public double MaxNullFraction { get; private set; }

    /// <summary>The smallest value expected (numeric columns), before tolerance.</summary>
    public double? Min { get; private set; }

    /// <summary>The largest value expected (numeric columns), before tolerance.</summary>
    public double? Max { get; private set; }

    /// <summary>How far beyond [Min, Max] values may go, as a fraction of Max - Min.</summary>
    public double RangeTolerance { get; private set; }

    /// <summary>The allowed categories (text columns), sorted; null allows any value.</summary>
    public IReadOnlyList<string>? Categories => _categories;

    /// <summary>Distinct values seen when the schema was inferred (for information).</summary>
    public int? DistinctCount { get; internal set; }

    /// <summary>The fraction of missing values seen when the schema was inferred (for information).</summary>
    public double? ObservedNullFraction { get; internal set; }

    public bool IsNullable => MaxNullFraction > 0;

    public bool IsNumeric => Type is ColumnType.Double or ColumnType.Int64;

    /// <summary>The range values must fall in: [Min, Max] widened by the tolerance on both sides.</summary>
    public (double Low, double High) AllowedRange
    {
        get
        {
            var slack = Min is { } min && Max is { } max ? RangeTolerance * (max - min) : 0;
            return ((Min ?? double.NegativeInfinity) - slack, (Max ?? double.PositiveInfinity) + slack);
        }
    }

    public ColumnSchema WithType(ColumnType type)
    {
        Type = Normalize(type);
        if (!IsNumeric)
        {
            Min = Max = null;
        }

        if (Type is not (ColumnType.Categorical or ColumnType.String))
        {
            _categories = null;
        }

        return this;
    }

    /// <summary>Expects numbers in [min, max] (either end may be open).</summary>
    public ColumnSchema WithRange(double? min, double? max)
    {
        if (!IsNumeric)
        {
            throw new InvalidOperationException($"column '{Name}' is {Type.DisplayName()}; a range applies to float64 and int64 columns.");
        }

        if (min is { } lo && max is { } hi && !(lo <= hi) || min is double.NaN || max is double.NaN)
        {
            throw new ArgumentException($"column '{Name}': the range [{min}, {max}] is empty.");
        }

        Min = min;
        Max = max;
        return this;
    }

    /// <summary>Lets values go beyond [Min, Max] by this fraction of Max - Min on each side (0.1: ten percent).</summary>
    public ColumnSchema WithTolerance(double fraction)
    {
        RangeTolerance = fraction is >= 0 and < 1e6 ? fraction : throw new ArgumentOutOfRangeException(nameof(fraction), $"column '{Name}': a tolerance must be a non-negative fraction, got {fraction}.");
        return this;
    }

    /// <summary>Allows up to this fraction of values to be missing (1: any number).</summary>
    public ColumnSchema AllowNulls(double maxFraction = 1)
    {
        MaxNullFraction = maxFraction is >= 0 and <= 1 ? maxFraction : throw new ArgumentOutOfRangeException(nameof(maxFraction), $"column '{Name}': a fraction must be within 0..1, got {maxFraction}.");
        return this;
    }

    /// <summary>No value may be missing.</summary>
    public ColumnSchema NotNull() => AllowNulls(0);

    /// <summary>Only these values are allowed (text columns).</summary>
    public ColumnSchema WithCategories(IEnumerable<string> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        if (Type is not (ColumnType.Categorical or ColumnType.String))
        {
            throw new InvalidOperationException($"column '{Name}' is {Type.DisplayName()}; categories apply to category and string columns.");
        }

        _categories = categories.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return this;
    }

    /// <summary>Allows these values too (for example a new department the model has been retrained for).</summary>
    public ColumnSchema AddCategories(params string[] categories) => WithCategories((_categories ?? []).Concat(categories));

    /// <summary>Allows any value (free text).</summary>
    public ColumnSchema AnyCategory()
    {
        _categories = null;
        return this;
    }

    /// <summary>The column belongs only to these environments (the label: <c>OnlyIn("training")</c>).</summary>
    public ColumnSchema OnlyIn(params string[] environments)
    {
        ArgumentNullException.ThrowIfNull(environments);
        _environments = environments.Length == 0 ? throw new ArgumentException("name at least one environment.", nameof(environments)) : environments.Distinct(StringComparer.Ordinal).ToArray();
        return this;
    }

    /// <summary>The column belongs to every environment.</summary>
    public ColumnSchema InAllEnvironments()
    {
        _environments = null;
        return this;
    }

    /// <summary>The column may be absent; when present it is checked.</summary>
    public ColumnSchema Optional()
    {
        Required = false;
        return this;
    }

    /// <summary>The column must be present.</summary>
    public ColumnSchema Require()
    {
        Required = true;
        return this;
    }

    /// <summary>Whether the column belongs to <paramref name="environment"/>.</summary>
    public bool AppliesTo(string environment) => _environments is null || _environments.Contains(environment);

    /// <summary>The expectation in words: "int64 in [18, 97] ± 7.9", "category in {F, M}", "datetime".</summary>
    public string Describe()
    {
        var text = Type.DisplayName();
        if (IsNumeric && (Min is not null || Max is not null))
        {
            text += $" in [{Number(Min, "-∞")}, {Number(Max, "∞")}]";
            var (low, _) = AllowedRange;
            if (RangeTolerance > 0 && Min is { } min)
            {
                text += $" ± {Number(min - low, string.Empty)}";
            }
        }

        if (_categories is { } categories)
        {
            text += " in {" + string.Join(", ", categories.Take(12)) + (categories.Length > 12 ? $", … {categories.Length - 12} more" : string.Empty) + "}";
        }

        return text;
    }

    public override string ToString() => $"{Name}: {Describe()}{(IsNullable ? $", ≤ {MaxNullFraction.ToString("P1", CultureInfo.InvariantCulture)} missing" : ", no missing")}{(Required ? string.Empty : ", optional")}";

    internal void SetCategoriesUnchecked(string[]? categories) => _categories = categories;

    internal void SetRangeUnchecked(double? min, double? max)
    {
        Min = min;
        Max = max;
    }

    private static string Number(double? value, string open) => value is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : open;

    private static ColumnType Normalize(ColumnType type) => type == ColumnType.Single ? ColumnType.Double : type;
}
