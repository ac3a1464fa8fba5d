namespace Workbench.Cli.Notebooks;

/// <summary>
/// Where an executed notebook goes: <c>DIR/&lt;name&gt;.ipynb</c> with --output-dir, else beside the input as
/// <c>&lt;name&gt;.executed.ipynb</c> (a .dib notebook is written as .ipynb, the format that holds outputs).
/// </summary>
internal static class OutputPaths
{
    public const string ExecutedSuffix = ".executed";

    public static string For(string input, string? outputDirectory)
    {
        var name = Path.GetFileNameWithoutExtension(input);
        if (outputDirectory is not null)
        {
            return Path.GetFullPath(Path.Combine(outputDirectory, name + ".ipynb"));
        }

        // Re-running an executed notebook overwrites it rather than growing ".executed.executed".
        if (name.EndsWith(ExecutedSuffix, StringComparison.Ordinal))
        {
            name = name[..^ExecutedSuffix.Length];
        }

        return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(input))!, name + ExecutedSuffix + ".ipynb"));
    }

    public static string HtmlFor(string outputNotebook) => Path.ChangeExtension(outputNotebook, ".html");
}
