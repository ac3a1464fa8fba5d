namespace Workbench.Tracking;

/// <summary>A named group of runs.</summary>
public sealed record Experiment(long Id, string Name, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, string> Tags);
