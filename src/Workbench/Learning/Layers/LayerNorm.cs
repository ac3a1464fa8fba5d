using Workbench.Learning.Devices;
using Workbench.Learning.Tensors;

namespace Workbench.Learning.Layers;

/// <summary>Normalises each row over its last dimension: <c>(x − mean) / √(var + ε) · γ + β</c> (biased variance, like PyTorch).</summary>
public sealed class LayerNorm : Module
{
    private TensorStorage? _output;
    private TensorStorage? _inputGradient;
    private TensorStorage? _mean;
    private TensorStorage? _inverseStd;
    private Tensor? _input;
    private Tensor? _meanView;
    private Tensor? _inverseStdView;
    private Tensor? _frozenGammaGradient;
    private Tensor? _frozenBetaGradient;

    public LayerNorm(int features, float epsilon = 1e-5f, bool elementwiseAffine = true, Device? device = null)
        : base(device)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        Features = features;
        Epsilon = epsilon;
        Gamma = new Parameter("weight", Tensor.Full(Device, 1f, features));
        Beta = new Parameter("bias", Tensor.Zeros(Device, features));
        Gamma.RequiresGradient = Beta.RequiresGradient = elementwiseAffine;
        ElementwiseAffine = elementwiseAffine;
    }

    public int Features { get; }

    public float Epsilon { get; }

    public bool ElementwiseAffine { get; }

    /// <summary>γ (named <c>weight</c>, as in PyTorch).</summary>
    public Parameter Gamma { get; }

    /// <summary>β (named <c>bias</c>).</summary>
    public Parameter Beta { get; }

    protected override string Summary => $"LayerNorm({Features}, eps={Epsilon})";

    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank == 0 || input.Columns != Features)
        {
            throw new ArgumentException($"LayerNorm({Features}) expects the last dimension to be {Features}; got {TensorShape.Format(input.ShapeArray)}.", nameof(input));
        }

        var rows = input.Count / Features;
        var matrix = input.Reshape(rows, Features);
        var output = Workspace(ref _output, rows, Features);
        _meanView = Workspace(ref _mean, rows);
        _inverseStdView = Workspace(ref _inverseStd, rows);
        Backend.LayerNormForward(matrix, Gamma.Value, Beta.Value, Epsilon, output, _meanView, _inverseStdView);
        _input = matrix;
        return output.Reshape([.. input.Shape]);
    }

    public override Tensor Backward(Tensor outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        var input = RequireForward(_input, "LayerNorm");
        var inputGradient = Workspace(ref _inputGradient, input.Rows, Features);
        Backend.LayerNormBackward(
            outputGradient.Reshape(input.Rows, Features), input, Gamma.Value, _meanView!, _inverseStdView!, inputGradient,
            ElementwiseAffine ? Gamma.Gradient : _frozenGammaGradient ??= Tensor.Zeros(Device, Features),
            ElementwiseAffine ? Beta.Gradient : _frozenBetaGradient ??= Tensor.Zeros(Device, Features));
        return inputGradient.Reshape([.. outputGradient.Shape]);
    }

    protected override IEnumerable<Parameter> OwnParameters() => [Gamma, Beta];
}
