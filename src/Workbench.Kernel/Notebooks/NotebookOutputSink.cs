using System.Text.Json.Nodes;
using Workbench.Kernel.Execution;

namespace Workbench.Kernel.Notebooks;

/// <summary>
/// Writes a cell's outputs into the notebook as nbclient would: consecutive stream text merged, display ids tracked
/// across the notebook so <c>update_display_data</c> replaces every output with that id, <c>clear_output(wait)</c>
/// deferred to the next output. Input requests are answered from the run's answers, by variable name or prompt.
/// </summary>
public sealed class NotebookOutputSink(NotebookCell cell, DisplayIndex displays, IReadOnlyDictionary<string, string> answers, string label) : IOutputSink
{
    private bool _clearOnNextOutput;

    public void OnStream(OutputStream stream, string text)
    {
        BeforeOutput();
        var name = stream == OutputStream.Stdout ? "stdout" : "stderr";
        if (cell.Outputs.LastOrDefault() is JsonObject last
            && last["output_type"]?.GetValue<string>() == "stream"
            && last["name"]?.GetValue<string>() == name)
        {
            last["text"] = (MultilineText.Read(last["text"]) ?? string.Empty) + text;
            return;
        }

        cell.Outputs.Add(NbformatOutputs.Stream(stream, text));
    }

    public void OnDisplayData(DisplayOutput output)
    {
        BeforeOutput();
        var json = NbformatOutputs.DisplayData(output);
        cell.Outputs.Add(json);
        if (output.DisplayId is { } id)
        {
            displays.Add(id, json);
        }
    }

    public void OnUpdateDisplayData(DisplayOutput output)
    {
        if (output.DisplayId is null)
        {
            return;
        }

        var replacement = NbformatOutputs.DisplayData(output);
        foreach (var target in displays.Find(output.DisplayId))
        {
            target["data"] = replacement["data"]!.DeepClone();
            target["metadata"] = replacement["metadata"]!.DeepClone();
        }
    }

    public void OnExecuteResult(DisplayOutput output)
    {
        BeforeOutput();
        cell.Outputs.Add(NbformatOutputs.ExecuteResult(output, cell.ExecutionCount));
    }

    public void OnError(ErrorOutput error)
    {
        BeforeOutput();
        cell.Outputs.Add(NbformatOutputs.Error(error));
    }

    public void OnClearOutput(bool wait)
    {
        if (wait)
        {
            _clearOnNextOutput = true;
        }
        else
        {
            Clear();
        }
    }

    public Task<string> OnInputRequestAsync(InputRequest request, CancellationToken cancellationToken)
    {
        if (request.Name is { } name && answers.TryGetValue(name, out var byName))
        {
            return Task.FromResult(byName);
        }

        if (request.Prompt.Length > 0 && answers.TryGetValue(request.Prompt, out var byPrompt))
        {
            return Task.FromResult(byPrompt);
        }

        var what = request.Name is null ? $"a line of input{(request.Prompt.Length > 0 ? $" ('{request.Prompt}')" : " (Console.ReadLine)")}" : $"'{request.Name}' ({request.Prompt})";
        throw new InputUnavailableException($"{label} asks for {what}, but this run is headless: pass --input {request.Name ?? "PROMPT"}=VALUE.");
    }

    private void BeforeOutput()
    {
        if (_clearOnNextOutput)
        {
            _clearOnNextOutput = false;
            Clear();
        }
    }

    private void Clear()
    {
        displays.Forget(cell.Outputs.OfType<JsonObject>());
        cell.Outputs.Clear();
    }
}

/// <summary>Outputs with a display id, across the whole notebook (a later cell may update an earlier cell's output).</summary>
public sealed class DisplayIndex
{
    private readonly Dictionary<string, List<JsonObject>> _outputs = new(StringComparer.Ordinal);

    public void Add(string displayId, JsonObject output)
    {
        if (!_outputs.TryGetValue(displayId, out var list))
        {
            _outputs[displayId] = list = [];
        }

        list.Add(output);
    }

    public IReadOnlyList<JsonObject> Find(string displayId) => _outputs.TryGetValue(displayId, out var list) ? list : [];

    public void Forget(IEnumerable<JsonObject> outputs)
    {
        var removed = outputs.ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var list in _outputs.Values)
        {
            list.RemoveAll(removed.Contains);
        }
    }
}
