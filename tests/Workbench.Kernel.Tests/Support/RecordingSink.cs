using Workbench.Kernel.Execution;

namespace Workbench.Kernel.Tests.Support;

/// <summary>A sink that keeps every output in order and answers input requests from a queue.</summary>
public sealed class RecordingSink : IOutputSink
{
    private readonly object _gate = new();
    private readonly List<object> _events = [];

    public Queue<string> Answers { get; } = new();

    public List<InputRequest> InputRequests { get; } = [];

    public IReadOnlyList<object> Events
    {
        get
        {
            lock (_gate)
            {
                return _events.ToArray();
            }
        }
    }

    public string Stdout => string.Concat(Events.OfType<StreamEvent>().Where(e => e.Stream == OutputStream.Stdout).Select(e => e.Text));

    public string Stderr => string.Concat(Events.OfType<StreamEvent>().Where(e => e.Stream == OutputStream.Stderr).Select(e => e.Text));

    public IReadOnlyList<DisplayOutput> Displays => Events.OfType<DisplayEvent>().Where(e => e.Kind == "display").Select(e => e.Output).ToArray();

    public IReadOnlyList<DisplayOutput> Updates => Events.OfType<DisplayEvent>().Where(e => e.Kind == "update").Select(e => e.Output).ToArray();

    public IReadOnlyList<DisplayOutput> Results => Events.OfType<DisplayEvent>().Where(e => e.Kind == "result").Select(e => e.Output).ToArray();

    public IReadOnlyList<ErrorOutput> Errors => Events.OfType<ErrorOutput>().ToArray();

    public void OnStream(OutputStream stream, string text) => Add(new StreamEvent(stream, text));

    public void OnDisplayData(DisplayOutput output) => Add(new DisplayEvent("display", output));

    public void OnUpdateDisplayData(DisplayOutput output) => Add(new DisplayEvent("update", output));

    public void OnExecuteResult(DisplayOutput output) => Add(new DisplayEvent("result", output));

    public void OnError(ErrorOutput error) => Add(error);

    public void OnClearOutput(bool wait) => Add(new ClearEvent(wait));

    public Task<string> OnInputRequestAsync(InputRequest request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            InputRequests.Add(request);
            if (Answers.Count == 0)
            {
                throw new InputUnavailableException($"no answer queued for '{request.Prompt}'");
            }

            return Task.FromResult(Answers.Dequeue());
        }
    }

    private void Add(object item)
    {
        lock (_gate)
        {
            _events.Add(item);
        }
    }

    public sealed record StreamEvent(OutputStream Stream, string Text);

    public sealed record DisplayEvent(string Kind, DisplayOutput Output);

    public sealed record ClearEvent(bool Wait);
}
