using System.Globalization;
using System.Text.Json;
using Workbench.Monitoring.Json;

namespace Workbench.Monitoring.ModelMonitorFormat;

/// <summary>Model Monitor's constraint check types, as written in constraint_violations.json.</summary>
public static class ConstraintCheckTypes
{
    public const string DataType = "data_type_check";
    public const string Completeness = "completeness_check";
    public const string BaselineDrift = "baseline_drift_check";
    public const string MissingColumn = "missing_column_check";
    public const string ExtraColumn = "extra_column_check";
    public const string CategoricalValues = "categorical_values_check";

    public static IReadOnlyList<string> All { get; } = [DataType, Completeness, BaselineDrift, MissingColumn, ExtraColumn, CategoricalValues];
}

/// <summary>One entry of constraint_violations.json: the feature, the check type and Model Monitor's description.</summary>
public sealed record ConstraintViolation(string FeatureName, string ConstraintCheckType, string Description)
{
    /// <summary>Model Monitor's wording for a value that fails its check: "Value: 0.4994994994994995 does not meet the constraint requirement! ".</summary>
    public static string ValueDescription(double value) => $"Value: {JavaDouble(value)} does not meet the constraint requirement! ";

    /// <summary>Model Monitor's wording for columns missing from the current dataset.</summary>
    public static string MissingColumnsDescription(int current, int baseline) =>
        $"There are missing columns in current dataset. Number of columns in current dataset: {current}, Number of columns in baseline constraints: {baseline}";

    /// <summary>Model Monitor's wording for columns the baseline does not know.</summary>
    public static string ExtraColumnsDescription(int current, int baseline) =>
        $"There are extra columns in current dataset. Number of columns in current dataset: {current}, Number of columns in baseline constraints: {baseline}";

    /// <summary>Reads constraint_violations.json.</summary>
    public static IReadOnlyList<ConstraintViolation> Load(string path)
    {
        var root = new JsonReader(path, JsonFile.ReadObject(path));
        return root.Objects("violations").Select(v =>
        {
            var type = v.String("constraint_check_type");
            if (!ConstraintCheckTypes.All.Contains(type))
            {
                throw v.Error("constraint_check_type", $"one of {string.Join(", ", ConstraintCheckTypes.All)}");
            }

            return new ConstraintViolation(v.String("feature_name"), type, v.String("description"));
        }).ToList();
    }

    /// <summary>Writes constraint_violations.json atomically (an empty list when nothing failed, as Model Monitor writes).</summary>
    public static void Save(IEnumerable<ConstraintViolation> violations, string path) => JsonFile.Write(path, writer => Write(writer, violations));

    public static void Write(Utf8JsonWriter writer, IEnumerable<ConstraintViolation> violations)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("violations");
        foreach (var violation in violations)
        {
            writer.WriteStartObject();
            writer.WriteString("feature_name", violation.FeatureName);
            writer.WriteString("constraint_check_type", violation.ConstraintCheckType);
            writer.WriteString("description", violation.Description);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>A double as Java's Double.toString writes the usual cases (Model Monitor's job runs on the JVM): shortest round trip, ".0" on whole numbers.</summary>
    private static string JavaDouble(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') || !double.IsFinite(value) ? text : text + ".0";
    }
}
