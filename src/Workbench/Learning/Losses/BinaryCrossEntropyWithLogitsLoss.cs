using Workbench.Learning.Tensors;

namespace Workbench.Learning.Losses;

/// <summary>
/// Sigmoid + binary cross-entropy fused for stability — PyTorch's <c>BCEWithLogitsLoss</c>; targets are 0/1
/// (or soft) floats with the shape of the logits; <paramref name="positiveWeight"/> weights positives per column.
/// </summary>
public sealed class BinaryCrossEntropyWithLogitsLoss(float[]? positiveWeight = null) : Loss
{
    private Tensor? _positiveWeight;

    public IReadOnlyList<float>? PositiveWeight { get; } = positiveWeight?.ToArray();

    public override string Name => "bce_with_logits";

    public override double Compute(Tensor predictions, Targets targets, Tensor? gradient = null)
    {
        var values = ValueTargets(predictions, targets, "BCE with logits");
        if (PositiveWeight is not null && (_positiveWeight is null || _positiveWeight.Device != predictions.Device))
        {
            _positiveWeight = Tensor.FromArray(predictions.Device, [.. PositiveWeight], PositiveWeight.Count);
        }

        return predictions.Device.Backend.BinaryCrossEntropyWithLogits(predictions, values, _positiveWeight, gradient);
    }
}
