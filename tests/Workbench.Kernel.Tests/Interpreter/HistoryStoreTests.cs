using Workbench.Kernel.Interpreter;
using Workbench.Testing;

namespace Workbench.Kernel.Tests.Interpreter;

public sealed class HistoryStoreTests : IDisposable
{
    private readonly TempDirectory _folder = new("wb-history");

    public void Dispose() => _folder.Dispose();

    private string FilePath => _folder.File("kernel/history.jsonl");

    [Fact]
    public void Sessions_are_numbered_and_kept_across_kernels()
    {
        var first = new HistoryStore(FilePath);
        first.Session.Should().Be(1);
        first.Add(1, "var x = 1;", null);
        first.Add(2, "x + 1", "2");

        var second = new HistoryStore(FilePath);
        second.Session.Should().Be(2);
        second.Add(1, "x * 10", "10");
        second.Range(0, 1, 0).Select(e => e.Input).Should().Equal("x * 10");
        second.Range(-1, 1, 0).Select(e => e.Input).Should().Equal("var x = 1;", "x + 1");
        second.Range(1, 2, 3).Single().Output.Should().Be("2");
        second.Tail(2).Select(e => (e.Session, e.Line)).Should().Equal((1, 2), (2, 1));
    }

    [Fact]
    public void Search_matches_globs_whole_and_unique_keeps_the_latest()
    {
        var store = new HistoryStore(null);
        store.Add(1, "display(a)", null);
        store.Add(2, "display(b)", null);
        store.Add(3, "display(a)", null);
        store.Add(4, "var display = 1;", null);
        store.Search("display(*)", null, unique: false).Select(e => e.Line).Should().Equal(1, 2, 3);
        store.Search("display(*)", null, unique: true).Select(e => e.Line).Should().Equal(2, 3);
        store.Search("display(?)", 1, unique: false).Select(e => e.Line).Should().Equal(3);
        store.Search("display([!a])", null, unique: false).Select(e => e.Line).Should().Equal(2);
        store.Search("*display*", null, unique: false).Should().HaveCount(4);
    }

    [Fact]
    public void A_line_torn_by_a_crash_is_skipped_and_the_rest_kept()
    {
        var store = new HistoryStore(FilePath);
        store.Add(1, "good", null);
        File.AppendAllText(FilePath, "{\"session\": 1, \"line\": 2, \"inp");
        var next = new HistoryStore(FilePath);
        next.Session.Should().Be(2);
        next.Tail(10).Select(e => e.Input).Should().Equal("good");
    }
}
