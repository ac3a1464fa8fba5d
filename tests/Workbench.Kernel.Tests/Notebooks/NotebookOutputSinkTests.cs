using System.Text.Json.Nodes;
using Workbench.Kernel.Execution;
using Workbench.Kernel.Formatting;
using Workbench.Kernel.Notebooks;

namespace Workbench.Kernel.Tests.Notebooks;

public sealed class NotebookOutputSinkTests
{
    private static NotebookOutputSink Sink(NotebookCell cell, DisplayIndex? displays = null, Dictionary<string, string>? answers = null) =>
        new(cell, displays ?? new DisplayIndex(), answers ?? [], "cell 1");

    [Fact]
    public void Consecutive_stream_text_is_merged_per_stream()
    {
        var cell = NotebookCell.NewCode("x");
        var sink = Sink(cell);
        sink.OnStream(OutputStream.Stdout, "a\n");
        sink.OnStream(OutputStream.Stdout, "b\n");
        sink.OnStream(OutputStream.Stderr, "warn\n");
        sink.OnStream(OutputStream.Stdout, "c\n");

        cell.Outputs.Select(o => (o!["name"]!.GetValue<string>(), MultilineText.Read(o["text"]))).Should().Equal(("stdout", "a\nb\n"), ("stderr", "warn\n"), ("stdout", "c\n"));
    }

    [Fact]
    public void An_update_replaces_the_display_with_that_id_even_in_an_earlier_cell()
    {
        var displays = new DisplayIndex();
        var first = NotebookCell.NewCode("a");
        var second = NotebookCell.NewCode("b");
        Sink(first, displays).OnDisplayData(new DisplayOutput(MimeBundle.PlainText("0%"), DisplayId: "progress"));
        Sink(second, displays).OnUpdateDisplayData(new DisplayOutput(MimeBundle.PlainText("100%"), DisplayId: "progress"));

        MultilineText.Read(first.Outputs.Single()!["data"]!["text/plain"]).Should().Be("100%");
        second.Outputs.Should().BeEmpty();
    }

    [Fact]
    public void Clear_output_with_wait_clears_just_before_the_next_output()
    {
        var cell = NotebookCell.NewCode("x");
        var sink = Sink(cell);
        sink.OnStream(OutputStream.Stdout, "old\n");
        sink.OnClearOutput(wait: true);
        cell.Outputs.Should().HaveCount(1);
        sink.OnStream(OutputStream.Stdout, "new\n");

        cell.Outputs.Single()!["text"]!.GetValue<string>().Should().Be("new\n");
    }

    [Fact]
    public void Json_mime_types_are_stored_as_json()
    {
        var cell = NotebookCell.NewCode("x");
        Sink(cell).OnDisplayData(new DisplayOutput(new MimeBundle().Set("application/json", "{\"a\":1}").Set("text/plain", "a")));

        cell.Outputs.Single()!["data"]!["application/json"].Should().BeOfType<JsonObject>();
    }

    [Fact]
    public async Task Input_is_answered_by_name_or_prompt_or_refused_with_the_flag_to_pass()
    {
        var sink = Sink(NotebookCell.NewCode("x"), answers: new() { ["who"] = "Ada", ["Ward?"] = "ICU" });

        (await sink.OnInputRequestAsync(new InputRequest("Your name", false, "who"), default)).Should().Be("Ada");
        (await sink.OnInputRequestAsync(new InputRequest("Ward?", false), default)).Should().Be("ICU");
        var act = () => sink.OnInputRequestAsync(new InputRequest("API key", true, "key"), default);
        (await act.Should().ThrowAsync<InputUnavailableException>()).WithMessage("cell 1 asks for 'key' (API key), but this run is headless: pass --input key=VALUE.");
    }
}
