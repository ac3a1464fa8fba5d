namespace Workbench.Jobs;

/// <summary>
/// A long-running job on some backend (a training, tuning or transform job, an endpoint being created), with its
/// current state, the history of its status transitions and its metric series. <see cref="Refresh"/> asks the backend
/// once; <see cref="WaitAsync(Action{TrackedJob}?, TimeSpan?, TimeSpan?, CancellationToken)"/> polls until the job
/// settles and calls back after every refresh, which is how a notebook updates one output in place:
/// <code>var shown = display(job); await job.WaitAsync(j =&gt; shown.Update(j));</code>
/// </summary>
public abstract class TrackedJob
{
    private readonly List<JobStatusTransition> _observed = [];
    private JobState? _state;

    protected TrackedJob(string name, string kind, string backend)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Kind = kind;
        Backend = backend;
    }

    public string Name { get; }

    /// <summary>"Training job", "Endpoint", "Transform job", "Tuning job".</summary>
    public string Kind { get; }

    /// <summary>The backend's name: <c>local</c> or <c>sagemaker</c>.</summary>
    public string Backend { get; }

    /// <summary>The latest state; refreshes once if the job was never refreshed.</summary>
    public JobState State => _state ?? Refresh().State;

    public string Status => State.Status;

    public string? SecondaryStatus => State.SecondaryStatus;

    public string? FailureReason => State.FailureReason;

    public bool IsTerminal => State.IsTerminal;

    /// <summary>When this object last asked the backend.</summary>
    public DateTimeOffset? LastRefreshed { get; private set; }

    /// <summary>Status transitions in order: the backend's own when it keeps them, else those observed by refreshing.</summary>
    public IReadOnlyList<JobStatusTransition> History
    {
        get
        {
            var transitions = State.Transitions is { Count: > 0 } reported ? reported : _observed;
            return transitions.Select((t, i) => t with { EndTime = t.EndTime ?? (i + 1 < transitions.Count ? transitions[i + 1].Time : null) }).ToList();
        }
    }

    public IReadOnlyDictionary<string, IReadOnlyList<JobMetricPoint>> Metrics =>
        State.Metrics ?? new Dictionary<string, IReadOnlyList<JobMetricPoint>>();

    /// <summary>From start (or creation) to the end, or to now while running.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            var state = State;
            var end = state.EndedAt ?? (state.IsTerminal ? LastRefreshed ?? DateTimeOffset.UtcNow : DateTimeOffset.UtcNow);
            var start = state.StartedAt ?? state.CreatedAt;
            return end > start ? end - start : TimeSpan.Zero;
        }
    }

    /// <summary>Billed time, when the backend reports one.</summary>
    public TimeSpan? BillableTime => State.BillableSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

    /// <summary>Asks the backend for the job's state and records a transition when the status changed.</summary>
    public TrackedJob Refresh() => RefreshAsync().GetAwaiter().GetResult();

    public async Task<TrackedJob> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var state = await FetchAsync(cancellationToken).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        var last = _observed.Count > 0 ? _observed[^1] : null;
        if (last is null || last.Status != state.Status || last.SecondaryStatus != state.SecondaryStatus)
        {
            _observed.Add(new JobStatusTransition(last is null ? state.CreatedAt == default ? now : state.CreatedAt : now, state.Status, state.SecondaryStatus, state.Message));
        }

        _state = state;
        LastRefreshed = now;
        return this;
    }

    /// <summary>
    /// Refreshes every <paramref name="pollInterval"/> (default 2 s) until the job is terminal, calling
    /// <paramref name="onRefresh"/> after each refresh (on the waiting thread, so a display update lands in order).
    /// Throws <see cref="TimeoutException"/> after <paramref name="timeout"/>, naming the job and its last status.
    /// </summary>
    public async Task<TrackedJob> WaitAsync(Action<TrackedJob>? onRefresh = null, TimeSpan? pollInterval = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var interval = pollInterval ?? TimeSpan.FromSeconds(2);
        var deadline = timeout is { } limit ? DateTimeOffset.UtcNow + limit : (DateTimeOffset?)null;
        while (true)
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
            onRefresh?.Invoke(this);
            if (State.IsTerminal)
            {
                return this;
            }

            if (deadline is { } end && DateTimeOffset.UtcNow >= end)
            {
                throw new TimeoutException($"{Kind} '{Name}' is still {Describe()} after {timeout!.Value.TotalSeconds:0} s.");
            }

            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>As <see cref="WaitAsync(Action{TrackedJob}?, TimeSpan?, TimeSpan?, CancellationToken)"/>, reporting to <paramref name="progress"/>.</summary>
    public Task<TrackedJob> WaitAsync(IProgress<TrackedJob> progress, TimeSpan? pollInterval = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return WaitAsync(progress.Report, pollInterval, timeout, cancellationToken);
    }

    /// <summary>"InProgress (Training)" or "Completed".</summary>
    public string Describe() => State.SecondaryStatus is { Length: > 0 } secondary && secondary != State.Status ? $"{State.Status} ({secondary})" : State.Status;

    public override string ToString()
    {
        var text = $"{Kind} {Name} [{Backend}]: {Describe()}, {Elapsed.TotalSeconds:0} s";
        return State.FailureReason is { Length: > 0 } reason ? $"{text}: {reason}" : text;
    }

    /// <summary>One call to the backend.</summary>
    protected abstract Task<JobState> FetchAsync(CancellationToken cancellationToken);
}
