using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Data;
using Workbench.Monitoring.Baselines;
using Workbench.Monitoring.Json;
using Workbench.Monitoring.Statistics;

namespace Workbench.Monitoring.ModelMonitorFormat;

/// <summary>
/// statistics.json in SageMaker Model Monitor's published schema ("Schema for Statistics"): <c>version</c>,
/// <c>dataset.item_count</c>, and per feature <c>name</c>, <c>inferred_type</c> and either <c>numerical_statistics</c>
/// (<c>common.num_present / num_missing</c>, <c>mean</c>, <c>sum</c>, <c>std_dev</c>, <c>min</c>, <c>max</c>,
/// <c>distribution.kll.buckets[] {lower_bound, upper_bound, count}</c> and <c>distribution.kll.sketch {parameters {c, k}, data}</c>)
/// or <c>string_statistics</c> (<c>common</c>, <c>distinct_count</c>, <c>distribution.categorical.buckets[] {value, count}</c>).
/// </summary>
internal static class StatisticsFile
{
    public static InferredType InferredTypeOf(ColumnBaseline column) => column.Kind switch
    {
        FeatureKind.Numeric => column.Numeric is { Integral: true } ? InferredType.Integral : InferredType.Fractional,
        FeatureKind.Categorical or FeatureKind.Boolean or FeatureKind.Text or FeatureKind.DateTime or FeatureKind.Identifier => InferredType.String,
        _ => InferredType.Unknown,
    };

    public static void Write(Utf8JsonWriter writer, long itemCount, IEnumerable<ColumnBaseline> columns)
    {
        writer.WriteStartObject();
        writer.WriteNumber("version", 0.0);
        writer.WriteStartObject("dataset");
        writer.WriteNumber("item_count", itemCount);
        writer.WriteEndObject();
        writer.WriteStartArray("features");
        foreach (var column in columns)
        {
            writer.WriteStartObject();
            writer.WriteString("name", column.Name);
            writer.WriteString("inferred_type", InferredTypeOf(column).ToString());
            if (column.Numeric is { } numeric)
            {
                writer.WriteStartObject("numerical_statistics");
                WriteCommon(writer, column);
                writer.Number("mean", numeric.Mean);
                writer.Number("sum", numeric.Sum);
                writer.Number("std_dev", numeric.StdDev);
                writer.Number("min", numeric.Min);
                writer.Number("max", numeric.Max);
                writer.WriteStartObject("distribution");
                writer.WriteStartObject("kll");
                writer.WriteStartArray("buckets");
                foreach (var bucket in numeric.Histogram)
                {
                    writer.WriteStartObject();
                    writer.Number("lower_bound", bucket.LowerBound);
                    writer.Number("upper_bound", bucket.UpperBound);
                    writer.WriteNumber("count", bucket.Count);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteStartObject("sketch");
                writer.WriteStartObject("parameters");
                writer.WriteNumber("c", numeric.Sketch.C);
                writer.WriteNumber("k", numeric.Sketch.K);
                writer.WriteEndObject();
                WriteSketchData(writer, numeric.Sketch);
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteStartObject("string_statistics");
                WriteCommon(writer, column);
                writer.WriteNumber("distinct_count", column.Distinct);
                if (column.Categories is { } categories)
                {
                    writer.WriteStartObject("distribution");
                    writer.WriteStartObject("categorical");
                    writer.WriteStartArray("buckets");
                    foreach (var (value, count) in categories.Counts)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("value", value);
                        writer.WriteNumber("count", count);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes a KLL sketch's levels as Model Monitor's <c>sketch.data</c>: one array of items per level, level 0 first.</summary>
    internal static void WriteSketchData(Utf8JsonWriter writer, Statistics.KllSketch sketch)
    {
        writer.WriteStartArray("data");
        foreach (var level in sketch.Levels)
        {
            writer.WriteStartArray();
            foreach (var item in level)
            {
                writer.Number(item);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    /// <summary>Reads statistics.json into column baselines (kinds from inferred types; every column a feature) and the item count.</summary>
    public static (long ItemCount, List<ColumnBaseline> Columns) Read(string path)
    {
        var root = new JsonReader(path, JsonFile.ReadObject(path));
        var itemCount = root.OptionalObject("dataset")?.Long("item_count") ?? 0;
        var columns = new List<ColumnBaseline>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var feature in root.Objects("features"))
        {
            var name = feature.String("name");
            if (!names.Add(name))
            {
                throw feature.Error($"feature '{name}' is listed twice.");
            }

            var typeText = feature.String("inferred_type");
            if (!Enum.TryParse<InferredType>(typeText, ignoreCase: true, out var type) || int.TryParse(typeText, out _))
            {
                throw feature.Error("inferred_type", "one of Integral, Fractional, String, Unknown");
            }

            columns.Add(type is InferredType.Integral or InferredType.Fractional
                ? ReadNumeric(name, type, feature.Object("numerical_statistics"))
                : ReadString(name, type, feature.OptionalObject("string_statistics")));
        }

        return (itemCount, columns);
    }

    private static ColumnBaseline ReadNumeric(string name, InferredType type, JsonReader statistics)
    {
        var (present, missing) = ReadCommon(statistics);
        var distribution = statistics.OptionalObject("distribution")?.OptionalObject("kll");
        var buckets = distribution?.Has("buckets") == true
            ? distribution.Value.Objects("buckets").Select(b => new HistogramBucket(b.Double("lower_bound"), b.Double("upper_bound"), (long)Math.Round(b.Double("count")))).ToList()
            : [];
        KllSketch sketch;
        if (distribution?.OptionalObject("sketch") is { } sketchNode)
        {
            var parameters = sketchNode.Object("parameters");
            var k = parameters.Double("k");
            var c = parameters.Double("c");
            var data = sketchNode.OptionalArray("data") ?? [];
            var levels = new List<IReadOnlyList<double>>();
            for (var h = 0; h < data.Count; h++)
            {
                if (data[h] is not JsonArray level)
                {
                    throw sketchNode.Error($"data[{h}] must be an array of numbers.");
                }

                levels.Add(level.Select((item, i) => item is JsonValue v && v.TryGetValue<double>(out var value)
                    ? value
                    : throw sketchNode.Error($"data[{h}][{i}] must be a number.")).ToList());
            }

            try
            {
                sketch = KllSketch.FromLevels((int)k, c, levels);
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                throw sketchNode.Error(e.Message);
            }
        }
        else
        {
            sketch = new KllSketch();
        }

        var min = statistics.OptionalDouble("min") ?? double.NaN;
        var max = statistics.OptionalDouble("max") ?? double.NaN;
        var quantiles = new Dictionary<string, double>();
        if (sketch.Count > 0)
        {
            foreach (var (label, q) in NumericSummaries.QuantileLevels)
            {
                quantiles[label] = sketch.Quantile(q);
            }
        }

        return new ColumnBaseline
        {
            Name = name,
            Type = type == InferredType.Integral ? ColumnType.Int64 : ColumnType.Double,
            Kind = FeatureKind.Numeric,
            Role = ColumnRole.Feature,
            Rows = present + missing,
            Missing = missing,
            Distinct = sketch.WeightedItems().Select(i => i.Value).Distinct().LongCount(),
            Numeric = new NumericBaseline
            {
                Min = min,
                Max = max,
                Mean = statistics.OptionalDouble("mean") ?? double.NaN,
                Sum = statistics.OptionalDouble("sum") ?? double.NaN,
                StdDev = statistics.OptionalDouble("std_dev") ?? double.NaN,
                Integral = type == InferredType.Integral,
                Distinct = sketch.WeightedItems().Select(i => i.Value).Distinct().LongCount(),
                Quantiles = quantiles,
                Histogram = buckets,
                Sketch = sketch,
            },
        };
    }

    private static ColumnBaseline ReadString(string name, InferredType type, JsonReader? statistics)
    {
        var (present, missing) = statistics is { } s ? ReadCommon(s) : (0, 0);
        var buckets = statistics?.OptionalObject("distribution")?.OptionalObject("categorical");
        CategoryBaseline? categories = null;
        if (buckets is { } categorical && categorical.Has("buckets"))
        {
            var counts = categorical.Objects("buckets")
                .Select(b => new KeyValuePair<string, long>(b.Node["value"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : b.Node["value"]?.ToJsonString() ?? throw b.Error("value", "a label"), (long)Math.Round(b.Double("count"))))
                .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
                .ToList();
            var listed = counts.Sum(p => p.Value);
            categories = new CategoryBaseline { Distinct = Math.Max(counts.Count, statistics!.Value.Has("distinct_count") ? statistics.Value.Long("distinct_count") : 0), Counts = counts, Other = Math.Max(0, present - listed) };
        }

        return new ColumnBaseline
        {
            Name = name,
            Type = ColumnType.String,
            Kind = categories is null || type == InferredType.Unknown ? FeatureKind.Text : FeatureKind.Categorical,
            Role = ColumnRole.Feature,
            Rows = present + missing,
            Missing = missing,
            Distinct = statistics is { } st && st.Has("distinct_count") ? st.Long("distinct_count") : categories?.Counts.Count ?? 0,
            Categories = categories,
        };
    }

    private static (long Present, long Missing) ReadCommon(JsonReader statistics)
    {
        var common = statistics.Object("common");
        return (common.Long("num_present"), common.Long("num_missing"));
    }

    private static void WriteCommon(Utf8JsonWriter writer, ColumnBaseline column)
    {
        writer.WriteStartObject("common");
        writer.WriteNumber("num_present", column.Present);
        writer.WriteNumber("num_missing", column.Missing);
        writer.WriteEndObject();
    }
}
