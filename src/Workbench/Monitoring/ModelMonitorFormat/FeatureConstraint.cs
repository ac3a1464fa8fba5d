using System.Text.Json.Nodes;

namespace Workbench.Monitoring.ModelMonitorFormat;

/// <summary>One feature of constraints.json: its type, required completeness, numeric and string constraints.</summary>
public sealed record FeatureConstraint
{
    public required string Name { get; init; }

    public required InferredType InferredType { get; init; }

    /// <summary>The share of non-null values required (1.0: never missing).</summary>
    public double? Completeness { get; init; }

    /// <summary>Whether every value must be zero or more; null when there is no numeric constraint.</summary>
    public bool? IsNonNegative { get; init; }

    /// <summary>The labels allowed (Model Monitor lists them for features of small cardinality); null when any label is allowed.</summary>
    public IReadOnlyList<string>? Domains { get; init; }

    /// <summary>Per-feature overrides of <see cref="MonitoringConfig"/>, kept as read.</summary>
    public JsonObject? MonitoringConfigOverrides { get; init; }
}
