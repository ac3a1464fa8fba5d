namespace Workbench.Serving.Protocol;

/// <summary>The payload formats of the SageMaker inference contract.</summary>
public enum DataFormat
{
    /// <summary><c>text/csv</c>: one row per line, no header unless flagged.</summary>
    Csv,

    /// <summary><c>application/json</c>: <c>{"instances": …}</c>, <c>{"inputs": …}</c>, <c>{"dataframe_split": …}</c>, <c>{"dataframe_records": …}</c>.</summary>
    Json,

    /// <summary><c>application/jsonlines</c>: one JSON row per line.</summary>
    JsonLines,

    /// <summary>
    /// <c>application/x-npy</c>: a numpy array in <c>.npy</c> format, as SageMaker's Python SDK (<c>NumpySerializer</c>,
    /// the scikit-learn and PyTorch predictors' default) and framework containers send and answer it.
    /// </summary>
    Npy,
}
