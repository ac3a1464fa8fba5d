using Workbench.Kernel.Execution;
using Workbench.Kernel.Notebooks;
using Workbench.Kernel.Tests.Support;
using Workbench.Testing;

namespace Workbench.Kernel.Tests.Notebooks;

public sealed class DibReaderTests
{
    [Fact]
    public void Cells_split_on_kernel_lines_and_magics_stay_in_their_cell()
    {
        var notebook = DibReader.Read(Fixtures.Notebook("sample.dib"));

        notebook.Cells.Select(c => c.CellType).Should().Equal("markdown", "code", "code", "code");
        notebook.Cells[0].Source.Should().Be("# From a .dib file\n\nPolyglot's plain-text format.");
        notebook.Cells[1].Source.Should().Be("#!time\nvar greeting = \"hello from dib\";\nConsole.WriteLine(greeting);");
        notebook.KernelFor(notebook.Cells[1]).Should().Be("csharp");
        notebook.KernelFor(notebook.Cells[2]).Should().Be("fsharp");
        notebook.Metadata["polyglot_notebook"]!["kernelInfo"]!["items"]!.AsArray().Should().HaveCount(2);
    }

    [Fact]
    public async Task A_dib_notebook_runs_its_csharp_and_fails_clearly_on_other_kernels()
    {
        var notebook = DibReader.Read(Fixtures.Notebook("sample.dib"));
        using var engine = new ExecutionEngine();

        var sink = new RecordingSink();
        (await engine.ExecuteAsync(notebook.Cells[1].Source, sink, new CellOptions { Language = notebook.KernelFor(notebook.Cells[1]) })).Status.Should().Be(CellStatus.Ok);
        sink.Stdout.Should().StartWith("hello from dib\nWall time:");

        var fsharp = await engine.ExecuteAsync(notebook.Cells[2].Source, new RecordingSink(), new CellOptions { Label = "cell 3", Language = notebook.KernelFor(notebook.Cells[2]) });
        fsharp.Status.Should().Be(CellStatus.Error);
        fsharp.Error!.Value.Should().Contain("cell 3 is a 'fsharp' cell");
    }

    [Fact]
    public void A_dib_without_meta_defaults_to_csharp_and_converts_to_a_valid_ipynb()
    {
        using var folder = new TempDirectory("wb-dib");
        var notebook = DibReader.Parse("\n#!csharp\n1 + 1\n\n#!markdown\ntext\n", "plain.dib");
        var path = folder.File("plain.ipynb");
        IpynbWriter.Write(notebook, path);

        notebook.Cells.Select(c => c.Source).Should().Equal("1 + 1", "text");
        Fixtures.Validate(path).Should().Be("ok");
    }
}
