using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Workbench.Kernel.Tests.Support;

/// <summary>Compiles small real assemblies to disk for #r and extension tests.</summary>
public static class TestAssemblies
{
    public static string Compile(string directory, string assemblyName, string source, params string[] referencePaths)
    {
        Directory.CreateDirectory(directory);
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = Directory.GetFiles(runtime, "System*.dll")
            .Append(Path.Combine(runtime, "netstandard.dll"))
            .Where(File.Exists)
            .Where(p => !p.Contains("Native", StringComparison.Ordinal))
            .Select(p => MetadataReference.CreateFromFile(p))
            .Concat(referencePaths.Select(p => MetadataReference.CreateFromFile(p)));
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var path = Path.Combine(directory, assemblyName + ".dll");
        var result = compilation.Emit(path);
        result.Success.Should().BeTrue(string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return path;
    }
}
