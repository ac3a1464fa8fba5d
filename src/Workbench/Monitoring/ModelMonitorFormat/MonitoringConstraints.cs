namespace Workbench.Monitoring.ModelMonitorFormat;

/// <summary>The content of a constraints.json file: per-feature constraints and the monitoring configuration.</summary>
public sealed record MonitoringConstraints
{
    public double Version { get; init; }

    public required IReadOnlyList<FeatureConstraint> Features { get; init; }

    public MonitoringConfig Config { get; init; } = new();

    /// <summary>The constraint of feature <paramref name="name"/>, or null.</summary>
    public FeatureConstraint? Find(string name) => Features.FirstOrDefault(f => f.Name == name);

    /// <summary>Reads constraints.json (ours or Model Monitor's; both key spellings the documentation shows are accepted).</summary>
    public static MonitoringConstraints Load(string path) => ConstraintsFile.Read(path);

    /// <summary>Writes constraints.json atomically in Model Monitor's published layout.</summary>
    public void Save(string path) => ConstraintsFile.Write(this, path);
}
