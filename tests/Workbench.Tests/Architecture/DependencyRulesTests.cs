using System.Text.RegularExpressions;
using Workbench.Testing;

namespace Workbench.Tests.Architecture;

/// <summary>
/// DESIGN.md's one-way dependencies: notebooks -> extension -> library; the CLI -> everything; the kernel knows
/// nothing of machine learning; the library knows nothing of notebooks, kernels or rendering; inside the library,
/// Data and Tracking depend on nothing else of ours.
/// </summary>
public sealed partial class DependencyRulesTests
{
    // Library folders and the library folders each may use. Data and Tracking stand alone.
    private static readonly Dictionary<string, string[]> AllowedInsideLibrary = new()
    {
        ["Data"] = [],
        ["Tracking"] = [],
        ["Features"] = ["Data"],
        ["Learning"] = ["Data", "Features", "Tracking"],
        ["Tuning"] = ["Data", "Features", "Learning", "Tracking"],
        ["Registry"] = ["Data", "Tracking"],
        ["Monitoring"] = ["Data", "Features", "Learning", "Tracking", "Registry"],
        ["Pipelines"] = ["Data", "Features", "Learning", "Tuning", "Tracking", "Registry", "Monitoring"],
        ["Costs"] = [],
    };

    [Theory]
    [InlineData("src/Workbench/bin", "Workbench", new string[0])]
    [InlineData("src/Workbench.Kernel/bin", "Workbench.Kernel", new string[0])]
    [InlineData("kernels-extensions/Workbench.Extension/bin", "Workbench.Extension", new[] { "Workbench" })]
    [InlineData("src/Workbench.Serving/bin", "Workbench.Serving", new[] { "Workbench" })]
    [InlineData("src/Workbench.SageMaker/bin", "Workbench.SageMaker", new[] { "Workbench", "Workbench.Serving" })]
    public void Assemblies_reference_only_what_the_design_allows(string binFolder, string assemblyName, string[] allowed)
    {
        var path = Directory.GetFiles(RepoPaths.Combine(binFolder), assemblyName + ".dll", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
        path.Should().NotBeNull($"{assemblyName}.dll should be built under {binFolder}");

        var ours = MetadataReferences(path!).Where(name => name == "Workbench" || name.StartsWith("Workbench.", StringComparison.Ordinal));
        ours.Should().BeSubsetOf(allowed, $"{assemblyName} may reference only {string.Join(", ", allowed.DefaultIfEmpty("nothing of ours"))}");
    }

    [Fact]
    public void Library_folders_use_only_the_folders_the_design_allows()
    {
        var library = RepoPaths.Combine("src", "Workbench");
        var violations = new List<string>();
        foreach (var file in Directory.GetFiles(library, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(library, file);
            var folder = relative.Split(Path.DirectorySeparatorChar)[0];
            if (!AllowedInsideLibrary.TryGetValue(folder, out var allowed))
            {
                continue;
            }

            var text = StripComments(File.ReadAllText(file));
            foreach (Match match in QualifiedUse().Matches(text))
            {
                var used = match.Groups["area"].Value;
                if (used != folder && !allowed.Contains(used))
                {
                    violations.Add($"{relative}: uses Workbench.{used}");
                }
            }

            // Sibling namespaces also resolve unqualified from inside Workbench.*: "Features.X" in Workbench.Data.
            foreach (Match match in SiblingUse().Matches(text))
            {
                var used = match.Groups["area"].Value;
                if (used != folder && !allowed.Contains(used) && !text.Contains($"namespace Workbench.{folder}.{used}", StringComparison.Ordinal))
                {
                    violations.Add($"{relative}: uses {used}.{match.Groups["type"].Value}");
                }
            }
        }

        violations.Should().BeEmpty();
    }

    [Fact]
    public void Library_source_never_mentions_kernels_notebooks_or_rendering()
    {
        var library = RepoPaths.Combine("src", "Workbench");
        // Build output is skipped: generated InternalsVisibleTo attributes name friend assemblies (the server parses
        // requests with the CSV reader's own parsers) without the library depending on them.
        var offenders = Directory.GetFiles(library, "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(library, file))
            .Where(file => ForbiddenInLibrary().IsMatch(StripComments(File.ReadAllText(file))))
            .Select(file => Path.GetRelativePath(library, file));
        offenders.Should().BeEmpty("the library must not depend on the kernel, the extension or .NET Interactive");
    }

    private static IEnumerable<string> MetadataReferences(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(reader);
        return metadata.AssemblyReferences
            .Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name))
            .ToArray();
    }

    private static bool IsBuildOutput(string root, string file) =>
        Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar)[0] is "obj" or "bin";

    private static string StripComments(string source) => Comments().Replace(source, string.Empty);

    [GeneratedRegex(@"\bWorkbench\.(?<area>Data|Features|Learning|Tuning|Tracking|Registry|Monitoring|Pipelines|Costs)\b")]
    private static partial Regex QualifiedUse();

    [GeneratedRegex(@"(?<![\w.])(?<area>Features|Learning|Tuning|Tracking|Registry|Monitoring|Pipelines|Costs)\.(?<type>[A-Z]\w*)")]
    private static partial Regex SiblingUse();

    [GeneratedRegex(@"\bWorkbench\.(Kernel|Extension|Cli|Serving|SageMaker)\b|Microsoft\.DotNet\.Interactive")]
    private static partial Regex ForbiddenInLibrary();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();
}
