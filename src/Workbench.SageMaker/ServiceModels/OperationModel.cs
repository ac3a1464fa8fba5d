namespace Workbench.SageMaker.ServiceModels;

/// <summary>An operation of a service model: its HTTP binding and its input, output and error shapes.</summary>
public sealed record OperationModel(
    string Name,
    string HttpMethod,
    string RequestUri,
    string? InputShape,
    string? OutputShape,
    IReadOnlyList<string> ErrorShapes);
