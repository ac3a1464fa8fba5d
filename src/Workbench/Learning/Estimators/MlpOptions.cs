namespace Workbench.Learning.Estimators;

public enum MlpActivation
{
    Relu,
    Gelu,
    Tanh,

    /// <summary>scikit-learn's "logistic".</summary>
    Sigmoid,
}

public enum MlpSolver
{
    Adam,
    AdamW,

    /// <summary>SGD with Nesterov momentum 0.9 (scikit-learn's "sgd" defaults).</summary>
    Sgd,
}

/// <summary>Normalisation after each hidden linear layer.</summary>
public enum MlpNormalization
{
    None,
    BatchNorm,
    LayerNorm,
}
