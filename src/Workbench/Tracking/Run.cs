namespace Workbench.Tracking;

/// <summary>
/// A snapshot of one run as stored: attributes, parameters, the latest value of each metric, tags, dataset
/// inputs and artifacts. Metric histories are read separately (<c>Tracker.GetMetricHistory</c>).
/// </summary>
public sealed record Run(
    RunInfo Info,
    IReadOnlyDictionary<string, ParamValue> Params,
    IReadOnlyDictionary<string, Metric> Metrics,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<DatasetInput> Inputs,
    IReadOnlyList<ArtifactEntry> Artifacts)
{
    public string RunId => Info.RunId;

    /// <summary>The latest value of <paramref name="key"/>, or null when the run never logged it.</summary>
    public double? Metric(string key) => Metrics.TryGetValue(key, out var metric) ? metric.Value : null;

    /// <summary>The canonical text of parameter <paramref name="key"/>, or null.</summary>
    public string? Param(string key) => Params.TryGetValue(key, out var value) ? value.Text : null;

    /// <summary>The tag <paramref name="key"/>, or null.</summary>
    public string? Tag(string key) => Tags.TryGetValue(key, out var value) ? value : null;
}
