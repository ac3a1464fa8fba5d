using Workbench.Learning.Tensors;

namespace Workbench.Learning.Losses;

/// <summary>
/// A training objective: the mean loss over a batch and its gradient with respect to the predictions, which
/// is what <see cref="Layers.Module.Backward"/> starts from.
/// </summary>
public abstract class Loss
{
    /// <summary>A short name for histories and logs, for example <c>cross_entropy</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Mean loss of <paramref name="predictions"/>; writes dLoss/dPredictions into <paramref name="gradient"/> when given.</summary>
    public abstract double Compute(Tensor predictions, Targets targets, Tensor? gradient = null);

    protected static void RequireSameRows(Tensor predictions, Targets targets)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(targets);
        if (predictions.Rows != targets.Rows)
        {
            throw new ArgumentException($"{predictions.Rows} prediction rows for {targets.Rows} targets.", nameof(targets));
        }
    }

    protected static Tensor ValueTargets(Tensor predictions, Targets targets, string loss)
    {
        RequireSameRows(predictions, targets);
        if (targets.IsClasses)
        {
            throw new ArgumentException($"{loss} needs float targets (Targets.FromValues); got class ids.", nameof(targets));
        }

        var tensor = targets.ToTensor(predictions.Device);
        if (tensor.Count != predictions.Count)
        {
            throw new ArgumentException($"{loss}: {targets.Columns} target value(s) per row but predictions have shape {TensorShape.Format(predictions.ShapeArray)}.", nameof(targets));
        }

        return tensor;
    }
}
