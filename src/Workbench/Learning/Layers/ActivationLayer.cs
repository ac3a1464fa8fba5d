using Workbench.Learning.Devices;
using Workbench.Learning.Tensors;

namespace Workbench.Learning.Layers;

/// <summary>An element-wise activation with its derivative; any shape in, same shape out.</summary>
public abstract class ActivationLayer : Module
{
    private TensorStorage? _output;
    private TensorStorage? _inputGradient;
    private Tensor? _input;
    private Tensor? _result;

    protected ActivationLayer(Activation activation, Device? device)
        : base(device)
    {
        Activation = activation;
    }

    public Activation Activation { get; }

    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var output = Workspace(ref _output, [.. input.Shape]);
        Backend.ActivationForward(Activation, input, output);
        _input = input;
        _result = output;
        return output;
    }

    public override Tensor Backward(Tensor outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        var input = RequireForward(_input, GetType().Name);
        var inputGradient = Workspace(ref _inputGradient, [.. input.Shape]);
        Backend.ActivationBackward(Activation, input, _result!, outputGradient, inputGradient);
        return inputGradient;
    }
}

/// <summary><c>max(0, x)</c>.</summary>
public sealed class ReLU(Device? device = null) : ActivationLayer(Activation.Relu, device)
{
    protected override string Summary => "ReLU()";
}

/// <summary>Exact GELU, <c>x · Φ(x)</c> (PyTorch's default form).</summary>
public sealed class GELU(Device? device = null) : ActivationLayer(Activation.Gelu, device)
{
    protected override string Summary => "GELU()";
}

public sealed class Tanh(Device? device = null) : ActivationLayer(Activation.Tanh, device)
{
    protected override string Summary => "Tanh()";
}

public sealed class Sigmoid(Device? device = null) : ActivationLayer(Activation.Sigmoid, device)
{
    protected override string Summary => "Sigmoid()";
}
