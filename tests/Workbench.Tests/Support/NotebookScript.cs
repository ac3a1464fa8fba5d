using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Workbench.Testing;

namespace Workbench.Tests.Support;

/// <summary>What running a notebook's code cells as one script produced.</summary>
/// <param name="Printed">Everything the cells wrote to the console.</param>
/// <param name="Values">Each code cell's return value (what the kernel would display), in order.</param>
/// <param name="Markdown">The notebook's markdown cells joined, for checking the prose against the outputs.</param>
public sealed record NotebookScriptResult(string Printed, IReadOnlyList<object?> Values, string Markdown);

/// <summary>
/// Runs the code cells of a notebook in notebooks/ in order as one C# script, with the state carried across cells as
/// the kernel does. Package magics (<c>#r</c>, <c>#i</c>) are left to the kernel: the test project references the
/// library directly. The notebooks' relative paths are rewritten to absolute ones: <c>"../data-samples"</c> always,
/// and any other quoted literal given in <paramref name="paths"/> (for example an output folder, pointed at a
/// temporary one). This keeps a notebook's prose honest without the packing step the headless runner needs.
/// The cells' console output is captured by redirecting Console.Out, which is process-wide: a test using this runner
/// belongs to <see cref="Tracking.ProcessStateCollection"/>, or a test running beside it steals or mixes the output.
/// </summary>
public static class NotebookScript
{
    /// <summary>The library and the imports a notebook's cells get from the kernel; add references for more.</summary>
    public static ScriptOptions LibraryOptions { get; } = ScriptOptions.Default
        .AddReferences(typeof(Workbench.Data.Frame).Assembly)
        .AddImports("System", "System.IO", "System.Linq", "System.Collections.Generic");

    public static async Task<NotebookScriptResult> RunAsync(
        string notebookName, IReadOnlyDictionary<string, string>? paths = null, ScriptOptions? options = null, object? globals = null)
    {
        options ??= LibraryOptions;
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Notebooks, notebookName)));
        var cells = document.RootElement.GetProperty("cells").EnumerateArray()
            .Select(c => (Kind: c.GetProperty("cell_type").GetString(), Source: string.Concat(c.GetProperty("source").EnumerateArray().Select(l => l.GetString()))))
            .ToArray();
        var markdown = string.Join('\n', cells.Where(c => c.Kind == "markdown").Select(c => c.Source));
        var replacements = new Dictionary<string, string> { ["../data-samples"] = RepoPaths.DataSamples };
        foreach (var (literal, path) in paths ?? new Dictionary<string, string>())
        {
            replacements[literal] = path;
        }

        var printed = new StringBuilder();
        var originalOut = Console.Out;
        Console.SetOut(new StringWriter(printed));
        var values = new List<object?>();
        try
        {
            ScriptState<object>? state = null;
            foreach (var (_, source) in cells.Where(c => c.Kind == "code"))
            {
                var code = WithoutPackageMagics(source);
                foreach (var (literal, path) in replacements)
                {
                    code = code.Replace($"\"{literal}\"", $"@\"{path}\"", StringComparison.Ordinal);
                }

                state = state is null
                    ? await CSharpScript.RunAsync(code, options, globals, globals?.GetType())
                    : await state.ContinueWithAsync(code, options);
                values.Add(state.ReturnValue);
            }
        }
        finally
        {
            Console.SetOut(originalOut);
        }

        return new NotebookScriptResult(printed.ToString(), values, markdown);
    }

    private static string WithoutPackageMagics(string source) =>
        string.Join('\n', source.Split('\n').Where(line =>
            !line.TrimStart().StartsWith("#i ", StringComparison.Ordinal) && !line.TrimStart().StartsWith("#r ", StringComparison.Ordinal)));
}
