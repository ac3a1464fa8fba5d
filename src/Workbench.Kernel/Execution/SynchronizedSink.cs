namespace Workbench.Kernel.Execution;

/// <summary>Serialises calls into a sink: a cell's threads and tasks may write at the same time.</summary>
internal sealed class SynchronizedSink(IOutputSink inner) : IOutputSink
{
    private readonly object _gate = new();

    public IOutputSink Inner { get; } = inner;

    public void OnStream(OutputStream stream, string text)
    {
        lock (_gate)
        {
            Inner.OnStream(stream, text);
        }
    }

    public void OnDisplayData(DisplayOutput output)
    {
        lock (_gate)
        {
            Inner.OnDisplayData(output);
        }
    }

    public void OnUpdateDisplayData(DisplayOutput output)
    {
        lock (_gate)
        {
            Inner.OnUpdateDisplayData(output);
        }
    }

    public void OnExecuteResult(DisplayOutput output)
    {
        lock (_gate)
        {
            Inner.OnExecuteResult(output);
        }
    }

    public void OnError(ErrorOutput error)
    {
        lock (_gate)
        {
            Inner.OnError(error);
        }
    }

    public void OnClearOutput(bool wait)
    {
        lock (_gate)
        {
            Inner.OnClearOutput(wait);
        }
    }

    public Task<string> OnInputRequestAsync(InputRequest request, CancellationToken cancellationToken) =>
        Inner.OnInputRequestAsync(request, cancellationToken);
}
