using System.Text.RegularExpressions;
using Workbench.Data;
using Workbench.Features.Persistence;

namespace Workbench.Features;

/// <summary>
/// Which columns a <see cref="FeaturePipeline"/> step takes: by name, by type or by a regular-expression pattern,
/// minus exceptions (scikit-learn's column lists and <c>make_column_selector</c>). Type and pattern selectors are
/// resolved when the pipeline is fitted, in the frame's column order, and never pick the target; the resolved names
/// are what the fitted pipeline keeps and asks for at transform time.
/// </summary>
public sealed class ColumnSelector
{
    private readonly string[] _names;
    private readonly ColumnType[] _types;
    private readonly string? _pattern;
    private readonly string[] _except;

    private ColumnSelector(string[] names, ColumnType[] types, string? pattern, string[] except)
    {
        _names = names;
        _types = types;
        _pattern = pattern;
        _except = except;
    }

    /// <summary>These columns, in this order.</summary>
    public static ColumnSelector Names(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Length == 0 || names.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("name at least one column, none empty.", nameof(names));
        }

        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
        {
            throw new ArgumentException($"a column is named twice: {string.Join(", ", names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key))}.", nameof(names));
        }

        return new ColumnSelector(names, [], null, []);
    }

    /// <summary>Every column of these types.</summary>
    public static ColumnSelector OfType(params ColumnType[] types)
    {
        ArgumentNullException.ThrowIfNull(types);
        return types.Length > 0 ? new ColumnSelector([], types.Distinct().ToArray(), null, []) : throw new ArgumentException("give at least one type.", nameof(types));
    }

    /// <summary>Numbers: float64, float32 and int64 columns (booleans are <see cref="Booleans"/>).</summary>
    public static ColumnSelector Numeric() => OfType(ColumnType.Double, ColumnType.Single, ColumnType.Int64);

    /// <summary>Categorical columns (the CSV reader makes text with few distinct values categorical).</summary>
    public static ColumnSelector Categorical() => OfType(ColumnType.Categorical);

    /// <summary>Free-text columns.</summary>
    public static ColumnSelector Text() => OfType(ColumnType.String);

    public static ColumnSelector Booleans() => OfType(ColumnType.Boolean);

    public static ColumnSelector DateTimes() => OfType(ColumnType.DateTime);

    /// <summary>Every column whose name matches the regular expression (anywhere in the name; anchor with ^ and $).</summary>
    public static ColumnSelector Matching(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        _ = Compile(pattern);
        return new ColumnSelector([], [], pattern, []);
    }

    /// <summary>The same selection without these columns.</summary>
    public ColumnSelector Except(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return new ColumnSelector(_names, _types, _pattern, [.. _except, .. names]);
    }

    /// <summary>"age, bmi" / "type float64, int64" / "pattern ^lab_", with "except ..." when set.</summary>
    public string Describe()
    {
        var what = _names.Length > 0 ? string.Join(", ", _names)
            : _pattern is not null ? $"pattern {_pattern}"
            : $"type {string.Join(", ", _types.Select(t => t.DisplayName()))}";
        return _except.Length > 0 ? $"{what} except {string.Join(", ", _except)}" : what;
    }

    public override string ToString() => Describe();

    /// <summary>The selected names in <paramref name="frame"/>; named columns must exist, and none may be the target.</summary>
    internal string[] Resolve(Frame frame, string? target, string step)
    {
        string[] selected;
        if (_names.Length > 0)
        {
            foreach (var name in _names)
            {
                if (!frame.Contains(name))
                {
                    var lookup = new ColumnNotFoundException(name, frame.ColumnNames.ToArray());
                    throw new ArgumentException($"pipeline step '{step}' selects column '{name}', which the frame lacks ({lookup.Message}).", lookup);
                }

                if (name == target)
                {
                    throw new ArgumentException($"pipeline step '{step}' selects the target column '{target}'; features made from the target leak it into the model.");
                }
            }

            selected = _names;
        }
        else if (_pattern is not null)
        {
            var regex = Compile(_pattern);
            selected = frame.ColumnNames.Where(n => n != target && regex.IsMatch(n)).ToArray();
        }
        else
        {
            selected = frame.Columns.Where(c => c.Name != target && _types.Contains(c.Type)).Select(c => c.Name).ToArray();
        }

        var result = selected.Except(_except, StringComparer.Ordinal).ToArray();
        if (result.Length == 0)
        {
            throw new ArgumentException($"pipeline step '{step}' selects no columns ({Describe()}) among: {string.Join(", ", frame.ColumnNames)}.");
        }

        return result;
    }

    internal JsonState ToJson() => new JsonState()
        .Set("names", _names.Length > 0 ? _names : null)
        .Set("types", _types.Length > 0 ? _types.Select(t => t.DisplayName()).ToArray() : null)
        .Set("pattern", _pattern)
        .Set("except", _except);

    internal static ColumnSelector FromJson(StateReader json)
    {
        var except = json.StringArray("except");
        if (json.Has("names"))
        {
            return Checked(json, "names", () => Names(json.StringArray("names")).Except(except));
        }

        if (json.Has("pattern"))
        {
            return Checked(json, "pattern", () => Matching(json.String("pattern")).Except(except));
        }

        var types = json.StringArray("types");
        return OfType(types.Select((t, i) => json.Parse($"types[{i}]", t, ColumnTypeNames.Parse)).ToArray()).Except(except);
    }

    private static ColumnSelector Checked(StateReader json, string key, Func<ColumnSelector> make)
    {
        try
        {
            return make();
        }
        catch (ArgumentException e)
        {
            throw json.Fail(key, e.Message);
        }
    }

    private static Regex Compile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"'{pattern}' is not a valid regular expression: {e.Message}", nameof(pattern), e);
        }
    }
}
