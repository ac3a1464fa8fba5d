using System.Text;
using Workbench.Data;
using Workbench.Data.Io;
using Workbench.Features.Persistence;

namespace Workbench.Features;

/// <summary>The calendar parts <see cref="DateTimeFeatures"/> extracts.</summary>
[Flags]
public enum DateParts
{
    /// <summary>No part.</summary>
    None = 0,
    Year = 1,
    Month = 2,
    Day = 4,

    /// <summary>Monday = 0 ... Sunday = 6, as pandas' <c>dayofweek</c>.</summary>
    DayOfWeek = 8,
    DayOfYear = 16,
    Hour = 32,

    /// <summary>1 on Saturday and Sunday.</summary>
    IsWeekend = 64,

    /// <summary>Month, day of week and hour.</summary>
    Default = Month | DayOfWeek | Hour,
}

/// <summary>
/// Numeric features from a timestamp column: calendar parts (<c>admitted_at_month</c>, <c>admitted_at_hour</c>, ...),
/// optionally as sine / cosine pairs so December sits next to January (<see cref="Cyclical"/>). Text columns holding
/// ISO 8601 timestamps are parsed (as serving requests deliver them); a value that does not parse fails, naming the row.
/// Missing timestamps give missing features.
/// </summary>
public sealed class DateTimeFeatures : FrameTransform<DateTimeFeatures>
{
    private static readonly (DateParts Part, string Name, double Period)[] All =
    [
        (DateParts.Year, "year", 0),
        (DateParts.Month, "month", 12),
        (DateParts.Day, "day", 31),
        (DateParts.DayOfWeek, "dayofweek", 7),
        (DateParts.DayOfYear, "dayofyear", 366),
        (DateParts.Hour, "hour", 24),
        (DateParts.IsWeekend, "is_weekend", 0),
    ];

    private string[] _names = [];

    public DateTimeFeatures()
    {
    }

    public DateTimeFeatures(DateParts parts, bool cyclical = false)
    {
        Parts = parts;
        Cyclical = cyclical;
    }

    public override string Kind => "datetime_features";

    public DateParts Parts { get; init; } = DateParts.Default;

    /// <summary>Periodic parts (month, day, day of week, day of year, hour) as <c>_sin</c> / <c>_cos</c> pairs.</summary>
    public bool Cyclical { get; init; }

    public override string Describe() => $"DateTimeFeatures({string.Join(", ", All.Where(p => Parts.HasFlag(p.Part)).Select(p => p.Name))}{(Cyclical ? "; cyclical" : string.Empty)})";

    private protected override void CheckInputTypes(Frame frame)
    {
        foreach (var column in frame.Columns)
        {
            if (column.Type is not (ColumnType.DateTime or ColumnType.String or ColumnType.Categorical))
            {
                throw new ArgumentException($"{Name}: column '{column.Name}' is {column.Type.DisplayName()}, not a timestamp.");
            }
        }
    }

    private protected override void FitCore(Frame frame, Column? target)
    {
        if ((Parts & ~(DateParts)127) != 0 || Parts == DateParts.None)
        {
            throw new ArgumentException($"{Name}: choose at least one of the DateParts.");
        }

        _names = Names(frame.ColumnNames);
    }

    private protected override FeatureOutput TransformCore(Frame frame)
    {
        var outputs = new List<double[]>();
        foreach (var column in frame.Columns)
        {
            var dates = Dates(column);
            foreach (var (part, _, period) in All.Where(p => Parts.HasFlag(p.Part)))
            {
                var values = dates.Select(d => d is { } date ? Value(part, date) : double.NaN).ToArray();
                if (Cyclical && period > 0)
                {
                    outputs.Add(values.Select(v => Math.Sin(2 * Math.PI * v / period)).ToArray());
                    outputs.Add(values.Select(v => Math.Cos(2 * Math.PI * v / period)).ToArray());
                }
                else
                {
                    outputs.Add(values);
                }
            }
        }

        return FeatureOutput.Dense(FeatureColumns.Output(_names, outputs));
    }

    private protected override IReadOnlyList<string> FeatureNamesOutCore() => _names;

    internal override void WriteState(JsonState parameters, JsonState state) =>
        parameters.Set("parts", All.Where(p => Parts.HasFlag(p.Part)).Select(p => p.Name).ToArray()).Set("cyclical", Cyclical);

    internal static DateTimeFeatures Create(StateReader parameters)
    {
        var parts = DateParts.None;
        var names = parameters.StringArray("parts");
        for (var i = 0; i < names.Length; i++)
        {
            var match = All.FirstOrDefault(p => p.Name == names[i]);
            parts |= match.Name is not null ? match.Part : throw parameters.Fail($"parts[{i}]", $"'{names[i]}' is not one of {string.Join(", ", All.Select(p => p.Name))}");
        }

        return new DateTimeFeatures { Parts = parts, Cyclical = parameters.Bool("cyclical") };
    }

    internal override void ReadState(StateReader state) => _names = Names(FeatureNamesIn);

    private string[] Names(IReadOnlyList<string> columns) => columns.SelectMany(c => All.Where(p => Parts.HasFlag(p.Part))
        .SelectMany(p => Cyclical && p.Period > 0 ? new[] { $"{c}_{p.Name}_sin", $"{c}_{p.Name}_cos" } : [$"{c}_{p.Name}"])).ToArray();

    private static double Value(DateParts part, DateTime date) => part switch
    {
        DateParts.Year => date.Year,
        DateParts.Month => date.Month,
        DateParts.Day => date.Day,
        DateParts.DayOfWeek => ((int)date.DayOfWeek + 6) % 7,
        DateParts.DayOfYear => date.DayOfYear,
        DateParts.Hour => date.Hour,
        _ => date.DayOfWeek is System.DayOfWeek.Saturday or System.DayOfWeek.Sunday ? 1 : 0,
    };

    private DateTime?[] Dates(Column column)
    {
        if (column is DateTimeColumn dates)
        {
            return Enumerable.Range(0, dates.Length).Select(i => dates[i]).ToArray();
        }

        var labels = FeatureColumns.LabelsOf(column);
        var parsed = new DateTime?[labels.Texts.Length];
        for (var k = 0; k < parsed.Length; k++)
        {
            if (!FieldParser.TryParseIsoDate(Encoding.UTF8.GetBytes(labels.Texts[k].Trim()), out var date))
            {
                var row = Array.IndexOf(labels.Codes, k);
                throw new ArgumentException($"{Name}: column '{column.Name}', row {row}: '{labels.Texts[k]}' is not an ISO 8601 timestamp.");
            }

            parsed[k] = date;
        }

        return labels.Codes.Select(code => code < 0 ? null : parsed[code]).ToArray();
    }
}
