namespace Workbench.Tracking;

/// <summary>The background writer could not store queued metrics; they stay queued and are retried.</summary>
public sealed class MetricFlushException(string message, Exception inner) : IOException(message, inner);
