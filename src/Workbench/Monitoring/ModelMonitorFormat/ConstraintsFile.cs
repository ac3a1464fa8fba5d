using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Monitoring.Json;

namespace Workbench.Monitoring.ModelMonitorFormat;

/// <summary>
/// constraints.json in SageMaker Model Monitor's published schema ("Schema for Constraints"): <c>version</c>,
/// <c>features[]</c> with <c>name</c>, <c>inferred_type</c>, <c>completeness</c>, <c>num_constraints.is_non_negative</c>,
/// <c>string_constraints.domains</c>, <c>monitoringConfigOverrides</c>, and <c>monitoring_config</c>. Reading also accepts
/// the spellings seen in AWS samples (<c>monitoring_config_overrides</c>, <c>enable_comparisons</c>, <c>comparion_method</c>,
/// <c>linf_simple</c> / <c>linf_robust</c>).
/// </summary>
internal static class ConstraintsFile
{
    public static MonitoringConstraints Read(string path)
    {
        var root = new JsonReader(path, JsonFile.ReadObject(path));
        var features = root.Objects("features").Select(ReadFeature).ToList();
        var duplicate = features.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw root.Error($"feature '{duplicate.Key}' is listed {duplicate.Count()} times.");
        }

        return new MonitoringConstraints
        {
            Version = root.OptionalDouble("version") ?? 0,
            Features = features,
            Config = root.OptionalObject("monitoring_config") is { } config ? ReadConfig(config) : new MonitoringConfig(),
        };
    }

    public static void Write(MonitoringConstraints constraints, string path) => JsonFile.Write(path, writer => Write(writer, constraints));

    public static void Write(Utf8JsonWriter writer, MonitoringConstraints constraints)
    {
        writer.WriteStartObject();
        writer.WriteNumber("version", constraints.Version);
        writer.WriteStartArray("features");
        foreach (var feature in constraints.Features)
        {
            writer.WriteStartObject();
            writer.WriteString("name", feature.Name);
            writer.WriteString("inferred_type", feature.InferredType.ToString());
            if (feature.Completeness is { } completeness)
            {
                writer.Number("completeness", completeness);
            }

            if (feature.IsNonNegative is { } nonNegative)
            {
                writer.WriteStartObject("num_constraints");
                writer.WriteBoolean("is_non_negative", nonNegative);
                writer.WriteEndObject();
            }

            if (feature.Domains is { } domains)
            {
                writer.WriteStartObject("string_constraints");
                writer.WriteStartArray("domains");
                foreach (var domain in domains)
                {
                    writer.WriteStringValue(domain);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            if (feature.MonitoringConfigOverrides is { } overrides)
            {
                writer.WritePropertyName("monitoringConfigOverrides");
                overrides.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        var config = constraints.Config;
        writer.WriteStartObject("monitoring_config");
        writer.WriteString("evaluate_constraints", Enabled(config.EvaluateConstraints));
        writer.WriteString("emit_metrics", Enabled(config.EmitMetrics));
        writer.WriteNumber("datatype_check_threshold", config.DatatypeCheckThreshold);
        writer.WriteNumber("domain_content_threshold", config.DomainContentThreshold);
        writer.WriteStartObject("distribution_constraints");
        writer.WriteString("perform_comparison", Enabled(config.PerformComparison));
        writer.WriteNumber("comparison_threshold", config.ComparisonThreshold);
        writer.WriteString("comparison_method", config.ComparisonMethod == DistributionComparison.Robust ? "Robust" : "Simple");
        writer.WriteNumber("categorical_comparison_threshold", config.CategoricalComparisonThreshold);
        writer.WriteString("categorical_drift_method", config.CategoricalDriftMethod == CategoricalComparison.ChiSquared ? "ChiSquared" : "LInfinity");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static FeatureConstraint ReadFeature(JsonReader feature)
    {
        var typeText = feature.String("inferred_type");
        if (!Enum.TryParse<InferredType>(typeText, ignoreCase: true, out var type) || int.TryParse(typeText, out _))
        {
            throw feature.Error("inferred_type", "one of Integral, Fractional, String, Unknown");
        }

        var completeness = feature.OptionalDouble("completeness");
        if (completeness is < 0 or > 1)
        {
            throw feature.Error("completeness", "a share between 0 and 1");
        }

        IReadOnlyList<string>? domains = null;
        if (feature.OptionalObject("string_constraints") is { } strings && strings.OptionalArray("domains") is { } array)
        {
            domains = array.Select((d, i) => d is JsonValue v && v.TryGetValue<string>(out var text)
                ? text
                : throw strings.Error($"domains[{i}] must be a string.")).ToList();
        }

        var overrides = feature.Node["monitoringConfigOverrides"] ?? feature.Node["monitoring_config_overrides"];
        if (overrides is not null and not JsonObject)
        {
            throw feature.Error("monitoringConfigOverrides", "an object");
        }

        return new FeatureConstraint
        {
            Name = feature.String("name"),
            InferredType = type,
            Completeness = completeness,
            IsNonNegative = feature.OptionalObject("num_constraints")?.OptionalBool("is_non_negative"),
            Domains = domains,
            MonitoringConfigOverrides = (JsonObject?)overrides?.DeepClone(),
        };
    }

    private static MonitoringConfig ReadConfig(JsonReader config)
    {
        var defaults = new MonitoringConfig();
        var distribution = config.OptionalObject("distribution_constraints");
        var method = distribution?.OptionalString("comparison_method") ?? distribution?.OptionalString("comparion_method");
        var categorical = distribution?.OptionalString("categorical_drift_method");
        return new MonitoringConfig
        {
            EvaluateConstraints = config.OptionalBool("evaluate_constraints") ?? defaults.EvaluateConstraints,
            EmitMetrics = config.OptionalBool("emit_metrics") ?? defaults.EmitMetrics,
            DatatypeCheckThreshold = Share(config, "datatype_check_threshold") ?? defaults.DatatypeCheckThreshold,
            DomainContentThreshold = Share(config, "domain_content_threshold") ?? defaults.DomainContentThreshold,
            PerformComparison = distribution?.OptionalBool("perform_comparison") ?? distribution?.OptionalBool("enable_comparisons") ?? defaults.PerformComparison,
            ComparisonThreshold = distribution is { } d ? Share(d, "comparison_threshold") ?? defaults.ComparisonThreshold : defaults.ComparisonThreshold,
            ComparisonMethod = method?.ToLowerInvariant() switch
            {
                null => defaults.ComparisonMethod,
                "simple" or "linf_simple" => DistributionComparison.Simple,
                "robust" or "linf_robust" => DistributionComparison.Robust,
                _ => throw distribution!.Value.Error("comparison_method", "Simple or Robust (linf_simple or linf_robust)"),
            },
            CategoricalComparisonThreshold = distribution is { } c ? Share(c, "categorical_comparison_threshold") ?? defaults.CategoricalComparisonThreshold : defaults.CategoricalComparisonThreshold,
            CategoricalDriftMethod = categorical?.ToLowerInvariant() switch
            {
                null => defaults.CategoricalDriftMethod,
                "linfinity" => CategoricalComparison.LInfinity,
                "chisquared" => CategoricalComparison.ChiSquared,
                _ => throw distribution!.Value.Error("categorical_drift_method", "LInfinity or ChiSquared"),
            },
        };
    }

    private static double? Share(JsonReader reader, string name)
    {
        var value = reader.OptionalDouble(name);
        return value is < 0 ? throw reader.Error(name, "zero or more") : value;
    }

    private static string Enabled(bool flag) => flag ? "Enabled" : "Disabled";
}
