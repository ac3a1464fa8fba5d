namespace Workbench.Learning.Experiments;

/// <summary>What the step of an epoch metric logged by <see cref="TrackingCallback"/> counts.</summary>
public enum MetricStep
{
    /// <summary>The epoch number, from 1 (Keras' and MLflow autolog's convention): one point per epoch, epochs on the x axis.</summary>
    Epoch,

    /// <summary>
    /// The optimizer steps taken so far (the global batch number, from 1; Lightning's convention), so epoch metrics
    /// share an axis with the per-batch <c>batch_loss</c> and runs with different batch sizes line up by updates.
    /// </summary>
    GlobalBatch,
}
