using Workbench.Learning.Tensors;

namespace Workbench.Learning.Losses;

/// <summary>Quadratic near zero and linear beyond <see cref="Delta"/> (PyTorch's <c>HuberLoss</c>): robust to outliers.</summary>
public sealed class HuberLoss(float delta = 1f) : Loss
{
    public float Delta { get; } = delta > 0f ? delta : throw new ArgumentOutOfRangeException(nameof(delta), delta, "Huber's delta must be positive.");

    public override string Name => "huber";

    public override double Compute(Tensor predictions, Targets targets, Tensor? gradient = null) =>
        predictions.Device.Backend.Huber(predictions, ValueTargets(predictions, targets, "Huber"), Delta, gradient);
}
