namespace Workbench.Monitoring.Json;

/// <summary>A monitoring file (baseline, statistics, constraints, violations, report, capture) that does not read: the message names the file and the field.</summary>
public sealed class MonitoringFormatException : FormatException
{
    public MonitoringFormatException(string message)
        : base(message)
    {
    }

    public MonitoringFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
