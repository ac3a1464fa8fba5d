using Workbench.Data;
using Workbench.Data.Profiling;
using Workbench.Monitoring.Columns;
using Workbench.Monitoring.ModelMonitorFormat;

namespace Workbench.Monitoring.Baselines;

/// <summary>
/// What "normal" looks like, learned from reference (training) data: per column type, kind, role, missing share,
/// distribution (quantile sketch, histogram, category frequencies) and range; suggested constraints; the model's
/// reference metrics; and a sample of the reference rows for the drift tests. Saved as Workbench's baseline.json
/// plus SageMaker Model Monitor's statistics.json and constraints.json, so Model Monitor tooling reads ours and
/// <see cref="Load"/> reads theirs.
/// </summary>
/// <example>
/// <code>
/// var baseline = Baseline.Fit(Frame.ReadCsv("train.csv"), new BaselineOptions { Target = "readmitted_30d", Timestamp = "admitted_at" });
/// baseline.Save("monitoring/baseline");          // baseline.json, statistics.json, constraints.json, reference.csv
/// var again = Baseline.Load("monitoring/baseline");
/// </code>
/// </example>
public sealed partial class Baseline
{
    internal Baseline(
        IReadOnlyList<ColumnBaseline> columns, long rows, Frame? reference, MonitoringConstraints constraints, BaselineOptions options)
    {
        Columns = columns;
        RowCount = rows;
        Reference = reference;
        Constraints = constraints;
        Options = options;
    }

    /// <summary>One entry per column, in reference order.</summary>
    public IReadOnlyList<ColumnBaseline> Columns { get; }

    /// <summary>Rows in the reference data.</summary>
    public long RowCount { get; }

    /// <summary>The reference rows the drift tests compare with (all of them, or a deterministic sample of <see cref="BaselineOptions.MaxReferenceRows"/>); null for a baseline read from Model Monitor files, which carry only statistics.</summary>
    public Frame? Reference { get; }

    /// <summary>The constraints checked on every batch (suggested from the reference; edit constraints.json to change them).</summary>
    public MonitoringConstraints Constraints { get; internal set; }

    public BaselineOptions Options { get; }

    /// <summary>Share of reference rows that repeat an earlier row.</summary>
    public double DuplicateRowShare { get; init; }

    /// <summary>The reference's content fingerprint (<c>sha256:...</c>), when known.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>When the baseline was fitted.</summary>
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The model's metrics on reference or validation data (accuracy, roc_auc, rmse, ...), which batches are compared with.</summary>
    public IReadOnlyDictionary<string, double> ModelMetrics { get; internal set; } = new Dictionary<string, double>();

    /// <summary>Where the baseline came from: "workbench" or "model-monitor".</summary>
    public string Source { get; init; } = "workbench";

    /// <summary>The column called <paramref name="name"/>, or an error naming the closest columns.</summary>
    public ColumnBaseline this[string name] =>
        Find(name) ?? throw new ColumnNotFoundException(name, Columns.Select(c => c.Name).ToList());

    public ColumnBaseline? Find(string name) => Columns.FirstOrDefault(c => c.Name == name);

    /// <summary>The feature columns (inputs of the model), in reference order.</summary>
    public IEnumerable<ColumnBaseline> Features => Columns.Where(c => c.Role == ColumnRole.Feature);

    /// <summary>The column holding the ground truth, if any.</summary>
    public ColumnBaseline? Target => Columns.FirstOrDefault(c => c.Role == ColumnRole.Target);

    /// <summary>The column holding the model's output, if any.</summary>
    public ColumnBaseline? Prediction => Columns.FirstOrDefault(c => c.Role == ColumnRole.Prediction);

    /// <summary>The time column, if any.</summary>
    public ColumnBaseline? Timestamp => Columns.FirstOrDefault(c => c.Role == ColumnRole.Timestamp);

    /// <summary>The model's input columns in payload order, for reading CSV data capture.</summary>
    public IReadOnlyList<string> CaptureColumns =>
        Options.CaptureColumns ?? Columns.Where(c => c.Role == ColumnRole.Feature).Select(c => c.Name).ToList();

    /// <summary>Learns a baseline from <paramref name="reference"/>.</summary>
    public static Baseline Fit(Frame reference, BaselineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        options ??= new BaselineOptions();
        options.Validate();
        if (reference.RowCount == 0)
        {
            throw new ArgumentException("the reference data has no rows: a baseline needs at least one row.", nameof(reference));
        }

        foreach (var name in new[] { options.Target, options.Prediction, options.Timestamp }.Concat(options.IdColumns).Concat(options.Exclude))
        {
            if (name is not null && !reference.Contains(name))
            {
                throw new ColumnNotFoundException(name, reference.ColumnNames);
            }
        }

        var kept = reference.Drop([.. options.Exclude]);
        if (kept.ColumnCount == 0)
        {
            throw new ArgumentException("every column of the reference is excluded: a baseline needs at least one column.", nameof(reference));
        }

        var columns = kept.Columns.Select(column => SchemaDeclarations.Apply(FitColumn(column, RoleOf(column.Name, options), options), options.Schema)).ToList();
        if (options.Timestamp is { } timestamp && columns.Single(c => c.Name == timestamp).Kind != FeatureKind.DateTime)
        {
            throw new ArgumentException($"the timestamp column '{timestamp}' is {kept[timestamp].Type.DisplayName()}, not datetime: its values must read as ISO 8601 times.", nameof(options));
        }

        var baseline = new Baseline(columns, kept.RowCount, Sample(kept, options), SchemaDeclarations.Apply(ConstraintSuggestion.For(columns, options), options.Schema), options)
        {
            DuplicateRowShare = (double)DuplicateRows.Count(kept) / kept.RowCount,
            Fingerprint = kept.Fingerprint(),
        };
        baseline.ModelMetrics = options.ModelMetrics ?? Models.ModelQuality.ReferenceMetrics(baseline, kept);
        return baseline;
    }

    public override string ToString() =>
        $"Baseline of {RowCount:N0} rows x {Columns.Count} columns ({Features.Count()} features{(Target is { } t ? $", target {t.Name}" : "")}{(Prediction is { } p ? $", prediction {p.Name}" : "")}), from {Source}";

    private static ColumnRole RoleOf(string name, BaselineOptions options) =>
        name == options.Target ? ColumnRole.Target
        : name == options.Prediction ? ColumnRole.Prediction
        : name == options.Timestamp ? ColumnRole.Timestamp
        : options.IdColumns.Contains(name) ? ColumnRole.Identifier
        : ColumnRole.Feature;

    private static ColumnBaseline FitColumn(Column column, ColumnRole role, BaselineOptions options)
    {
        var kind = KindOf(column, role, options);
        if (kind == FeatureKind.Identifier && role == ColumnRole.Feature)
        {
            role = ColumnRole.Identifier;
        }

        var rows = column.Length;
        switch (kind)
        {
            case FeatureKind.Numeric:
                {
                    var values = ColumnReader.Numbers(column);
                    var numeric = NumericSummaries.Fit(column, values, options);
                    return new ColumnBaseline
                    {
                        Name = column.Name, Type = column.Type, Kind = kind, Role = role, Rows = rows,
                        Missing = values.Missing, Distinct = numeric.Distinct, Numeric = numeric,
                    };
                }

            case FeatureKind.Categorical or FeatureKind.Boolean:
                {
                    var labels = ColumnReader.Labels(column, booleans: kind == FeatureKind.Boolean);
                    return new ColumnBaseline
                    {
                        Name = column.Name, Type = column.Type, Kind = kind, Role = role, Rows = rows,
                        Missing = labels.Missing, Distinct = labels.Counts.Count, Categories = Categorize(labels, options.MaxCategories),
                    };
                }

            case FeatureKind.DateTime:
                {
                    var times = column as DateTimeColumn ?? throw new ArgumentException($"column '{column.Name}' is {column.Type.DisplayName()}, not datetime.");
                    var present = times.ValidValues();
                    return new ColumnBaseline
                    {
                        Name = column.Name, Type = column.Type, Kind = kind, Role = role, Rows = rows,
                        Missing = column.NullCount, Distinct = present.Distinct().LongCount(),
                        MinTime = present.Length == 0 ? null : present.Min(), MaxTime = present.Length == 0 ? null : present.Max(),
                    };
                }

            default:
                return new ColumnBaseline
                {
                    Name = column.Name, Type = column.Type, Kind = kind, Role = role, Rows = rows,
                    Missing = column.NullCount, Distinct = column.DistinctCount(),
                };
        }
    }

    private static FeatureKind KindOf(Column column, ColumnRole role, BaselineOptions options)
    {
        if (role == ColumnRole.Identifier)
        {
            return FeatureKind.Identifier;
        }

        if (column.Type == ColumnType.DateTime)
        {
            return FeatureKind.DateTime;
        }

        if (column.Type == ColumnType.Boolean)
        {
            return FeatureKind.Boolean;
        }

        var identifierName = column.Name.Equals("id", StringComparison.OrdinalIgnoreCase) || column.Name.EndsWith("_id", StringComparison.OrdinalIgnoreCase);
        if (role == ColumnRole.Feature && identifierName && column.Type is ColumnType.Int64 or ColumnType.String or ColumnType.Categorical
            && column.ValidCount > 1 && column.DistinctCount() == column.ValidCount)
        {
            return FeatureKind.Identifier;
        }

        if (column.IsNumeric)
        {
            return FeatureKind.Numeric;
        }

        if (column.Type == ColumnType.Categorical)
        {
            return FeatureKind.Categorical;
        }

        var distinct = column.DistinctCount();
        return distinct <= options.MaxCategoricalDistinct && distinct * 2 <= Math.Max(column.ValidCount, 2) ? FeatureKind.Categorical : FeatureKind.Text;
    }

    private static CategoryBaseline Categorize(Columns.LabelValues labels, int maxCategories)
    {
        var ordered = labels.Counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        var kept = ordered.Take(maxCategories).ToList();
        return new CategoryBaseline
        {
            Distinct = ordered.Count,
            Counts = kept,
            Other = ordered.Skip(maxCategories).Sum(p => p.Value),
        };
    }

    private static Frame Sample(Frame frame, BaselineOptions options)
    {
        if (frame.RowCount <= options.MaxReferenceRows)
        {
            return frame;
        }

        var random = new Random(options.Seed);
        var rows = Enumerable.Range(0, frame.RowCount).ToArray();
        for (var i = 0; i < options.MaxReferenceRows; i++)
        {
            var j = random.Next(i, rows.Length);
            (rows[i], rows[j]) = (rows[j], rows[i]);
        }

        var picked = rows.AsSpan(0, options.MaxReferenceRows).ToArray();
        Array.Sort(picked);
        return frame.Take(picked);
    }
}
