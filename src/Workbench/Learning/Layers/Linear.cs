using Workbench.Data;
using Workbench.Learning.Devices;
using Workbench.Learning.Tensors;

namespace Workbench.Learning.Layers;

/// <summary>
/// <c>y = x · Wᵀ + b</c> with W of shape [out, in] (PyTorch's layout). Accepts dense [N, in] tensors and, as
/// the first layer of a text model, CSR rows (<see cref="ForwardSparse"/>) without densifying them.
/// </summary>
public sealed class Linear : Module, ISparseInput
{
    private TensorStorage? _output;
    private TensorStorage? _inputGradient;
    private TensorStorage? _sparseWeightGradient;
    private Tensor? _input;
    private SparseMatrix? _sparseInput;

    /// <summary>
    /// A layer with PyTorch's default initialisation U(−1/√in, 1/√in) unless initialisers are given, drawn from
    /// <paramref name="random"/> (default <see cref="DeterministicRandom.Shared"/>).
    /// </summary>
    public Linear(int inFeatures, int outFeatures, bool bias = true, Initializer? weightInitializer = null, Initializer? biasInitializer = null, DeterministicRandom? random = null, Device? device = null)
        : base(device)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outFeatures);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        var generator = random ?? DeterministicRandom.Shared;
        Weight = new Parameter("weight", Tensor.Zeros(Device, outFeatures, inFeatures));
        (weightInitializer ?? Initializer.LinearDefault()).Fill(Weight.Value, inFeatures, outFeatures, generator);
        if (bias)
        {
            Bias = new Parameter("bias", Tensor.Zeros(Device, outFeatures));
            (biasInitializer ?? Initializer.LinearDefault()).Fill(Bias.Value, inFeatures, outFeatures, generator);
        }
    }

    public int InFeatures { get; }

    public int OutFeatures { get; }

    public Parameter Weight { get; }

    public Parameter? Bias { get; }

    protected override string Summary => $"Linear(in={InFeatures}, out={OutFeatures}, bias={Bias is not null})";

    public override Tensor Forward(Tensor input)
    {
        RequireFeatures(input, InFeatures, "Linear");
        var output = Workspace(ref _output, input.Rows, OutFeatures);
        Backend.MatMul(input, Weight.Value.T, output);
        if (Bias is not null)
        {
            Backend.AddRowVector(output, Bias.Value);
        }

        _input = input;
        _sparseInput = null;
        return output;
    }

    /// <summary>Forward on CSR rows (text features): <c>x · Wᵀ</c> touching only the stored entries.</summary>
    public Tensor ForwardSparse(SparseMatrix input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Columns != InFeatures)
        {
            throw new ArgumentException($"Linear expects {InFeatures} input features; the sparse matrix has {input.Columns} columns.", nameof(input));
        }

        var output = Workspace(ref _output, input.Rows, OutFeatures);
        Backend.SparseMatMul(input, Weight.Value.T, output);
        if (Bias is not null)
        {
            Backend.AddRowVector(output, Bias.Value);
        }

        _sparseInput = input;
        _input = null;
        return output;
    }

    public override Tensor Backward(Tensor outputGradient) => Backward(outputGradient, wantInputGradient: true)!;

    public override void Backpropagate(Tensor outputGradient) => Backward(outputGradient, wantInputGradient: false);

    private Tensor? Backward(Tensor outputGradient, bool wantInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (Bias is not null && Bias.RequiresGradient)
        {
            Backend.SumRows(outputGradient, Bias.Gradient, beta: 1f);
        }

        if (_sparseInput is not null)
        {
            if (Weight.RequiresGradient)
            {
                // dW = (xᵀ · dy)ᵀ: the transposed product is [in, out]; added through a transposed view.
                var transposed = Workspace(ref _sparseWeightGradient, InFeatures, OutFeatures);
                Backend.SparseTransposedMatMul(_sparseInput, outputGradient, transposed);
                Backend.Axpy(1f, transposed.T, Weight.Gradient);
            }

            return wantInputGradient ? Tensor.Zeros(Device, 0, InFeatures) : null;
        }

        var input = RequireForward(_input, "Linear");
        if (Weight.RequiresGradient)
        {
            Backend.MatMul(outputGradient.T, input, Weight.Gradient, alpha: 1f, beta: 1f);
        }

        if (!wantInputGradient)
        {
            return null;
        }

        var inputGradient = Workspace(ref _inputGradient, input.Rows, InFeatures);
        Backend.MatMul(outputGradient, Weight.Value, inputGradient);
        return inputGradient;
    }

    protected override IEnumerable<Parameter> OwnParameters() => Bias is null ? [Weight] : [Weight, Bias];
}
