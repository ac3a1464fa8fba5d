using System.Text.Json.Nodes;
using Workbench.Kernel.Notebooks;
using Workbench.Testing;

namespace Workbench.Cli.Tests.Support;

/// <summary>Fixture notebooks, and small notebooks written for one test.</summary>
public static class NotebookFiles
{
    public static string Fixture(string name) => RepoPaths.Combine("tests", "fixtures", "notebooks", name);

    /// <summary>Writes a C# notebook whose code cells are <paramref name="cells"/>.</summary>
    public static string Write(string path, params string[] cells)
    {
        var notebook = NotebookDocument.CreateCSharp();
        foreach (var source in cells)
        {
            notebook.Cells.Add(NotebookCell.NewCode(source));
        }

        IpynbWriter.Write(notebook, path);
        return path;
    }

    public static JsonObject Read(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    public static JsonArray Cells(string path) => Read(path)["cells"]!.AsArray();

    public static string Text(JsonNode? multiline) => MultilineText.Read(multiline) ?? string.Empty;

    public static string Stdout(JsonNode cell) =>
        string.Concat(cell["outputs"]!.AsArray().Where(o => o!["output_type"]!.GetValue<string>() == "stream" && o["name"]!.GetValue<string>() == "stdout").Select(o => Text(o!["text"])));

    public static string Validate(string path) => Nbformat.Validate(path);
}
