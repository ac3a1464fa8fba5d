using Workbench.Learning.Devices;
using Workbench.Learning.Tensors;

namespace Workbench.Learning.Layers;

/// <summary>
/// Batch normalisation over the rows of [N, C] inputs. Training mode normalises with the batch's statistics and
/// updates running mean and (unbiased) variance with <see cref="Momentum"/>; evaluation mode uses the running
/// statistics — PyTorch's <c>BatchNorm1d</c>.
/// </summary>
public sealed class BatchNorm1d : Module
{
    private TensorStorage? _output;
    private TensorStorage? _inputGradient;
    private Tensor? _input;
    private readonly Tensor _batchMean;
    private readonly Tensor _batchInverseStd;

    public BatchNorm1d(int features, float epsilon = 1e-5f, float momentum = 0.1f, Device? device = null)
        : base(device)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        if (momentum is < 0f or > 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must be in [0, 1].");
        }

        Features = features;
        Epsilon = epsilon;
        Momentum = momentum;
        Gamma = new Parameter("weight", Tensor.Full(Device, 1f, features));
        Beta = new Parameter("bias", Tensor.Zeros(Device, features));
        RunningMean = Tensor.Zeros(Device, features);
        RunningVariance = Tensor.Full(Device, 1f, features);
        _batchMean = Tensor.Zeros(Device, features);
        _batchInverseStd = Tensor.Zeros(Device, features);
    }

    public int Features { get; }

    public float Epsilon { get; }

    public float Momentum { get; }

    public Parameter Gamma { get; }

    public Parameter Beta { get; }

    public Tensor RunningMean { get; }

    public Tensor RunningVariance { get; }

    /// <summary>Training batches normalised so far (PyTorch's <c>num_batches_tracked</c>).</summary>
    public long BatchesTracked { get; private set; }

    protected override string Summary => $"BatchNorm1d({Features}, eps={Epsilon}, momentum={Momentum})";

    public override Tensor Forward(Tensor input)
    {
        RequireFeatures(input, Features, "BatchNorm1d");
        var output = Workspace(ref _output, input.Rows, Features);
        if (IsTraining)
        {
            Backend.BatchNormForwardTraining(input, Gamma.Value, Beta.Value, Epsilon, Momentum, RunningMean, RunningVariance, output, _batchMean, _batchInverseStd);
            BatchesTracked++;
            _input = input;
        }
        else
        {
            Backend.BatchNormForwardInference(input, Gamma.Value, Beta.Value, RunningMean, RunningVariance, Epsilon, output);
            _input = null;
        }

        return output;
    }

    public override Tensor Backward(Tensor outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        var input = _input ?? throw new InvalidOperationException("BatchNorm1d.Backward needs a training-mode Forward first (evaluation mode has no batch statistics to differentiate).");
        var inputGradient = Workspace(ref _inputGradient, input.Rows, Features);
        Backend.BatchNormBackward(outputGradient, input, Gamma.Value, _batchMean, _batchInverseStd, inputGradient, Gamma.Gradient, Beta.Gradient);
        return inputGradient;
    }

    protected override IEnumerable<Parameter> OwnParameters() => [Gamma, Beta];

    protected override IEnumerable<(string Name, Tensor Buffer)> OwnBuffers() => [("running_mean", RunningMean), ("running_var", RunningVariance)];

    protected override IEnumerable<(string Name, long Value)> OwnCounters() => [("num_batches_tracked", BatchesTracked)];

    protected override void SetOwnCounter(string name, long value)
    {
        if (name != "num_batches_tracked")
        {
            base.SetOwnCounter(name, value);
        }

        BatchesTracked = value;
    }
}
