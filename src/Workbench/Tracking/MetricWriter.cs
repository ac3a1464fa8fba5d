using System.Threading.Channels;

namespace Workbench.Tracking;

/// <summary>
/// The background metric writer: <see cref="Enqueue"/> costs a queue write on the training thread; a dedicated
/// thread drains the queue every <see cref="TrackerOptions.FlushInterval"/> (or as soon as a batch is waiting)
/// and writes it in one transaction per run. A failed write keeps its batch and retries; the failure is
/// reported by <see cref="Flush"/> (and so by ending the run), or by <see cref="Enqueue"/> once the queue is full,
/// so it is never silent.
/// </summary>
internal sealed class MetricWriter : IDisposable
{
    private readonly ITrackingStore _store;
    private readonly TrackerOptions _options;
    private readonly Channel<(string RunId, Metric Metric)> _queue;
    private readonly Thread _thread;
    private readonly AutoResetEvent _wake = new(false);
    private readonly object _progress = new();
    private readonly object _writeLock = new();
    private readonly int _wakeEvery;
    private List<(string RunId, Metric Metric)> _pending = [];
    private long _enqueued;
    private long _written;
    private long _failedAttempts;
    private volatile Exception? _failure;
    private volatile bool _stopping;

    public MetricWriter(ITrackingStore store, TrackerOptions options)
    {
        _store = store;
        _options = options;
        _queue = Channel.CreateBounded<(string, Metric)>(new BoundedChannelOptions(options.MetricQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _wakeEvery = Math.Max(1, Math.Min(options.MetricBatchSize, options.MetricQueueCapacity / 2));
        _thread = new Thread(Loop) { IsBackground = true, Name = "Workbench metric writer" };
        _thread.Start();
    }

    /// <summary>Metrics handed over and not yet stored.</summary>
    public long Backlog => Interlocked.Read(ref _enqueued) - Interlocked.Read(ref _written);

    /// <summary>
    /// Queues a point. A failing store does not interrupt training while the queue has room (the writer keeps
    /// retrying); once the queue is full and the store still fails, this throws <see cref="MetricFlushException"/>.
    /// </summary>
    public void Enqueue(string runId, Metric metric)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        if (!_queue.Writer.TryWrite((runId, metric)))
        {
            _wake.Set();
            // Backpressure: the writer is behind by a full queue; wait for room instead of dropping the point.
            while (!_queue.Writer.TryWrite((runId, metric)))
            {
                ThrowIfFailed();
                _queue.Writer.WaitToWriteAsync().AsTask().Wait(TimeSpan.FromMilliseconds(100));
            }
        }

        if (Interlocked.Increment(ref _enqueued) % _wakeEvery == 0)
        {
            _wake.Set();
        }
    }

    /// <summary>
    /// Waits until every metric enqueued before this call is stored. The caller writes what is queued itself
    /// rather than waking the writer thread and waiting for it to be scheduled (which takes milliseconds on a
    /// busy machine); the two never write at the same time.
    /// </summary>
    /// <exception cref="MetricFlushException">The store refused the write.</exception>
    public void Flush()
    {
        var target = Interlocked.Read(ref _enqueued);
        var failuresBefore = Interlocked.Read(ref _failedAttempts);
        DrainAndWrite(target);
        lock (_progress)
        {
            while (Interlocked.Read(ref _written) < target)
            {
                // Only a write attempted after this call began counts: an earlier failure may since have cleared.
                if (Interlocked.Read(ref _failedAttempts) > failuresBefore)
                {
                    ThrowIfFailed();
                }

                _wake.Set();
                Monitor.Wait(_progress, TimeSpan.FromMilliseconds(200));
            }
        }
    }

    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        try
        {
            Flush();
        }
        finally
        {
            _stopping = true;
            _queue.Writer.TryComplete();
            _wake.Set();
            if (_thread.Join(TimeSpan.FromSeconds(30)))
            {
                // Only once the thread is gone: it may still be waiting on the event otherwise.
                _wake.Dispose();
            }
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            throw new MetricFlushException($"Metrics could not be written to the store ({Backlog} waiting): {failure.Message}", failure);
        }
    }

    private void Loop()
    {
        while (true)
        {
            _wake.WaitOne(_failure is null ? _options.FlushInterval : TimeSpan.FromSeconds(1));
            DrainAndWrite(long.MaxValue);
            if (_stopping)
            {
                lock (_writeLock)
                {
                    if (_failure is not null || (_pending.Count == 0 && !_queue.Reader.TryPeek(out _)))
                    {
                        return;
                    }
                }
            }
        }
    }

    /// <summary>Writes queued metrics in batches until the queue is empty or <paramref name="until"/> points in all are stored.</summary>
    private void DrainAndWrite(long until)
    {
        lock (_writeLock)
        {
            DrainAndWriteLocked(until);
        }
    }

    private void DrainAndWriteLocked(long until)
    {
        while (Interlocked.Read(ref _written) < until)
        {
            while (_pending.Count < _options.MetricBatchSize && _queue.Reader.TryRead(out var item))
            {
                _pending.Add(item);
            }

            if (_pending.Count == 0)
            {
                return;
            }

            if (SingleRun(_pending) is { } runId)
            {
                // The usual batch: one run. Handed to the store as a view, without copying the points.
                try
                {
                    _store.LogBatch(runId, new PendingPoints(_pending), [], []);
                }
                catch (Exception e)
                {
                    Failed(e);
                    return;
                }

                Progress(_pending.Count);
            }
            else
            {
                var groups = GroupByRun(_pending);
                for (var g = 0; g < groups.Count; g++)
                {
                    try
                    {
                        _store.LogBatch(groups[g].RunId, groups[g].Metrics, [], []);
                    }
                    catch (Exception e)
                    {
                        // Keep what was not stored (this run's group and the ones after it) for the retry.
                        _pending = groups.Skip(g).SelectMany(x => x.Metrics.Select(m => (x.RunId, m))).ToList();
                        Failed(e);
                        return;
                    }

                    Progress(groups[g].Metrics.Count);
                }
            }

            _failure = null;
            _pending.Clear();
        }
    }

    /// <summary>Records a failed write: the pending points stay for the retry; Flush and a full Enqueue report it.</summary>
    private void Failed(Exception e)
    {
        _failure = e;
        Interlocked.Increment(ref _failedAttempts);
        Progress(0);
    }

    private static string? SingleRun(List<(string RunId, Metric Metric)> batch)
    {
        var runId = batch[0].RunId;
        foreach (var (other, _) in batch)
        {
            if (!ReferenceEquals(other, runId) && other != runId)
            {
                return null;
            }
        }

        return runId;
    }

    private void Progress(int stored)
    {
        Interlocked.Add(ref _written, stored);
        lock (_progress)
        {
            Monitor.PulseAll(_progress);
        }
    }

    /// <summary>Splits a batch into consecutive per-run groups; the usual batch has a single run.</summary>
    private static List<(string RunId, List<Metric> Metrics)> GroupByRun(List<(string RunId, Metric Metric)> batch)
    {
        var groups = new List<(string RunId, List<Metric> Metrics)>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (runId, metric) in batch)
        {
            if (!index.TryGetValue(runId, out var position))
            {
                position = groups.Count;
                index[runId] = position;
                groups.Add((runId, new List<Metric>(batch.Count)));
            }

            groups[position].Metrics.Add(metric);
        }

        return groups;
    }

    /// <summary>The metrics of a single-run batch, read in place.</summary>
    private sealed class PendingPoints(List<(string RunId, Metric Metric)> batch) : IReadOnlyList<Metric>
    {
        public int Count => batch.Count;

        public Metric this[int index] => batch[index].Metric;

        public IEnumerator<Metric> GetEnumerator() => batch.Select(b => b.Metric).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
