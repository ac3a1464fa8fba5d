namespace Workbench.Tracking;

/// <summary>A run id that the store does not hold.</summary>
public sealed class RunNotFoundException(string runId)
    : KeyNotFoundException($"No run with id '{runId}' in this Workbench store.")
{
    public string RunId { get; } = runId;
}

/// <summary>An experiment id or name that the store does not hold.</summary>
public sealed class ExperimentNotFoundException(string experiment)
    : KeyNotFoundException($"No experiment '{experiment}' in this Workbench store.")
{
    public string Experiment { get; } = experiment;
}

/// <summary>A parameter logged again with a different value: parameters are immutable once set.</summary>
public sealed class ParamChangedException(string runId, string key, ParamValue stored, ParamValue attempted)
    : InvalidOperationException(
        $"Run {runId}: parameter '{key}' is already {Describe(stored)} and cannot change to {Describe(attempted)}; " +
        "parameters are immutable (log a new run, or use a tag or metric for values that change).")
{
    public string RunId { get; } = runId;

    public string Key { get; } = key;

    public ParamValue Stored { get; } = stored;

    public ParamValue Attempted { get; } = attempted;

    private static string Describe(ParamValue value) => $"'{value.Text}' ({value.Type.ToString().ToLowerInvariant()})";
}

/// <summary>A run artifact path that the run did not log.</summary>
public sealed class ArtifactNotFoundException(string runId, string path)
    : FileNotFoundException($"Run {runId} has no artifact '{path}'.")
{
    public string RunId { get; } = runId;

    public string ArtifactPath { get; } = path;
}
