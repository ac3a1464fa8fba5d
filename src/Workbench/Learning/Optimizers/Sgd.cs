using Workbench.Learning.Devices;
using Workbench.Learning.Layers;
using Workbench.Learning.Tensors;

namespace Workbench.Learning.Optimizers;

/// <summary>
/// Stochastic gradient descent as in <c>torch.optim.SGD</c>: L2 weight decay added to the gradient, momentum
/// buffer <c>b = μ·b + (1 − dampening)·g</c> (the first step copies g), Nesterov's look-ahead <c>g + μ·b</c>.
/// </summary>
public sealed class Sgd : Optimizer
{
    private readonly Tensor?[] _velocity;

    public Sgd(IEnumerable<Parameter> parameters, double learningRate = 0.01, double momentum = 0.0, double dampening = 0.0, bool nesterov = false, double weightDecay = 0.0)
        : base(parameters, learningRate)
    {
        if (momentum < 0 || weightDecay < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), "Momentum and weight decay must be non-negative.");
        }

        if (nesterov && (momentum <= 0 || dampening != 0))
        {
            throw new ArgumentException("Nesterov momentum needs momentum > 0 and dampening = 0 (as in PyTorch).", nameof(nesterov));
        }

        Momentum = momentum;
        Dampening = dampening;
        Nesterov = nesterov;
        WeightDecay = weightDecay;
        _velocity = Parameters.Select(p => momentum > 0 ? Tensor.ZerosLike(p.Value) : null).ToArray();
    }

    public double Momentum { get; }

    public double Dampening { get; }

    public bool Nesterov { get; }

    public double WeightDecay { get; }

    public override string Name => $"SGD(lr={Format(LearningRate)}, momentum={Format(Momentum)}{(Nesterov ? ", nesterov" : string.Empty)}, weight_decay={Format(WeightDecay)})";

    protected override void Update(int index, Parameter parameter)
    {
        var options = new SgdStepOptions((float)LearningRate, (float)Momentum, (float)Dampening, Nesterov, parameter.WeightDecay ? (float)WeightDecay : 0f, FirstStep: Steps == 1);
        parameter.Value.Device.Backend.SgdStep(parameter.Value, parameter.Gradient, _velocity[index], options);
    }

    protected override IEnumerable<(string Slot, Tensor Tensor)> Slots(int index) =>
        _velocity[index] is { } velocity ? [("momentum_buffer", velocity)] : [];
}
