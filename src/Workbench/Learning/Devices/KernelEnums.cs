namespace Workbench.Learning.Devices;

public enum UnaryOp
{
    Negate,
    Abs,
    Exp,
    Log,
    Sqrt,
    Square,
    Reciprocal,
    Relu,
    Gelu,
    Tanh,
    Sigmoid,
}

public enum BinaryOp
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Maximum,
    Minimum,
}

public enum ReduceOp
{
    Sum,
    Mean,
    Max,
    Min,
}

/// <summary>Activations with a backward kernel. GELU is the exact (erf) form, PyTorch's default.</summary>
public enum Activation
{
    Relu,
    Gelu,
    Tanh,
    Sigmoid,
}

public enum EmbeddingBagMode
{
    Sum,
    Mean,
}

/// <summary>Hyper-parameters of one SGD update (PyTorch's <c>torch.optim.SGD</c>).</summary>
public readonly record struct SgdStepOptions(
    float LearningRate,
    float Momentum,
    float Dampening,
    bool Nesterov,
    float WeightDecay,
    bool FirstStep);

/// <summary>Hyper-parameters of one Adam / AdamW update; <see cref="Step"/> counts from 1.</summary>
public readonly record struct AdamStepOptions(
    float LearningRate,
    float Beta1,
    float Beta2,
    float Epsilon,
    float WeightDecay,
    bool DecoupledWeightDecay,
    long Step);
