namespace Workbench.Learning.Metrics;

/// <summary>How per-class scores combine, as scikit-learn's <c>average=</c>.</summary>
public enum Average
{
    /// <summary>Only the positive class of a two-class problem.</summary>
    Binary,

    /// <summary>Unweighted mean over classes.</summary>
    Macro,

    /// <summary>Global counts (precision = recall = F1 = accuracy for single-label data).</summary>
    Micro,

    /// <summary>Mean over classes weighted by their support (true count).</summary>
    Weighted,
}
