using System.Globalization;
using System.Text;

namespace Workbench.Learning.Training;

/// <summary>
/// The live record of a training run: status, progress within the epoch, and every epoch's metrics. A notebook
/// displays it once and refreshes the display on <see cref="Changed"/> (raised at every epoch and, throttled by
/// <see cref="BatchUpdateInterval"/>, during epochs); the extension renders learning curves from it. It is a
/// callback, so custom loops can feed it too (<see cref="Record"/>). Reads return snapshots and are thread-safe.
/// </summary>
public sealed class TrainingHistory : TrainingCallback
{
    private readonly object _gate = new();
    private readonly List<EpochRecord> _epochs = [];
    private DateTimeOffset _lastBatchNotice;

    public string Title { get; set; } = "training";

    public TimeSpan BatchUpdateInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    public TrainingStatus Status { get; private set; } = TrainingStatus.NotStarted;

    public int TotalEpochs { get; private set; }

    /// <summary>The epoch running now (1-based), or the last one run.</summary>
    public int CurrentEpoch { get; private set; }

    public int CurrentBatch { get; private set; }

    public int BatchesPerEpoch { get; private set; }

    public double? LastBatchLoss { get; private set; }

    public string? Monitor { get; private set; }

    public int? BestEpoch { get; private set; }

    public double? BestValue { get; private set; }

    /// <summary>Which device trained, as its backend describes itself.</summary>
    public string? Device { get; private set; }

    /// <summary>Why the run stopped early or failed.</summary>
    public string? Message { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Incremented on every change, so a renderer can skip identical redraws.</summary>
    public long Version { get; private set; }

    public event EventHandler? Changed;

    public IReadOnlyList<EpochRecord> Epochs
    {
        get { lock (_gate) { return _epochs.ToArray(); } }
    }

    /// <summary>Every metric name seen so far, in first-seen order.</summary>
    public IReadOnlyList<string> MetricNames
    {
        get { lock (_gate) { return _epochs.SelectMany(e => e.Metrics.Keys).Distinct().ToArray(); } }
    }

    /// <summary>A metric's value per epoch (NaN where an epoch lacks it).</summary>
    public double[] Metric(string name)
    {
        lock (_gate)
        {
            return _epochs.Select(e => e.Metrics.TryGetValue(name, out var v) ? v : double.NaN).ToArray();
        }
    }

    /// <summary>Appends an epoch recorded by a custom loop.</summary>
    public void Record(EpochRecord epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        Mutate(() =>
        {
            _epochs.Add(epoch);
            CurrentEpoch = epoch.Epoch;
            Status = Status == TrainingStatus.NotStarted ? TrainingStatus.Running : Status;
        });
    }

    public override void OnTrainBegin(TrainingContext context) => Mutate(() =>
    {
        Status = TrainingStatus.Running;
        TotalEpochs = context.TotalEpochs;
        BatchesPerEpoch = context.BatchesPerEpoch;
        Monitor = context.Options.EarlyStopping?.Monitor;
        Device = context.Device.Description;
        StartedAt ??= DateTimeOffset.UtcNow;
        FinishedAt = null;
        Message = null;
    });

    public override void OnEpochBegin(TrainingContext context, int epoch) => Mutate(() =>
    {
        CurrentEpoch = epoch;
        CurrentBatch = 0;
    });

    public override void OnBatchEnd(TrainingContext context, BatchProgress batch)
    {
        var now = DateTimeOffset.UtcNow;
        lock (_gate)
        {
            CurrentBatch = batch.Batch;
            LastBatchLoss = batch.Loss;
            if (now - _lastBatchNotice < BatchUpdateInterval)
            {
                return;
            }

            _lastBatchNotice = now;
            Version++;
        }

        Changed?.Invoke(this, EventArgs.Empty);
    }

    public override void OnEpochEnd(TrainingContext context, EpochRecord epoch) => Record(epoch);

    public override void OnTrainEnd(TrainingContext context, TrainingSummary summary) => Mutate(() =>
    {
        Status = summary.Status;
        BestEpoch = summary.BestEpoch;
        BestValue = summary.BestValue;
        Message = summary.StopReason;
        FinishedAt = DateTimeOffset.UtcNow;
    });

    /// <summary>Restores epochs from a checkpoint so a resumed run's history is complete.</summary>
    internal void Restore(IEnumerable<EpochRecord> epochs) => Mutate(() =>
    {
        _epochs.Clear();
        _epochs.AddRange(epochs);
        CurrentEpoch = _epochs.Count == 0 ? 0 : _epochs[^1].Epoch;
    });

    public override string ToString()
    {
        var epochs = Epochs;
        var names = MetricNames;
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"{Title}: {Status}, epoch {CurrentEpoch}/{TotalEpochs}");
        if (BestEpoch is { } best)
        {
            builder.Append(CultureInfo.InvariantCulture, $", best {Monitor} {BestValue:G5} at epoch {best}");
        }

        builder.Append('\n').Append("epoch".PadLeft(5));
        foreach (var name in names)
        {
            builder.Append(' ').Append(name.PadLeft(12));
        }

        foreach (var epoch in epochs)
        {
            builder.Append('\n').Append(epoch.Epoch.ToString(CultureInfo.InvariantCulture).PadLeft(5));
            foreach (var name in names)
            {
                var text = epoch.Metrics.TryGetValue(name, out var v) ? v.ToString("G5", CultureInfo.InvariantCulture) : "-";
                builder.Append(' ').Append(text.PadLeft(12));
            }
        }

        return builder.ToString();
    }

    private void Mutate(Action change)
    {
        lock (_gate)
        {
            change();
            Version++;
        }

        Changed?.Invoke(this, EventArgs.Empty);
    }
}
