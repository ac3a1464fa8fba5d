using Workbench.Data;

namespace Workbench.Features.Validation;

/// <summary>
/// What data must look like before it reaches a model: one <see cref="ColumnSchema"/> per column, in environments
/// (training data carries the label, serving requests do not), as TensorFlow Data Validation's schema. Inferred from a
/// training frame, edited in code, saved as JSON next to the model; <see cref="Validate"/> reports every anomaly of a
/// batch and <see cref="CheckRows"/> every bad cell of a request.
/// </summary>
/// <example>
/// <code>
/// var schema = DataSchema.Infer(train, new SchemaInferenceOptions { Label = "readmitted_30d" });
/// schema.Column("age").WithRange(0, 120);
/// schema.Save("schema.json");
/// var report = schema.Validate(Frame.ReadCsv("batch.csv"), SchemaEnvironments.Serving);
/// </code>
/// </example>
/// <remarks>
/// Validation never throws on bad data: a frame read with text in numeric columns (a corrupt CSV read as strings),
/// missing or extra columns, impossible values all become anomalies. It throws only on a bad call (a null frame, an
/// environment the schema does not know).
/// </remarks>
public sealed partial class DataSchema
{
    private readonly List<ColumnSchema> _columns = [];

    public DataSchema(IEnumerable<string>? environments = null)
    {
        var list = (environments ?? [SchemaEnvironments.Training, SchemaEnvironments.Serving]).Distinct(StringComparer.Ordinal).ToArray();
        Environments = list.Length > 0 ? list : throw new ArgumentException("a schema needs at least one environment.", nameof(environments));
    }

    /// <summary>The environments the schema knows.</summary>
    public IReadOnlyList<string> Environments { get; }

    public IReadOnlyList<ColumnSchema> Columns => _columns;

    /// <summary>Rows of the frame the schema was inferred from (for information).</summary>
    public int? InferredFromRows { get; private set; }

    /// <summary>The column's schema, to read or edit; a name the schema lacks throws naming the closest ones.</summary>
    public ColumnSchema Column(string name) =>
        _columns.FirstOrDefault(c => c.Name == name) ?? throw new ColumnNotFoundException(name, _columns.Select(c => c.Name).ToArray());

    public bool Contains(string name) => _columns.Any(c => c.Name == name);

    /// <summary>Adds a column (its name must be new).</summary>
    public DataSchema Add(ColumnSchema column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (Contains(column.Name))
        {
            throw new ArgumentException($"the schema already has a column '{column.Name}'; edit it with Column(\"{column.Name}\").", nameof(column));
        }

        foreach (var environment in column.Environments ?? [])
        {
            CheckEnvironment(environment);
        }

        _columns.Add(column);
        return this;
    }

    /// <summary>Adds a column of this type and returns it for editing.</summary>
    public ColumnSchema Add(string name, ColumnType type)
    {
        var column = new ColumnSchema(name, type);
        Add(column);
        return column;
    }

    public DataSchema Remove(string name)
    {
        _columns.Remove(Column(name));
        return this;
    }

    /// <summary>
    /// A schema from what <paramref name="frame"/> holds: each column's type; missing values allowed when some occur
    /// (up to <c>max(observed × 2, observed + 5 %)</c>), none otherwise; numeric ranges from the minimum and maximum with
    /// a 10 % tolerance; allowed categories for text columns with at most 50 distinct values; the label required in
    /// training only. Each rule is set by <paramref name="options"/>.
    /// </summary>
    public static DataSchema Infer(Frame frame, SchemaInferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        options ??= new SchemaInferenceOptions();
        if (options.Label is { } label && !frame.Contains(label))
        {
            _ = frame[label];
        }

        var schema = new DataSchema(options.Environments) { InferredFromRows = frame.RowCount };
        foreach (var column in frame.Columns)
        {
            schema.Add(InferColumn(column, options, schema));
        }

        return schema;
    }

    /// <summary>
    /// Checks <paramref name="frame"/> for <paramref name="environment"/> and reports every anomaly (missing and extra
    /// columns, wrong types, out-of-range values, unexpected categories, too many missing values) with counts, fractions
    /// and examples. Never throws on bad data.
    /// </summary>
    public ValidationReport Validate(Frame frame, string environment = SchemaEnvironments.Training, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        CheckEnvironment(environment);
        var rows = frame.RowCount;
        double Fraction(int count) => rows == 0 ? 0 : (double)count / rows;
        var anomalies = new List<Anomaly>();
        foreach (var column in _columns)
        {
            if (!column.AppliesTo(environment))
            {
                continue;
            }

            if (!frame.Contains(column.Name))
            {
                if (column.Required)
                {
                    anomalies.Add(new Anomaly(column.Name, AnomalyKind.MissingColumn, AnomalySeverity.Error, rows, 1, [], column.Describe()));
                }

                continue;
            }

            var check = ColumnCheck.Run(column, frame[column.Name]);
            foreach (var (state, kind) in new[] { (CellState.WrongType, AnomalyKind.WrongType), (CellState.OutOfRange, AnomalyKind.OutOfRange), (CellState.UnexpectedCategory, AnomalyKind.UnexpectedCategory) })
            {
                var count = check.Count(state);
                if (count > 0)
                {
                    anomalies.Add(new Anomaly(column.Name, kind, AnomalySeverity.Error, count, Fraction(count), check.Examples(state), column.Describe()));
                }
            }

            var missing = check.Count(CellState.Missing);
            if (missing > 0 && Fraction(missing) > column.MaxNullFraction + 1e-12)
            {
                var allowed = column.MaxNullFraction == 0 ? "no missing values" : $"at most {column.MaxNullFraction.ToString("P1", System.Globalization.CultureInfo.InvariantCulture)} missing";
                anomalies.Add(new Anomaly(column.Name, AnomalyKind.TooManyNulls, AnomalySeverity.Error, missing, Fraction(missing), check.Examples(CellState.Missing), allowed));
            }
        }

        foreach (var column in frame.Columns)
        {
            var known = _columns.FirstOrDefault(c => c.Name == column.Name);
            if (known is null || !known.AppliesTo(environment))
            {
                var examples = Enumerable.Range(0, column.Length).Select(column.Format).OfType<string>().Distinct(StringComparer.Ordinal).Take(5).ToArray();
                var expected = known is null ? "not in the schema" : $"not expected in {environment} (only in {string.Join(", ", known.Environments!)})";
                anomalies.Add(new Anomaly(column.Name, AnomalyKind.ExtraColumn, AnomalySeverity.Warning, rows, 1, examples, expected));
            }
        }

        return new ValidationReport(environment, rows, frame.ColumnCount, anomalies, source);
    }

    /// <summary>
    /// Every cell that does not fit the schema, row by row (what a serving endpoint returns for a bad request): wrong
    /// types, out-of-range values, unexpected categories, missing values in columns that must not be missing, and one
    /// frame-wide error (row null) per missing required column. Extra columns are ignored. At most
    /// <paramref name="maxErrors"/> errors, in row order.
    /// </summary>
    public IReadOnlyList<RowError> CheckRows(Frame frame, string environment = SchemaEnvironments.Serving, int maxErrors = 1000)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxErrors);
        CheckEnvironment(environment);
        var errors = new List<RowError>();
        var checks = new List<(ColumnSchema Schema, ColumnCheck Check)>();
        foreach (var column in _columns)
        {
            if (!column.AppliesTo(environment))
            {
                continue;
            }

            if (frame.TryGetColumn(column.Name, out var values))
            {
                // A served request is usually all valid: a clean numeric column needs no per-cell states.
                if (!ColumnCheck.AllValidNumbers(column, values))
                {
                    checks.Add((column, ColumnCheck.Run(column, values)));
                }
            }
            else if (column.Required && errors.Count < maxErrors)
            {
                errors.Add(new RowError(null, column.Name, null, AnomalyKind.MissingColumn, $"the column is missing; expected {column.Describe()}"));
            }
        }

        for (var row = 0; checks.Count > 0 && row < frame.RowCount && errors.Count < maxErrors; row++)
        {
            foreach (var (schema, check) in checks)
            {
                var state = check.Cells[row];
                if (state == CellState.Ok || (state == CellState.Missing && schema.IsNullable))
                {
                    continue;
                }

                errors.Add(new RowError(row, schema.Name, check.Text(row), Kind(state), check.Reason(schema, row)));
                if (errors.Count == maxErrors)
                {
                    break;
                }
            }
        }

        return errors;
    }

    public override string ToString() => $"DataSchema: {_columns.Count} columns, environments {string.Join(", ", Environments)}";

    private static AnomalyKind Kind(CellState state) => state switch
    {
        CellState.Missing => AnomalyKind.TooManyNulls,
        CellState.WrongType => AnomalyKind.WrongType,
        CellState.OutOfRange => AnomalyKind.OutOfRange,
        _ => AnomalyKind.UnexpectedCategory,
    };

    private static ColumnSchema InferColumn(Column column, SchemaInferenceOptions options, DataSchema schema)
    {
        var result = new ColumnSchema(column.Name, column.Type);
        var observed = column.Length == 0 ? 0 : (double)column.NullCount / column.Length;
        if (result.IsNumeric)
        {
            var values = new double[column.Length];
            column.CopyNumbers(values);
            var present = values.Where(v => !double.IsNaN(v)).ToArray();
            observed = column.Length == 0 ? 0 : 1 - ((double)present.Length / column.Length);
            result.DistinctCount = column.DistinctCount();
            if (present.Length > 0)
            {
                result.SetRangeUnchecked(present.Min(), present.Max());
                result.WithTolerance(options.RangeTolerance);
            }
        }
        else if (column.Type is ColumnType.String or ColumnType.Categorical)
        {
            var labels = FeatureColumns.LabelsOf(column);
            var counts = labels.Counts();
            var seen = labels.Texts.Where((_, k) => counts[k] > 0).ToArray();
            result.DistinctCount = seen.Length;
            if (seen.Length > 0 && seen.Length <= options.MaxCategories)
            {
                result.WithType(ColumnType.Categorical).WithCategories(seen);
            }
            else
            {
                result.WithType(ColumnType.String);
            }
        }
        else
        {
            result.DistinctCount = column.DistinctCount();
        }

        result.ObservedNullFraction = observed;
        result.AllowNulls(observed == 0 ? 0 : Math.Min(1, Math.Max(observed * options.NullFactor, observed + options.NullMargin)));
        if (column.Name == options.Label)
        {
            result.OnlyIn(schema.Environments.Contains(SchemaEnvironments.Training) ? SchemaEnvironments.Training : schema.Environments[0]);
        }

        return result;
    }

    private void CheckEnvironment(string environment)
    {
        if (!Environments.Contains(environment))
        {
            throw new ArgumentException($"the schema knows the environments {string.Join(", ", Environments)}, not '{environment}'.", nameof(environment));
        }
    }
}
