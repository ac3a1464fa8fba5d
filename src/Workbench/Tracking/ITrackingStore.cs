namespace Workbench.Tracking;

/// <summary>
/// Where runs are kept: the shape of MLflow's tracking <c>AbstractStore</c> (experiments, runs, params,
/// metrics, tags, inputs, artifacts index, search). <see cref="SqliteTrackingStore"/> is the embedded one;
/// a remote store can implement the same interface. Every write is all-or-nothing.
/// </summary>
public interface ITrackingStore
{
    Experiment CreateExperiment(string name, IReadOnlyDictionary<string, string>? tags = null);

    /// <exception cref="ExperimentNotFoundException">No experiment with that id.</exception>
    Experiment GetExperiment(long experimentId);

    /// <summary>The experiment called <paramref name="name"/>, or null.</summary>
    Experiment? GetExperimentByName(string name);

    /// <summary>The experiment called <paramref name="name"/>, created if missing (safe when several processes race).</summary>
    Experiment GetOrCreateExperiment(string name);

    IReadOnlyList<Experiment> ListExperiments();

    void SetExperimentTag(long experimentId, string key, string value);

    /// <exception cref="RunNotFoundException">The parent run is unknown.</exception>
    RunInfo CreateRun(long experimentId, string name, string? parentRunId, DateTimeOffset startTime, IReadOnlyDictionary<string, string>? tags = null);

    /// <exception cref="RunNotFoundException">No run with that id.</exception>
    RunInfo GetRunInfo(string runId);

    /// <exception cref="RunNotFoundException">No run with that id.</exception>
    Run GetRun(string runId);

    /// <summary>Sets the final status and end time.</summary>
    RunInfo EndRun(string runId, RunStatus status, DateTimeOffset endTime);

    /// <summary>
    /// Writes metrics, parameters and tags of one run in one transaction. A parameter that differs from its stored
    /// value throws <see cref="ParamChangedException"/> and nothing of the batch is stored.
    /// </summary>
    void LogBatch(string runId, IReadOnlyList<Metric> metrics, IReadOnlyList<Param> parameters, IReadOnlyList<KeyValuePair<string, string>> tags);

    void DeleteTag(string runId, string key);

    void LogInputs(string runId, IReadOnlyList<DatasetInput> inputs);

    /// <summary>Records (or replaces, by path) artifacts whose objects are already in the artifact store.</summary>
    void RecordArtifacts(string runId, IReadOnlyList<ArtifactEntry> artifacts);

    IReadOnlyList<ArtifactEntry> ListArtifacts(string runId);

    /// <summary>Every value of <paramref name="key"/> in step order (then time, then insertion order).</summary>
    IReadOnlyList<Metric> GetMetricHistory(string runId, string key);

    /// <summary>Runs matching <paramref name="query"/>, with their data.</summary>
    /// <exception cref="Query.FilterSyntaxException">The filter or order-by does not parse.</exception>
    IReadOnlyList<Run> SearchRuns(RunQuery query);
}
