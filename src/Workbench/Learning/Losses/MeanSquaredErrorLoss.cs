using Workbench.Learning.Tensors;

namespace Workbench.Learning.Losses;

/// <summary>Mean of squared errors over every element (PyTorch's <c>MSELoss</c>).</summary>
public sealed class MeanSquaredErrorLoss : Loss
{
    public override string Name => "mse";

    public override double Compute(Tensor predictions, Targets targets, Tensor? gradient = null) =>
        predictions.Device.Backend.MeanSquaredError(predictions, ValueTargets(predictions, targets, "MSE"), gradient);
}
