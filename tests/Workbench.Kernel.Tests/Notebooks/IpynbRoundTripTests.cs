using System.Text.Json.Nodes;
using Workbench.Kernel.Notebooks;
using Workbench.Kernel.Tests.Support;
using Workbench.Testing;

namespace Workbench.Kernel.Tests.Notebooks;

public sealed class IpynbRoundTripTests : IDisposable
{
    private readonly TempDirectory _folder = new("wb-ipynb");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_polyglot_notebook_written_by_nbformat_round_trips_byte_for_byte()
    {
        var path = Fixtures.Notebook("polyglot.ipynb");
        var notebook = IpynbReader.Read(path);
        var written = _folder.File("out.ipynb");
        IpynbWriter.Write(notebook, written);

        File.ReadAllText(written).Should().Be(File.ReadAllText(path));
        Fixtures.Validate(written).Should().Be("ok");
    }

    [Fact]
    public void Polyglot_and_unknown_metadata_are_readable_and_kept()
    {
        var notebook = IpynbReader.Read(Fixtures.Notebook("polyglot.ipynb"));

        notebook.DefaultKernelName.Should().Be("csharp");
        notebook.Metadata["kernelspec"]!["name"]!.GetValue<string>().Should().Be(".net-csharp");
        notebook.Metadata["custom_tool"]!["owner"]!.GetValue<string>().Should().Be("analytics");
        notebook.Cells.Should().HaveCount(5);
        notebook.Cells[1].HasTag("parameters").Should().BeTrue();
        notebook.Cells[1].Source.Should().Be("string ward = \"cardiology\";\nint rows = 3;");
        notebook.KernelFor(notebook.Cells[2]).Should().Be("csharp");
        notebook.KernelFor(notebook.Cells[3]).Should().Be("fsharp");
        notebook.Cells[4].CellType.Should().Be("raw");
    }

    [Fact]
    public void Our_output_matches_what_python_nbformat_writes_for_the_same_notebook()
    {
        // A notebook built here (strings, not line lists; no ids) must come out the way nbformat.write would lay it out.
        var notebook = NotebookDocument.CreateCSharp();
        var code = NotebookCell.NewCode("var x = 1;\nx\r\nlast line without newline");
        code.Outputs.Add(NbformatOutputs.Stream(Workbench.Kernel.Execution.OutputStream.Stdout, "a\nb\n"));
        code.ExecutionCount = 1;
        notebook.Cells.Add(NotebookCell.NewMarkdown("Unicode: 入院 — ✓\ttab \u0001 control"));
        notebook.Cells.Add(code);
        var ours = _folder.File("ours.ipynb");
        IpynbWriter.Write(notebook, ours);

        var python = PythonPeer.Run("import nbformat, sys\nnb = nbformat.read(sys.argv[1], as_version=4)\nnbformat.validate(nb)\nnbformat.write(nb, sys.argv[2])\nprint('written')", [ours, _folder.File("python.ipynb")]);

        python.Trim().Should().Be("written");
        File.ReadAllText(ours).Should().Be(File.ReadAllText(_folder.File("python.ipynb")));
    }

    [Fact]
    public void Multiline_fields_are_accepted_as_strings_or_lists()
    {
        var notebook = IpynbReader.Parse("""
            {"cells": [{"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": ["a\n", "b"]},
                       {"cell_type": "markdown", "metadata": {}, "source": "one string"}],
             "metadata": {}, "nbformat": 4, "nbformat_minor": 2}
            """, "old.ipynb");

        notebook.Cells[0].Source.Should().Be("a\nb");
        notebook.Cells[1].Source.Should().Be("one string");
    }

    [Fact]
    public void An_older_minor_version_is_written_as_4_5_with_an_id_on_every_cell()
    {
        var notebook = IpynbReader.Parse("""
            {"cells": [{"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": "1"},
                       {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": "2"}],
             "metadata": {}, "nbformat": 4, "nbformat_minor": 2}
            """, "old.ipynb");
        var path = _folder.File("upgraded.ipynb");
        IpynbWriter.Write(notebook, path);

        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["nbformat_minor"]!.GetValue<int>().Should().Be(5);
        json["cells"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).Should().OnlyHaveUniqueItems().And.AllSatisfy(id => id.Should().MatchRegex("^[a-f0-9]{8}$"));
        Fixtures.Validate(path).Should().Be("ok");
    }

    [Fact]
    public void Malformed_json_names_the_file_line_and_column()
    {
        var path = Fixtures.Notebook("not-json.ipynb");
        var act = () => IpynbReader.Read(path);

        act.Should().Throw<NotebookFormatException>().WithMessage($"{path} is not a valid notebook: its JSON is malformed at line 6, column *");
    }

    [Fact]
    public void Nbformat_3_is_rejected_with_the_conversion_command()
    {
        var act = () => IpynbReader.Parse("{\"nbformat\": 3, \"worksheets\": []}", "legacy.ipynb");

        act.Should().Throw<NotebookFormatException>().WithMessage("*nbformat 3*jupyter nbconvert --to notebook --nbformat 4 legacy.ipynb");
    }

    [Fact]
    public void A_cell_without_a_type_is_named()
    {
        var act = () => IpynbReader.Parse("{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": [{\"source\": \"x\"}]}", "odd.ipynb");

        act.Should().Throw<NotebookFormatException>().WithMessage("odd.ipynb: cell 1 is not a cell object with a cell_type.");
    }

    [Fact]
    public void Python_splitlines_boundaries_are_used()
    {
        MultilineText.SplitLines("a\nb\r\nc\rd\u2028e").Should().Equal("a\n", "b\r\n", "c\r", "d\u2028", "e");
        MultilineText.SplitLines(string.Empty).Should().BeEmpty();
    }
}
