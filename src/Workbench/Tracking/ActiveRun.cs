using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Workbench.Tracking;

/// <summary>
/// A run in progress, as <c>mlflow.start_run()</c> gives: log parameters, step metrics (queued and written in the
/// background), tags, dataset inputs and artifacts, then <see cref="End"/>. Disposing a run that was not ended
/// marks it <see cref="RunStatus.Failed"/>: in <c>using var run = ...</c>, only code that reaches
/// <c>run.End()</c> counts as finished, so an exception in between is never recorded as success.
/// <see cref="Tracker.Run(string, string?, Action{ActiveRun})"/> does the End / Failed bookkeeping for you.
/// </summary>
/// <remarks><see cref="LogMetric"/> is safe to call from several threads; the other methods write synchronously.</remarks>
public sealed class ActiveRun : IDisposable
{
    private readonly object _endLock = new();
    private readonly HashSet<string> _validMetricKeys = new(StringComparer.Ordinal);
    private volatile string[] _knownKeys = [];
    private RunInfo _info;

    internal ActiveRun(Tracker tracker, RunInfo info, ActiveRun? parent)
    {
        Tracker = tracker;
        _info = info;
        Parent = parent;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    public Tracker Tracker { get; }

    public string RunId => _info.RunId;

    public string Name => _info.Name;

    public string ExperimentName => _info.ExperimentName;

    /// <summary>The enclosing run for a nested run.</summary>
    public ActiveRun? Parent { get; }

    /// <summary>The attributes as of the last status change.</summary>
    public RunInfo Info => _info;

    public bool IsEnded { get; private set; }

    internal int Depth { get; }

    /// <summary>Sets a parameter; logging the same value again is fine, a different one throws <see cref="ParamChangedException"/>.</summary>
    public ActiveRun LogParam(string key, ParamValue value)
    {
        Tracker.Store.LogBatch(RunId, [], [new Param(key, value)], []);
        return this;
    }

    /// <summary>Sets several parameters at once (all or none).</summary>
    public ActiveRun LogParams(IEnumerable<KeyValuePair<string, object?>> parameters)
    {
        var list = parameters.Select(p => new Param(p.Key, ParamValue.FromObject(p.Value, p.Key))).ToList();
        Tracker.Store.LogBatch(RunId, [], list, []);
        return this;
    }

    /// <summary>Sets the public properties of <paramref name="parameters"/> as parameters: <c>run.LogParams(new { lr = 0.01, epochs = 20 })</c>.</summary>
    public ActiveRun LogParams(object parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            return LogParams(pairs);
        }

        var properties = parameters.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0);
        return LogParams(properties.Select(p => KeyValuePair.Create(p.Name, p.GetValue(parameters))));
    }

    /// <summary>
    /// Queues one metric value. Returns at once; a background writer stores the queue in batches.
    /// <see cref="Flush"/> waits for it; <see cref="End"/> flushes. NaN and infinities are kept.
    /// </summary>
    public void LogMetric(string key, double value, long step = 0, DateTimeOffset? timestamp = null)
    {
        ValidateMetricKey(key);
        Tracker.Writer.Enqueue(RunId, new Metric(key, value, step, timestamp ?? DateTimeOffset.UtcNow));
    }

    /// <summary>Queues several metrics of one step.</summary>
    public void LogMetrics(IEnumerable<KeyValuePair<string, double>> metrics, long step = 0, DateTimeOffset? timestamp = null)
    {
        var time = timestamp ?? DateTimeOffset.UtcNow;
        foreach (var (key, value) in metrics)
        {
            LogMetric(key, value, step, time);
        }
    }

    public ActiveRun SetTag(string key, string value)
    {
        Tracker.Store.LogBatch(RunId, [], [], [KeyValuePair.Create(key, value)]);
        return this;
    }

    public ActiveRun SetTags(IEnumerable<KeyValuePair<string, string>> tags)
    {
        Tracker.Store.LogBatch(RunId, [], [], tags.ToList());
        return this;
    }

    public ActiveRun DeleteTag(string key)
    {
        Tracker.Store.DeleteTag(RunId, key);
        return this;
    }

    /// <summary>Records a dataset the run read (training data, evaluation set, ...).</summary>
    public ActiveRun LogInput(DatasetInput input)
    {
        Tracker.Store.LogInputs(RunId, [input]);
        return this;
    }

    /// <summary>Records a dataset by fingerprint (<c>sha256:</c> + 64 hex digits).</summary>
    public ActiveRun LogInput(string fingerprint, string name, string? source = null, long? rows = null, string context = DatasetInput.Training) =>
        LogInput(new DatasetInput(fingerprint, name, source, rows, context));

    /// <summary>Stores a local file as artifact <paramref name="artifactPath"/> (default: the file name).</summary>
    public ArtifactEntry LogArtifact(string localPath, string? artifactPath = null, string kind = ArtifactKind.File)
    {
        if (!File.Exists(localPath))
        {
            throw new FileNotFoundException(Directory.Exists(localPath)
                ? $"{localPath} is a folder; use LogArtifacts to log a folder."
                : $"Cannot log artifact: {localPath} does not exist.", localPath);
        }

        var path = KeyRules.ValidateArtifactPath(artifactPath ?? Path.GetFileName(localPath));
        ArtifactKind.Validate(kind);
        var stored = Tracker.Artifacts.PutFile(localPath);
        var entry = new ArtifactEntry(path, kind, stored.Sha256, stored.Size, DateTimeOffset.UtcNow);
        Tracker.Store.RecordArtifacts(RunId, [entry]);
        return entry;
    }

    /// <summary>Stores every file under <paramref name="localFolder"/>, keeping relative paths, under <paramref name="artifactPath"/> (default: the run's root).</summary>
    public IReadOnlyList<ArtifactEntry> LogArtifacts(string localFolder, string? artifactPath = null, string kind = ArtifactKind.File)
    {
        if (!Directory.Exists(localFolder))
        {
            throw new DirectoryNotFoundException($"Cannot log artifacts: folder {localFolder} does not exist.");
        }

        ArtifactKind.Validate(kind);
        var prefix = string.IsNullOrEmpty(artifactPath) ? string.Empty : KeyRules.ValidateArtifactPath(artifactPath) + "/";
        var entries = new List<ArtifactEntry>();
        foreach (var file in Directory.EnumerateFiles(localFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(localFolder, file).Replace(Path.DirectorySeparatorChar, '/');
            var path = KeyRules.ValidateArtifactPath(prefix + relative);
            var stored = Tracker.Artifacts.PutFile(file);
            entries.Add(new ArtifactEntry(path, kind, stored.Sha256, stored.Size, DateTimeOffset.UtcNow));
        }

        if (entries.Count == 0)
        {
            throw new ArgumentException($"Folder {localFolder} has no files to log.", nameof(localFolder));
        }

        Tracker.Store.RecordArtifacts(RunId, entries);
        return entries;
    }

    /// <summary>Stores the rest of <paramref name="content"/> as artifact <paramref name="artifactPath"/> of <paramref name="kind"/>.</summary>
    public ArtifactEntry LogArtifact(Stream content, string artifactPath, string kind = ArtifactKind.File)
    {
        var path = KeyRules.ValidateArtifactPath(artifactPath);
        ArtifactKind.Validate(kind);
        var stored = Tracker.Artifacts.Put(content);
        var entry = new ArtifactEntry(path, kind, stored.Sha256, stored.Size, DateTimeOffset.UtcNow);
        Tracker.Store.RecordArtifacts(RunId, [entry]);
        return entry;
    }

    /// <summary>Stores UTF-8 text as an artifact.</summary>
    public ArtifactEntry LogText(string text, string artifactPath, string kind = ArtifactKind.Text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return LogArtifact(stream, artifactPath, kind);
    }

    /// <summary>Stores <paramref name="value"/> serialised as indented JSON.</summary>
    public ArtifactEntry LogJson<T>(T value, string artifactPath, string kind = ArtifactKind.Json)
    {
        using var stream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(value, new JsonSerializerOptions { WriteIndented = true }));
        return LogArtifact(stream, artifactPath, kind);
    }

    /// <summary>
    /// Stores a Plotly figure as an artifact of kind <c>figure</c>: a <c>Workbench.Data.Plots.Figure</c> (whose text
    /// is its figure JSON) or figure JSON itself. Anything that does not write JSON is refused.
    /// </summary>
    public ArtifactEntry LogFigure(object figure, string artifactPath)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var json = figure as string ?? figure.ToString() ?? string.Empty;
        try
        {
            using (JsonDocument.Parse(json))
            {
                // Parsed only to refuse what is not JSON before storing it.
            }
        }
        catch (JsonException e)
        {
            throw new ArgumentException(
                $"LogFigure needs a Plotly figure (a Figure or figure JSON); the {figure.GetType().Name} given does not produce JSON: {e.Message}", nameof(figure), e);
        }

        return LogText(json, artifactPath, ArtifactKind.Figure);
    }

    /// <summary>
    /// Stores a model: a file becomes <c>model/&lt;file name&gt;</c>, a folder's files go under <c>model/</c>
    /// (or <paramref name="artifactPath"/>). The registry registers versions from these files.
    /// </summary>
    public IReadOnlyList<ArtifactEntry> LogModel(string fileOrFolder, string artifactPath = "model")
    {
        if (Directory.Exists(fileOrFolder))
        {
            return LogArtifacts(fileOrFolder, artifactPath, ArtifactKind.Model);
        }

        return [LogArtifact(fileOrFolder, $"{KeyRules.ValidateArtifactPath(artifactPath)}/{Path.GetFileName(fileOrFolder)}", ArtifactKind.Model)];
    }

    /// <summary>Starts a run nested under this one, in the same experiment.</summary>
    public ActiveRun StartChildRun(string? name = null, IReadOnlyDictionary<string, string>? tags = null) =>
        Tracker.StartRun(ExperimentName, name, this, tags);

    /// <summary>Waits until every metric logged so far is stored.</summary>
    public void Flush() => Tracker.Writer.Flush();

    /// <summary>Reads the run back as stored (after flushing its metrics).</summary>
    public Run Snapshot()
    {
        Flush();
        return Tracker.GetRun(RunId);
    }

    /// <summary>Flushes metrics and sets the final status (default Finished). Calling it again does nothing.</summary>
    public RunInfo End(RunStatus status = RunStatus.Finished) => EndWith(status, failure: null);

    /// <summary>Ends the run as Failed, recording the exception's type and message in the <c>workbench.failure</c> tag.</summary>
    public RunInfo Fail(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = $"{exception.GetType().FullName}: {exception.Message}";
        return EndWith(RunStatus.Failed, message.Length > 2000 ? message[..2000] : message);
    }

    /// <summary>Ends the run for an exception that escaped its body: Killed when it was cancelled, Failed otherwise.</summary>
    internal void EndBecauseOf(Exception exception)
    {
        if (exception is OperationCanceledException)
        {
            End(RunStatus.Killed);
        }
        else
        {
            Fail(exception);
        }
    }

    /// <summary>Ends the run as Failed if it was not ended (see the class remarks).</summary>
    public void Dispose()
    {
        if (!IsEnded)
        {
            EndWith(RunStatus.Failed, "the run was disposed without End(): the code did not reach the end of the run");
        }
    }

    internal void EndFromProcessExit() => EndWith(RunStatus.Killed, "the process exited before the run ended");

    public override string ToString() => $"run {Name} ({RunId}) in {ExperimentName}: {(IsEnded ? _info.Status.ToText() : "RUNNING")}";

    private RunInfo EndWith(RunStatus status, string? failure)
    {
        lock (_endLock)
        {
            if (IsEnded)
            {
                return _info;
            }

            Exception? flushError = null;
            try
            {
                Flush();
            }
            catch (MetricFlushException e)
            {
                flushError = e;
                status = RunStatus.Failed;
                failure ??= e.Message;
            }

            if (failure is not null)
            {
                Tracker.Store.LogBatch(RunId, [], [], [KeyValuePair.Create(RunEnvironment.Failure, failure)]);
            }

            _info = Tracker.Store.EndRun(RunId, status, DateTimeOffset.UtcNow);
            IsEnded = true;
            ActiveRunRegistry.Remove(this);
            if (flushError is not null)
            {
                throw flushError;
            }

            return _info;
        }
    }

    private void ValidateMetricKey(string key)
    {
        // A training loop passes the same few key strings every step: find them by reference, without a lock.
        var known = _knownKeys;
        for (var i = 0; i < known.Length; i++)
        {
            if (ReferenceEquals(known[i], key))
            {
                return;
            }
        }

        lock (_validMetricKeys)
        {
            if (!_validMetricKeys.Contains(key))
            {
                KeyRules.Validate(key, "metric");
                _validMetricKeys.Add(key);
            }

            if (_knownKeys.Length < 32)
            {
                _knownKeys = [.. _knownKeys, key];
            }
        }
    }
}
