namespace Workbench.Kernel.Magics;

/// <summary>The magics the engine understands, with the usage line and description <c>#!lsmagic</c> shows.</summary>
public static class MagicCatalog
{
    public sealed record Entry(string Name, string Usage, string Description);

    public static IReadOnlyList<Entry> All { get; } =
    [
        new("#r", "#r \"path/to/Library.dll\"", "Reference an assembly; a relative path starts at the notebook's folder."),
        new("#r nuget", "#r \"nuget: Name, 1.2.3\"", "Reference a NuGet package and its dependencies (version optional; \"*-*\" allows prereleases). Loads the package's interactive-extensions/dotnet formatters."),
        new("#i", "#i \"nuget: ../artifacts/packages\"", "Add a package source: a local folder (relative to the notebook) or a feed URL."),
        new("#!time", "#!time", "Print the cell's wall time after it runs."),
        new("#!csharp", "#!csharp", "The rest of the cell is C# (the default)."),
        new("#!markdown", "#!markdown", "The rest of the cell is Markdown, displayed as formatted text."),
        new("#!html", "#!html", "The rest of the cell is HTML, displayed as is."),
        new("#!set", "#!set --name x --value @input:\"Your name\"", "Declare a string variable from a literal value, an @input:\"prompt\" or an @password:\"prompt\" answer."),
        new("#!who", "#!who", "List the names of the variables cells have declared."),
        new("#!whos", "#!whos", "List the variables with their types and values."),
        new("#!lsmagic", "#!lsmagic", "List these magics."),
        new("#!about", "#!about", "Show the versions of the kernel, the C# compiler and the .NET runtime."),
    ];

    /// <summary>Kernel names a .dib file or a Polyglot cell may use that this engine does not run.</summary>
    public static IReadOnlySet<string> ForeignKernels { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "fsharp", "f#", "pwsh", "powershell", "javascript", "js", "sql", "kql", "mermaid", "value", "http", "python", "r", "spiral",
    };

    /// <summary>Kernel names this engine runs.</summary>
    public static IReadOnlySet<string> OwnKernels { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "csharp", "c#", "markdown", "md", "html",
    };

    public static string KnownList => string.Join(", ", All.Select(e => e.Name).Distinct());
}
