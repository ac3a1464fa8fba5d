using Workbench.Learning.Devices;
using Workbench.Learning.Tensors;

namespace Workbench.Learning.Layers;

/// <summary>
/// Inverted dropout: in training, zeroes each element with probability <see cref="Probability"/> and scales the
/// rest by 1/(1 − p); in evaluation, the identity. Masks are a pure function of (seed, call number, element),
/// so runs repeat exactly, on any thread count, and resume exactly from a checkpoint (the call number is a counter).
/// </summary>
public sealed class Dropout : Module
{
    private TensorStorage? _output;
    private TensorStorage? _mask;
    private TensorStorage? _inputGradient;
    private Tensor? _maskView;
    private bool _identity;

    public Dropout(float probability = 0.5f, ulong seed = 0, Device? device = null)
        : base(device)
    {
        if (probability is < 0f or >= 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "Dropout probability must be in [0, 1).");
        }

        Probability = probability;
        Seed = seed;
    }

    public float Probability { get; }

    public ulong Seed { get; }

    /// <summary>Training forwards so far: the stream number of the next mask.</summary>
    public long Calls { get; private set; }

    protected override string Summary => $"Dropout(p={Probability})";

    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _identity = !IsTraining || Probability == 0f;
        if (_identity)
        {
            return input;
        }

        var output = Workspace(ref _output, [.. input.Shape]);
        _maskView = Workspace(ref _mask, [.. input.Shape]);
        Backend.DropoutForward(input, output, _maskView, Probability, Seed, (ulong)Calls);
        Calls++;
        return output;
    }

    public override Tensor Backward(Tensor outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (_identity)
        {
            return outputGradient;
        }

        var mask = RequireForward(_maskView, "Dropout");
        var inputGradient = Workspace(ref _inputGradient, [.. mask.Shape]);
        Backend.Binary(BinaryOp.Multiply, outputGradient, mask, inputGradient);
        return inputGradient;
    }

    protected override IEnumerable<(string Name, long Value)> OwnCounters() => [("calls", Calls)];

    protected override void SetOwnCounter(string name, long value)
    {
        if (name != "calls")
        {
            base.SetOwnCounter(name, value);
        }

        Calls = value;
    }
}
