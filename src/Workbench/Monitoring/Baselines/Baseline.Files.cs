using System.Globalization;
using System.Text.Json;
using Workbench.Data;
using Workbench.Data.Io;
using Workbench.Monitoring.Json;
using Workbench.Monitoring.ModelMonitorFormat;
using Workbench.Monitoring.Statistics;

namespace Workbench.Monitoring.Baselines;

public sealed partial class Baseline
{
    /// <summary>Workbench's own baseline file.</summary>
    public const string BaselineFileName = "baseline.json";

    /// <summary>Model Monitor's statistics file.</summary>
    public const string StatisticsFileName = "statistics.json";

    /// <summary>Model Monitor's constraints file.</summary>
    public const string ConstraintsFileName = "constraints.json";

    /// <summary>The reference rows kept for the drift tests.</summary>
    public const string ReferenceFileName = "reference.csv";

    private const string FormatName = "workbench-monitoring-baseline";
    private const int FormatVersion = 1;

    /// <summary>
    /// Writes <c>baseline.json</c>, <c>statistics.json</c>, <c>constraints.json</c> and <c>reference.csv</c> into
    /// <paramref name="folder"/>, each atomically (a reader sees the old file or the new one, never half of one);
    /// baseline.json records the SHA-256 of reference.csv, checked on load.
    /// </summary>
    public void Save(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        Directory.CreateDirectory(folder);
        string? referenceChecksum = null;
        if (Reference is not null)
        {
            var referencePath = Path.Combine(folder, ReferenceFileName);
            Reference.WriteCsv(referencePath);
            referenceChecksum = DatasetFingerprint.OfFile(referencePath);
        }

        JsonFile.Write(Path.Combine(folder, StatisticsFileName), writer => StatisticsFile.Write(writer, RowCount, Columns));
        Constraints.Save(Path.Combine(folder, ConstraintsFileName));
        JsonFile.Write(Path.Combine(folder, BaselineFileName), writer => WriteBaseline(writer, referenceChecksum));
    }

    /// <summary>
    /// Reads a baseline folder: Workbench's (baseline.json, with reference.csv and the constraints.json beside it, so
    /// edits to constraints.json take effect), or SageMaker Model Monitor's (statistics.json and constraints.json only).
    /// </summary>
    public static Baseline Load(string folder, BaselineOptions? roles = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"baseline folder {folder} does not exist.");
        }

        var ours = Path.Combine(folder, BaselineFileName);
        var statistics = Path.Combine(folder, StatisticsFileName);
        var constraints = Path.Combine(folder, ConstraintsFileName);
        if (File.Exists(ours))
        {
            try
            {
                return ReadOurs(folder, ours, constraints);
            }
            catch (Exception e) when (e is InvalidOperationException or NullReferenceException or IndexOutOfRangeException or ArgumentException or OverflowException)
            {
                throw new MonitoringFormatException($"{ours}: {e.Message}", e);
            }
        }

        if (File.Exists(statistics))
        {
            return FromModelMonitor(statistics, File.Exists(constraints) ? constraints : null, roles);
        }

        throw new FileNotFoundException($"{folder} holds neither {BaselineFileName} (a Workbench baseline) nor {StatisticsFileName} (a SageMaker Model Monitor baseline).");
    }

    /// <summary>
    /// A baseline from Model Monitor's statistics.json (and constraints.json when given): distributions from the KLL
    /// sketches and category buckets, no reference rows, so drift is measured by Model Monitor's L-infinity distance.
    /// <paramref name="roles"/> names the target, prediction, timestamp and identifier columns, which the files do not.
    /// </summary>
    public static Baseline FromModelMonitor(string statisticsPath, string? constraintsPath = null, BaselineOptions? roles = null)
    {
        roles ??= new BaselineOptions();
        var (items, columns) = StatisticsFile.Read(statisticsPath);
        columns = columns.Select(c => c with { Role = RoleOf(c.Name, roles) }).ToList();
        var constraints = constraintsPath is null ? ConstraintSuggestion.For(columns, roles) : MonitoringConstraints.Load(constraintsPath);
        return new Baseline(columns, items > 0 ? items : columns.Select(c => c.Rows).DefaultIfEmpty(0).Max(), null, constraints, roles)
        {
            Source = "model-monitor",
            CreatedAt = File.GetLastWriteTimeUtc(statisticsPath),
            ModelMetrics = roles.ModelMetrics ?? new Dictionary<string, double>(),
        };
    }

    private void WriteBaseline(Utf8JsonWriter writer, string? referenceChecksum)
    {
        writer.WriteStartObject();
        writer.WriteString("format", FormatName);
        writer.WriteNumber("version", FormatVersion);
        writer.WriteString("created_utc", CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        writer.WriteString("source", Source);
        writer.WriteNumber("rows", RowCount);
        writer.Number("duplicate_row_share", DuplicateRowShare);
        if (Fingerprint is not null)
        {
            writer.WriteString("fingerprint", Fingerprint);
        }

        if (Reference is not null)
        {
            writer.WriteStartObject("reference");
            writer.WriteString("file", ReferenceFileName);
            writer.WriteNumber("rows", Reference.RowCount);
            writer.WriteString("sha256", referenceChecksum);
            writer.WriteEndObject();
        }

        writer.WriteStartObject("options");
        WriteOptionalString(writer, "target", Options.Target);
        WriteOptionalString(writer, "prediction", Options.Prediction);
        WriteOptionalString(writer, "timestamp", Options.Timestamp);
        WriteOptionalString(writer, "positive_label", Options.PositiveLabel);
        WriteStrings(writer, "id_columns", Options.IdColumns);
        WriteStrings(writer, "exclude", Options.Exclude);
        if (Options.CaptureColumns is not null)
        {
            WriteStrings(writer, "capture_columns", Options.CaptureColumns);
        }

        writer.WriteNumber("max_categories", Options.MaxCategories);
        writer.WriteNumber("max_categorical_distinct", Options.MaxCategoricalDistinct);
        writer.WriteNumber("max_domain_size", Options.MaxDomainSize);
        writer.WriteNumber("max_reference_rows", Options.MaxReferenceRows);
        writer.WriteNumber("seed", Options.Seed);
        writer.WriteNumber("sketch_k", Options.SketchK);
        writer.WriteNumber("histogram_buckets", Options.HistogramBuckets);
        writer.WriteNumber("missing_share_growth", Options.MissingShareGrowth);
        writer.WriteNumber("missing_share_slack", Options.MissingShareSlack);
        writer.WriteEndObject();

        writer.WriteStartObject("model_metrics");
        foreach (var (name, value) in ModelMetrics.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.Number(name, value);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("columns");
        foreach (var column in Columns)
        {
            WriteColumn(writer, column);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteColumn(Utf8JsonWriter writer, ColumnBaseline column)
    {
        writer.WriteStartObject();
        writer.WriteString("name", column.Name);
        writer.WriteString("type", column.Type.DisplayName());
        writer.WriteString("kind", column.Kind.ToString());
        writer.WriteString("role", column.Role.ToString());
        writer.WriteNumber("rows", column.Rows);
        writer.WriteNumber("missing", column.Missing);
        writer.WriteNumber("distinct", column.Distinct);
        if (!column.Required)
        {
            writer.WriteBoolean("required", false);
        }

        if (column.AllowedRange is { } range)
        {
            writer.WriteStartArray("allowed_range");
            writer.Number(range.Low);
            writer.Number(range.High);
            writer.WriteEndArray();
        }

        if (column.MinTime is { } minTime)
        {
            writer.WriteString("min_time", DateTimeColumn.FormatIso(minTime));
        }

        if (column.MaxTime is { } maxTime)
        {
            writer.WriteString("max_time", DateTimeColumn.FormatIso(maxTime));
        }

        if (column.Numeric is { } numeric)
        {
            writer.WriteStartObject("numeric");
            writer.Number("min", numeric.Min);
            writer.Number("max", numeric.Max);
            writer.Number("mean", numeric.Mean);
            writer.Number("sum", numeric.Sum);
            writer.Number("std_dev", numeric.StdDev);
            writer.WriteBoolean("integral", numeric.Integral);
            writer.WriteNumber("distinct", numeric.Distinct);
            writer.WriteNumber("non_finite", numeric.NonFinite);
            writer.WriteStartObject("quantiles");
            foreach (var (label, value) in numeric.Quantiles)
            {
                writer.Number(label, value);
            }

            writer.WriteEndObject();
            writer.WriteStartArray("histogram");
            foreach (var bucket in numeric.Histogram)
            {
                writer.WriteStartArray();
                writer.Number(bucket.LowerBound);
                writer.Number(bucket.UpperBound);
                writer.WriteNumberValue(bucket.Count);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteStartObject("sketch");
            writer.WriteNumber("k", numeric.Sketch.K);
            writer.WriteNumber("c", numeric.Sketch.C);
            StatisticsFile.WriteSketchData(writer, numeric.Sketch);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        if (column.Categories is { } categories)
        {
            writer.WriteStartObject("categories");
            writer.WriteNumber("distinct", categories.Distinct);
            writer.WriteNumber("other", categories.Other);
            writer.WriteStartArray("counts");
            foreach (var (label, count) in categories.Counts)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(label);
                writer.WriteNumberValue(count);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static Baseline ReadOurs(string folder, string path, string constraintsPath)
    {
        var root = new JsonReader(path, JsonFile.ReadObject(path));
        if (root.OptionalString("format") != FormatName)
        {
            throw root.Error("format", $"\"{FormatName}\"");
        }

        var version = root.Long("version");
        if (version > FormatVersion)
        {
            throw root.Error($"version {version} was written by a newer Workbench (this one reads up to {FormatVersion}).");
        }

        var optionsNode = root.Object("options");
        var options = new BaselineOptions
        {
            Target = optionsNode.OptionalString("target"),
            Prediction = optionsNode.OptionalString("prediction"),
            Timestamp = optionsNode.OptionalString("timestamp"),
            PositiveLabel = optionsNode.OptionalString("positive_label"),
            IdColumns = Strings(optionsNode, "id_columns"),
            Exclude = Strings(optionsNode, "exclude"),
            CaptureColumns = optionsNode.Has("capture_columns") ? Strings(optionsNode, "capture_columns") : null,
            MaxCategories = (int)optionsNode.Long("max_categories"),
            MaxCategoricalDistinct = (int)optionsNode.Long("max_categorical_distinct"),
            MaxDomainSize = (int)optionsNode.Long("max_domain_size"),
            MaxReferenceRows = (int)optionsNode.Long("max_reference_rows"),
            Seed = (int)optionsNode.Long("seed"),
            SketchK = (int)optionsNode.Long("sketch_k"),
            HistogramBuckets = (int)optionsNode.Long("histogram_buckets"),
            MissingShareGrowth = optionsNode.Double("missing_share_growth"),
            MissingShareSlack = optionsNode.Double("missing_share_slack"),
        };
        var columns = root.Objects("columns").Select(ReadColumn).ToList();

        Frame? reference = null;
        if (root.OptionalObject("reference") is { } referenceNode)
        {
            var referencePath = Path.Combine(folder, referenceNode.String("file"));
            if (!File.Exists(referencePath))
            {
                throw new FileNotFoundException($"{referencePath} is missing: {path} expects the reference rows there.", referencePath);
            }

            var expected = referenceNode.String("sha256");
            var actual = DatasetFingerprint.OfFile(referencePath);
            if (actual != expected)
            {
                throw new MonitoringFormatException($"{referencePath} has checksum {actual} but {path} recorded {expected}: the reference rows were changed or damaged; fit the baseline again.");
            }

            reference = Frame.ReadCsv(referencePath, new CsvReadOptions
            {
                ColumnTypes = columns.ToDictionary(c => c.Name, c => c.Type),
                InferCategoricals = false,
            });
        }

        var constraints = File.Exists(constraintsPath) ? MonitoringConstraints.Load(constraintsPath) : ConstraintSuggestion.For(columns, options);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in root.Object("model_metrics").Node)
        {
            metrics[name] = value is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<double>(out var number) ? number : double.NaN;
        }

        return new Baseline(columns, root.Long("rows"), reference, constraints, options)
        {
            DuplicateRowShare = root.OptionalDouble("duplicate_row_share") ?? 0,
            Fingerprint = root.OptionalString("fingerprint"),
            CreatedAt = DateTimeOffset.Parse(root.String("created_utc"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            Source = root.OptionalString("source") ?? "workbench",
            ModelMetrics = metrics,
        };
    }

    private static ColumnBaseline ReadColumn(JsonReader node)
    {
        var name = node.String("name");
        ColumnType type;
        FeatureKind kind;
        ColumnRole role;
        try
        {
            type = ColumnTypeNames.Parse(node.String("type"));
            kind = Enum.Parse<FeatureKind>(node.String("kind"));
            role = Enum.Parse<ColumnRole>(node.String("role"));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw node.Error($"column '{name}': {e.Message}");
        }

        NumericBaseline? numeric = null;
        if (node.OptionalObject("numeric") is { } n)
        {
            var sketchNode = n.Object("sketch");
            var levels = (sketchNode.OptionalArray("data") ?? []).Select((level, h) => (IReadOnlyList<double>)(level as System.Text.Json.Nodes.JsonArray
                ?? throw sketchNode.Error($"data[{h}] must be an array.")).Select(item => item!.GetValue<double>()).ToList()).ToList();
            numeric = new NumericBaseline
            {
                Min = n.OptionalDouble("min") ?? double.NaN,
                Max = n.OptionalDouble("max") ?? double.NaN,
                Mean = n.OptionalDouble("mean") ?? double.NaN,
                Sum = n.OptionalDouble("sum") ?? double.NaN,
                StdDev = n.OptionalDouble("std_dev") ?? double.NaN,
                Integral = n.OptionalBool("integral") ?? false,
                Distinct = n.Long("distinct"),
                NonFinite = n.Long("non_finite"),
                Quantiles = n.Object("quantiles").Node.ToDictionary(p => p.Key, p => p.Value is null ? double.NaN : p.Value.GetValue<double>()),
                Histogram = (n.OptionalArray("histogram") ?? []).Select(b => new HistogramBucket(b![0]!.GetValue<double>(), b[1]!.GetValue<double>(), b[2]!.GetValue<long>())).ToList(),
                Sketch = KllSketch.FromLevels((int)sketchNode.Long("k"), sketchNode.Double("c"), levels),
            };
        }

        CategoryBaseline? categories = null;
        if (node.OptionalObject("categories") is { } c)
        {
            categories = new CategoryBaseline
            {
                Distinct = c.Long("distinct"),
                Other = c.Long("other"),
                Counts = (c.OptionalArray("counts") ?? []).Select(p => new KeyValuePair<string, long>(p![0]!.GetValue<string>(), p[1]!.GetValue<long>())).ToList(),
            };
        }

        return new ColumnBaseline
        {
            Name = name,
            Type = type,
            Kind = kind,
            Role = role,
            Rows = node.Long("rows"),
            Missing = node.Long("missing"),
            Distinct = node.Long("distinct"),
            Required = node.OptionalBool("required") ?? true,
            AllowedRange = node.OptionalArray("allowed_range") is { Count: 2 } range
                ? (range[0]?.GetValue<double>() ?? double.NegativeInfinity, range[1]?.GetValue<double>() ?? double.PositiveInfinity)
                : null,
            MinTime = node.OptionalString("min_time") is { } min ? DateTime.Parse(min, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null,
            MaxTime = node.OptionalString("max_time") is { } max ? DateTime.Parse(max, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null,
            Numeric = numeric,
            Categories = categories,
        };
    }

    private static IReadOnlyList<string> Strings(JsonReader node, string name) =>
        (node.OptionalArray(name) ?? []).Select((item, i) => item is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var text)
            ? text
            : throw node.Error($"{name}[{i}] must be a string.")).ToList();

    private static void WriteOptionalString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
