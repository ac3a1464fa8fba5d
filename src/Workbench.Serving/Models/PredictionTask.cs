namespace Workbench.Serving.Models;

/// <summary>What a served model returns per row.</summary>
public enum PredictionTask
{
    /// <summary>A class label, and class probabilities on request.</summary>
    Classification,

    /// <summary>One number.</summary>
    Regression,

    /// <summary>A bare network's raw output vector.</summary>
    Network,
}
