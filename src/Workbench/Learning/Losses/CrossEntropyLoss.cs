using Workbench.Learning.Tensors;

namespace Workbench.Learning.Losses;

/// <summary>
/// Softmax cross-entropy on logits [N, C] against class ids — PyTorch's <c>CrossEntropyLoss</c>, including its
/// <paramref name="classWeights"/> (weighted mean: Σ w[y]·nll / Σ w[y]) and <paramref name="labelSmoothing"/>
/// (mixing the one-hot target with the uniform distribution).
/// </summary>
public sealed class CrossEntropyLoss(float[]? classWeights = null, float labelSmoothing = 0f) : Loss
{
    private Tensor? _weights;

    public IReadOnlyList<float>? ClassWeights { get; } = classWeights?.ToArray();

    public float LabelSmoothing { get; } = labelSmoothing is >= 0f and <= 1f
        ? labelSmoothing
        : throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "Label smoothing must be in [0, 1].");

    public override string Name => "cross_entropy";

    public override double Compute(Tensor predictions, Targets targets, Tensor? gradient = null)
    {
        RequireSameRows(predictions, targets);
        var ids = targets.ClassIds ?? throw new ArgumentException("Cross-entropy needs class ids (Targets.Classes).", nameof(targets));
        if (ClassWeights is not null && (_weights is null || _weights.Device != predictions.Device))
        {
            _weights = Tensor.FromArray(predictions.Device, [.. ClassWeights], ClassWeights.Count);
        }

        return predictions.Device.Backend.SoftmaxCrossEntropy(predictions, ids, _weights, LabelSmoothing, gradient);
    }
}
