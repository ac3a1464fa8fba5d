namespace Workbench.Kernel.Execution;

/// <summary>Book-keeping for the cell in flight: its cancellation, why it stopped, and the interrupt-check counter.</summary>
internal sealed class RunningCell : IDisposable
{
    private readonly object _gate = new();
    private readonly CancellationTokenSource _cancellation;
    private readonly CancellationTokenRegistration _registration;
    private readonly TaskCompletionSource _stopRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Timer? _timeout;
    private bool _stopping;
    private bool _completed;

    public RunningCell(CancellationToken callerToken)
    {
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        _registration = _cancellation.Token.Register(OnCancelled);
    }

    public CancellationToken Token => _cancellation.Token;

    public CellScope? Scope { get; set; }

    public Task? Work { get; set; }

    /// <summary>Completes when the cell is asked to stop.</summary>
    public Task StopRequested => _stopRequested.Task;

    public void StopAfter(TimeSpan timeout, string label)
    {
        _timeout = new Timer(_ => Stop(CellStatus.TimedOut, $"{label} ran longer than its {Durations.Describe(timeout)} timeout and was stopped."), null, timeout, Timeout.InfiniteTimeSpan);
    }

    public void Stop(CellStatus reason, string message)
    {
        if (Scope is { } scope && !_cancellation.IsCancellationRequested)
        {
            scope.StopReason = reason;
            scope.StopMessage = message;
        }

        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Called once the cell's work has finished, whenever that is.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            if (_stopping)
            {
                CellInterruption.EndStopping();
            }
        }
    }

    public void Dispose()
    {
        _timeout?.Dispose();
        _registration.Dispose();
    }

    private void OnCancelled()
    {
        lock (_gate)
        {
            if (!_completed && !_stopping)
            {
                _stopping = true;
                CellInterruption.BeginStopping();
            }
        }

        _stopRequested.TrySetResult();
    }
}
