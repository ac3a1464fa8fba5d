namespace Workbench.Tracking;

/// <summary>One metric observation: a value at a training step and a time. NaN and infinities are kept.</summary>
public readonly record struct Metric(string Key, double Value, long Step, DateTimeOffset Timestamp);
