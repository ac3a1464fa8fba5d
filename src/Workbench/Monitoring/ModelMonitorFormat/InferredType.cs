namespace Workbench.Monitoring.ModelMonitorFormat;

/// <summary>Model Monitor's <c>inferred_type</c> of a feature.</summary>
public enum InferredType
{
    Integral,
    Fractional,
    String,
    Unknown,
}
