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
}
