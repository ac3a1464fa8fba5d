using System.Text;
using Workbench.Data;
using Workbench.Data.Io;
using Workbench.Features.Persistence;

namespace Workbench.Features.Validation;

public sealed partial class DataSchema
{
    /// <summary>The <c>format</c> field of a saved schema.</summary>
    public const string FormatName = "workbench.data-schema";

    /// <summary>The <c>version</c> this library writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>Writes the schema as JSON (format <c>workbench.data-schema</c>, version 1), atomically; the same schema always gives the same bytes.</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = Document().ToUtf8();
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    public string ToJson() => Document().ToString();

    /// <summary>Reads a saved schema; an unknown format or version, or a bad field, fails naming the file and JSON path.</summary>
    public static DataSchema Load(string path)
    {
        return Parse(StateReader.ReadFile(path, "data schema"), path);
    }

    public static DataSchema FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json), "data schema JSON");
    }

    private JsonState Document() => new JsonState()
        .Set("format", FormatName)
        .Set("version", FormatVersion)
        .Set("environments", Environments)
        .Set("inferred_from_rows", InferredFromRows is { } rows ? rows : null)
        .Set("columns", _columns.Select(c => new JsonState()
            .Set("name", c.Name)
            .Set("type", c.Type.DisplayName())
            .Set("required", c.Required)
            .Set("environments", c.Environments)
            .Set("max_null_fraction", c.MaxNullFraction)
            .Set("min", c.Min)
            .Set("max", c.Max)
            .Set("range_tolerance", c.RangeTolerance)
            .Set("categories", c.Categories)
            .Set("distinct_count", c.DistinctCount is { } d ? d : null)
            .Set("observed_null_fraction", c.ObservedNullFraction)));

    private static DataSchema Parse(byte[] utf8, string source)
    {
        var root = StateReader.Parse(utf8, source, out var json);
        using (json)
        {
            root.CheckFormat(FormatName, FormatVersion, "data schema");

            root.OnlyKnown("format", "version", "environments", "inferred_from_rows", "columns");
            var environments = root.StringArray("environments");
            if (environments.Length == 0)
            {
                throw root.Fail("environments", "a schema needs at least one environment");
            }

            var schema = new DataSchema(environments) { InferredFromRows = root.Has("inferred_from_rows") ? root.Int32("inferred_from_rows", 0) : null };
            foreach (var item in root.Objects("columns"))
            {
                var column = ReadColumn(item, environments);
                if (schema.Contains(column.Name))
                {
                    throw item.Fail("name", $"column '{column.Name}' is listed twice");
                }

                schema._columns.Add(column);
            }

            return schema;
        }
    }

    private static ColumnSchema ReadColumn(StateReader item, string[] environments)
    {
        item.OnlyKnown("name", "type", "required", "environments", "max_null_fraction", "min", "max", "range_tolerance", "categories", "distinct_count", "observed_null_fraction");
        var name = item.String("name");
        var type = item.Parse("type", item.String("type"), ColumnTypeNames.Parse);
        var column = new ColumnSchema(name, type);
        try
        {
            column.AllowNulls(item.Double("max_null_fraction"));
            column.WithTolerance(item.Double("range_tolerance"));
        }
        catch (ArgumentException e)
        {
            throw item.Fail(null, e.Message);
        }

        if (!item.Bool("required"))
        {
            column.Optional();
        }

        if (item.Has("environments"))
        {
            var own = item.StringArray("environments");
            foreach (var environment in own.Where(e => !environments.Contains(e)))
            {
                throw item.Fail("environments", $"'{environment}' is not one of the schema's environments ({string.Join(", ", environments)})");
            }

            column.OnlyIn(own);
        }

        var min = item.OptionalDouble("min");
        var max = item.OptionalDouble("max");
        if ((min is not null || max is not null) && !column.IsNumeric)
        {
            throw item.Fail("min", $"a range applies to float64 and int64 columns, not {column.Type.DisplayName()}");
        }

        if (min is { } lo && max is { } hi && !(lo <= hi))
        {
            throw item.Fail("max", $"the range [{lo}, {hi}] is empty");
        }

        column.SetRangeUnchecked(min, max);
        if (item.Has("categories"))
        {
            if (column.Type is not (ColumnType.Categorical or ColumnType.String))
            {
                throw item.Fail("categories", $"categories apply to category and string columns, not {column.Type.DisplayName()}");
            }

            column.WithCategories(item.StringArray("categories"));
        }

        column.DistinctCount = item.Has("distinct_count") ? item.Int32("distinct_count", 0) : null;
        column.ObservedNullFraction = item.OptionalDouble("observed_null_fraction");
        return column;
    }
}
