using Workbench.Learning.Devices;
using Workbench.Learning.Layers;
using Workbench.Learning.Tensors;

namespace Workbench.Learning.Optimizers;

/// <summary>
/// Adam (<c>torch.optim.Adam</c>): bias-corrected first and second moments; weight decay is L2 added to the
/// gradient. <see cref="AdamW"/> decouples it instead.
/// </summary>
public class Adam : Optimizer
{
    private readonly Tensor[] _first;
    private readonly Tensor[] _second;

    public Adam(IEnumerable<Parameter> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0.0)
        : this(parameters, learningRate, beta1, beta2, epsilon, weightDecay, decoupled: false)
    {
    }

    protected Adam(IEnumerable<Parameter> parameters, double learningRate, double beta1, double beta2, double epsilon, double weightDecay, bool decoupled)
        : base(parameters, learningRate)
    {
        if (beta1 is < 0 or >= 1 || beta2 is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), $"Betas must be in [0, 1); got ({beta1}, {beta2}).");
        }

        if (epsilon <= 0 || weightDecay < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), "Epsilon must be positive and weight decay non-negative.");
        }

        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        DecoupledWeightDecay = decoupled;
        _first = Parameters.Select(p => Tensor.ZerosLike(p.Value)).ToArray();
        _second = Parameters.Select(p => Tensor.ZerosLike(p.Value)).ToArray();
    }

    public double Beta1 { get; }

    public double Beta2 { get; }

    public double Epsilon { get; }

    public double WeightDecay { get; }

    public bool DecoupledWeightDecay { get; }

    public override string Name => $"{(DecoupledWeightDecay ? "AdamW" : "Adam")}(lr={Format(LearningRate)}, betas=({Format(Beta1)}, {Format(Beta2)}), eps={Format(Epsilon)}, weight_decay={Format(WeightDecay)})";

    protected override void Update(int index, Parameter parameter)
    {
        var options = new AdamStepOptions((float)LearningRate, (float)Beta1, (float)Beta2, (float)Epsilon, parameter.WeightDecay ? (float)WeightDecay : 0f, DecoupledWeightDecay, Steps);
        parameter.Value.Device.Backend.AdamStep(parameter.Value, parameter.Gradient, _first[index], _second[index], options);
    }

    protected override IEnumerable<(string Slot, Tensor Tensor)> Slots(int index) => [("exp_avg", _first[index]), ("exp_avg_sq", _second[index])];
}

/// <summary>AdamW (<c>torch.optim.AdamW</c>): weight decay applied to the weights directly, <c>w −= lr·λ·w</c>, not through the moments.</summary>
public sealed class AdamW(IEnumerable<Parameter> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0.01)
    : Adam(parameters, learningRate, beta1, beta2, epsilon, weightDecay, decoupled: true);
