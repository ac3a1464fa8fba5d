using System.Reflection;

namespace Workbench.Kernel.Execution;

/// <summary>Settings for one <see cref="ExecutionEngine"/> (one notebook run or one kernel session).</summary>
public sealed record EngineOptions
{
    public static readonly IReadOnlyList<string> DefaultImports =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Text",
        "System.Threading", "System.Threading.Tasks", "Workbench.Kernel.Scripting",
    ];

    /// <summary>The folder relative paths in <c>#r "x.dll"</c>, <c>#i "nuget: ./feed"</c> and <c>#load</c> resolve against: the notebook's folder.</summary>
    public string BaseDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>
    /// When set, the process's current directory while cells run (like Jupyter, the notebook's folder). The current
    /// directory is process-wide: run one engine with a working directory at a time.
    /// </summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Cache root for NuGet restores: WORKBENCH_HOME, else ~/.workbench.</summary>
    public string WorkbenchHome { get; init; } = DefaultWorkbenchHome();

    /// <summary>Namespaces imported in every cell.</summary>
    public IReadOnlyList<string> Imports { get; init; } = DefaultImports;

    /// <summary>Host assemblies cells may use without <c>#r</c> (the framework and this kernel are always referenced).</summary>
    public IReadOnlyList<Assembly> References { get; init; } = [];

    /// <summary>How long an interrupted or timed-out cell gets to stop before it is reported as abandoned.</summary>
    public TimeSpan InterruptGracePeriod { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The <c>dotnet</c> executable used for NuGet restores; null finds the one running this process.</summary>
    public string? DotnetPath { get; init; }

    public static string DefaultWorkbenchHome() =>
        Environment.GetEnvironmentVariable("WORKBENCH_HOME") is { Length: > 0 } home
            ? Path.GetFullPath(home)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".workbench");
}
