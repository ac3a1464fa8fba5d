using Workbench.Tracking.Artifacts;
using Workbench.Tracking.Storage;

namespace Workbench.Tracking;

/// <summary>
/// Experiment tracking, as MLflow's client: start runs, log to them, read and search them back.
/// <code>
/// using var tracker = Tracker.Open();                       // WORKBENCH_HOME, else ./.workbench
/// var info = tracker.Run("readmission", "logreg", run =>
/// {
///     run.LogParams(new { lr = 0.01, epochs = 20 });
///     for (var step = 0; step &lt; 20; step++) run.LogMetric("loss", Train(), step);
///     run.LogModel("out/model.bin");
/// });
/// </code>
/// One tracker per process is enough; it is thread-safe and owns the background metric writer (dispose it, or
/// let process exit flush it).
/// </summary>
public sealed class Tracker : IDisposable
{
    private readonly TrackerOptions _options;
    private bool _disposed;

    public Tracker(ITrackingStore store, IArtifactStore artifacts, TrackerOptions? options = null, WorkbenchHome? home = null)
    {
        Store = store ?? throw new ArgumentNullException(nameof(store));
        Artifacts = artifacts ?? throw new ArgumentNullException(nameof(artifacts));
        _options = options ?? new TrackerOptions();
        if (_options.MetricQueueCapacity < 1 || _options.MetricBatchSize < 1 || _options.FlushInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("Tracker options need a positive queue capacity, batch size and flush interval.", nameof(options));
        }

        Home = home;
        Writer = new MetricWriter(store, _options);
    }

    public ITrackingStore Store { get; }

    public IArtifactStore Artifacts { get; }

    /// <summary>The home folder when opened with <see cref="Open(string?, TrackerOptions?)"/>.</summary>
    public WorkbenchHome? Home { get; }

    internal MetricWriter Writer { get; }

    /// <summary>Opens the store under <paramref name="home"/>, else <c>WORKBENCH_HOME</c>, else <c>./.workbench</c>; creates it when missing.</summary>
    public static Tracker Open(string? home = null, TrackerOptions? options = null) => Open(WorkbenchHome.Resolve(home), options);

    public static Tracker Open(WorkbenchHome home, TrackerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(home);
        var database = SqliteDatabase.Open(home.DatabasePath);
        return new Tracker(new SqliteTrackingStore(database), new LocalArtifactStore(home.ArtifactsPath), options, home);
    }

    /// <summary>Starts a run in <paramref name="experiment"/> (created if missing), nested under <paramref name="parent"/> when given.</summary>
    public ActiveRun StartRun(string experiment, string? name = null, ActiveRun? parent = null, IReadOnlyDictionary<string, string>? tags = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var experimentRecord = Store.GetOrCreateExperiment(experiment);
        var allTags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_options.CaptureEnvironment)
        {
            foreach (var (key, value) in RunEnvironment.Capture())
            {
                allTags[key] = value;
            }
        }

        foreach (var (key, value) in tags ?? new Dictionary<string, string>())
        {
            allTags[key] = value;
        }

        var info = Store.CreateRun(experimentRecord.Id, name ?? string.Empty, parent?.RunId, DateTimeOffset.UtcNow, allTags);
        var run = new ActiveRun(this, info, parent);
        ActiveRunRegistry.Add(run);
        return run;
    }

    /// <summary>
    /// Runs <paramref name="body"/> inside a run: Finished when it returns, Failed (with the exception recorded)
    /// when it throws (the exception is rethrown), Killed when it is cancelled. Returns the ended run's attributes.
    /// </summary>
    public RunInfo Run(string experiment, string? name, Action<ActiveRun> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Run<bool>(experiment, name, run =>
        {
            body(run);
            return true;
        }, out _);
    }

    /// <summary><see cref="Run(string, string?, Action{ActiveRun})"/> without a run name.</summary>
    public RunInfo Run(string experiment, Action<ActiveRun> body) => Run(experiment, null, body);

    /// <summary>
    /// Like <see cref="Run(string, string?, Action{ActiveRun})"/>, handing back what <paramref name="body"/> returns
    /// (a score, a trained model) in <paramref name="result"/>.
    /// </summary>
    public RunInfo Run<T>(string experiment, string? name, Func<ActiveRun, T> body, out T result)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var run = StartRun(experiment, name);
        try
        {
            result = body(run);
        }
        catch (Exception e)
        {
            run.EndBecauseOf(e);
            throw;
        }

        return run.End();
    }

    /// <summary>The asynchronous form of <see cref="Run(string, string?, Action{ActiveRun})"/>.</summary>
    public async Task<RunInfo> RunAsync(string experiment, string? name, Func<ActiveRun, Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var run = StartRun(experiment, name);
        try
        {
            await body(run).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            run.EndBecauseOf(e);
            throw;
        }

        return run.End();
    }

    /// <exception cref="RunNotFoundException">No run with that id.</exception>
    public Run GetRun(string runId) => Store.GetRun(runId);

    /// <summary>Every value of metric <paramref name="key"/> of a run, in step order.</summary>
    public IReadOnlyList<Metric> GetMetricHistory(string runId, string key)
    {
        Writer.Flush();
        return Store.GetMetricHistory(runId, key);
    }

    /// <summary>
    /// Runs matching <paramref name="filter"/> (MLflow's grammar: <c>metrics.auc &gt; 0.9 and params.lr = '0.01'</c>),
    /// ordered by <paramref name="orderBy"/> (<c>metrics.auc DESC</c>; default newest first), in the named
    /// experiments (all when none).
    /// </summary>
    /// <exception cref="Query.FilterSyntaxException">The filter or order-by does not parse; the message points at the position.</exception>
    /// <exception cref="ExperimentNotFoundException">A named experiment does not exist.</exception>
    public RunList SearchRuns(string? filter = null, string? orderBy = null, int maxResults = RunQuery.DefaultMaxResults, IEnumerable<string>? experiments = null)
    {
        Writer.Flush();
        var ids = (experiments ?? []).Select(name => (Store.GetExperimentByName(name) ?? throw new ExperimentNotFoundException(name)).Id).ToList();
        var query = new RunQuery
        {
            ExperimentIds = ids,
            Filter = filter,
            OrderBy = string.IsNullOrWhiteSpace(orderBy) ? [] : [orderBy],
            MaxResults = maxResults,
        };
        return new RunList(Store.SearchRuns(query), filter, orderBy);
    }

    /// <summary>Parameters and metrics of several runs side by side, with differences flagged and metric histories for curves.</summary>
    public RunComparison CompareRuns(params string[] runIds)
    {
        Writer.Flush();
        return RunComparison.Of(Store, runIds);
    }

    /// <summary>A verified read of one artifact of a run.</summary>
    /// <exception cref="ArtifactNotFoundException">The run has no artifact at that path.</exception>
    /// <exception cref="ArtifactCorruptedException">Thrown while reading, at the end, if the bytes do not match the recorded hash.</exception>
    public Stream OpenArtifact(string runId, string artifactPath)
    {
        var entry = FindArtifact(runId, artifactPath);
        return Artifacts.OpenRead(entry.Sha256, $"{runId}/{entry.Path}");
    }

    /// <summary>Reads a text artifact (verified).</summary>
    public string ReadArtifactText(string runId, string artifactPath)
    {
        using var reader = new StreamReader(OpenArtifact(runId, artifactPath));
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Copies the run's artifacts (those under <paramref name="artifactPath"/>, or all) into <paramref name="destination"/>,
    /// keeping their paths; each file is verified before it appears. Returns the files written.
    /// </summary>
    public IReadOnlyList<string> DownloadArtifacts(string runId, string destination, string? artifactPath = null)
    {
        var entries = Store.ListArtifacts(runId)
            .Where(a => artifactPath is null || a.Path == artifactPath || a.Path.StartsWith(artifactPath.TrimEnd('/') + "/", StringComparison.Ordinal))
            .ToList();
        if (entries.Count == 0)
        {
            throw new ArtifactNotFoundException(runId, artifactPath ?? "(any)");
        }

        var written = new List<string>();
        foreach (var entry in entries)
        {
            var target = Path.Combine(destination, entry.Path.Replace('/', Path.DirectorySeparatorChar));
            Artifacts.CopyTo(entry.Sha256, target, $"{runId}/{entry.Path}");
            written.Add(target);
        }

        return written;
    }

    /// <summary>Waits until every queued metric is stored.</summary>
    public void Flush() => Writer.Flush();

    /// <summary>Flushes queued metrics and stops the background writer. Runs still active are left as they are.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Writer.Dispose();
    }

    private ArtifactEntry FindArtifact(string runId, string artifactPath) =>
        Store.ListArtifacts(runId).FirstOrDefault(a => a.Path == artifactPath) ?? throw new ArtifactNotFoundException(runId, artifactPath);
}
