using System.Net;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Workbench.Kernel.Formatting;
using Workbench.Kernel.Magics;
using Workbench.Kernel.Packages;

namespace Workbench.Kernel.Execution;

/// <summary>Runs the magics at the top of one cell: sources, references and packages first, then the rest in order.</summary>
internal sealed class MagicRunner(ExecutionEngine engine, CellScope scope, string label)
{
    /// <summary>Null when every magic succeeded; otherwise the failed outcome (already reported to the sink).</summary>
    public async Task<CellOutcome?> RunAsync(IReadOnlyList<Magic> magics)
    {
        foreach (var magic in magics)
        {
            try
            {
                switch (magic)
                {
                    case PackageSourceMagic source:
                        engine.Packages.AddSource(source.Source);
                        break;
                    case AssemblyReferenceMagic reference:
                        engine.Packages.AddAssembly(reference.Path);
                        break;
                }
            }
            catch (IOException e)
            {
                return Fail("ReferenceError", magic, e.Message);
            }
        }

        var packages = magics.OfType<PackageReferenceMagic>().ToArray();
        if (packages.Length > 0)
        {
            try
            {
                var report = await engine.Packages.AddPackagesAsync(packages.Select(p => new PackageSpec(p.PackageId, p.Version)).ToArray(), scope.Token).ConfigureAwait(false);
                ShowInstallReport(report, packages);
            }
            catch (PackageRestoreException e)
            {
                return Fail("PackageRestoreError", packages[0], e.Message);
            }
        }

        foreach (var magic in magics)
        {
            switch (magic)
            {
                case SetMagic set:
                    if (await SetAsync(set).ConfigureAwait(false) is { } failed)
                    {
                        return failed;
                    }

                    break;
                case ListMagicsMagic:
                    ListMagics();
                    break;
                case AboutMagic:
                    About();
                    break;
                case WhoMagic who:
                    Who(who.Detailed);
                    break;
            }
        }

        return null;
    }

    private async Task<CellOutcome?> SetAsync(SetMagic set)
    {
        var value = set.Value;
        if (value is null)
        {
            try
            {
                scope.FlushStreams();
                value = await scope.Sink.OnInputRequestAsync(new InputRequest(set.Prompt!, set.Password, set.Name), scope.Token).ConfigureAwait(false);
            }
            catch (InputUnavailableException e)
            {
                return Fail("InputUnavailable", set, e.Message);
            }
        }

        try
        {
            await engine.DeclareAsync($"string @{set.Name} = {SymbolDisplay.FormatLiteral(value, quote: true)};", scope).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            return Fail("MagicError", set, $"#!set could not declare '{set.Name}': {e.Message}");
        }

        return null;
    }

    private void ShowInstallReport(PackageSession.InstallReport report, IReadOnlyList<PackageReferenceMagic> requested)
    {
        foreach (var warning in report.Warnings)
        {
            scope.Stderr.WriteLine("warning: " + warning);
        }

        if (report.Installed.Count == 0)
        {
            return;
        }

        var direct = report.Installed.Where(p => requested.Any(r => string.Equals(r.PackageId, p.Id, StringComparison.OrdinalIgnoreCase))).ToArray();
        var dependencies = report.Installed.Count - direct.Length;
        var text = new StringBuilder("Installed packages: ").AppendJoin(", ", direct.Select(p => $"{p.Id} {p.Version}"));
        if (dependencies > 0)
        {
            text.Append($" (+{dependencies} dependencies)");
        }

        foreach (var (assembly, formatters) in report.Extensions)
        {
            text.Append($"; loaded extension {assembly} ({formatters} formatters)");
        }

        var html = new StringBuilder("<div><strong>Installed packages</strong><ul>");
        foreach (var (id, version) in direct)
        {
            html.Append($"<li><span>{WebUtility.HtmlEncode(id)}</span>, {WebUtility.HtmlEncode(version)}</li>");
        }

        html.Append("</ul>");
        if (dependencies > 0)
        {
            html.Append($"<div>and {dependencies} dependencies</div>");
        }

        foreach (var (assembly, formatters) in report.Extensions)
        {
            html.Append($"<div>Loaded extension <code>{WebUtility.HtmlEncode(assembly)}</code> ({formatters} formatters)</div>");
        }

        html.Append("</div>");
        scope.Display(new DisplayOutput(new MimeBundle().Set(MimeTypes.PlainText, text.ToString()).Set(MimeTypes.Html, html.ToString())));
    }

    private void ListMagics()
    {
        var text = new StringBuilder("Magics (at the top of a cell):").AppendLine();
        var html = new StringBuilder("<table><thead><tr><th>magic</th><th>what it does</th></tr></thead><tbody>");
        foreach (var entry in MagicCatalog.All)
        {
            text.AppendLine($"  {entry.Usage,-45} {entry.Description}");
            html.Append($"<tr><td><code>{WebUtility.HtmlEncode(entry.Usage)}</code></td><td>{WebUtility.HtmlEncode(entry.Description)}</td></tr>");
        }

        html.Append("</tbody></table>");
        scope.Display(new DisplayOutput(new MimeBundle().Set(MimeTypes.PlainText, text.ToString().TrimEnd()).Set(MimeTypes.Html, html.ToString())));
    }

    private void About()
    {
        var kernel = typeof(ExecutionEngine).Assembly;
        var facts = new (string Name, string Value)[]
        {
            ("Workbench kernel", kernel.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? kernel.GetName().Version?.ToString() ?? "?"),
            ("C# compiler (Roslyn)", typeof(CSharpCompilation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?"),
            ("C# language version", LanguageVersion.Latest.MapSpecifiedToEffectiveVersion().ToDisplayString()),
            (".NET runtime", RuntimeInformation.FrameworkDescription),
            ("OS", $"{RuntimeInformation.OSDescription} ({RuntimeInformation.RuntimeIdentifier})"),
            ("Package cache", engine.Packages.Restorer.Root),
        };
        var text = string.Join(Environment.NewLine, facts.Select(f => $"{f.Name}: {f.Value}"));
        var html = "<table><tbody>" + string.Concat(facts.Select(f => $"<tr><th>{WebUtility.HtmlEncode(f.Name)}</th><td>{WebUtility.HtmlEncode(f.Value)}</td></tr>")) + "</tbody></table>";
        scope.Display(new DisplayOutput(new MimeBundle().Set(MimeTypes.PlainText, text).Set(MimeTypes.Html, html)));
    }

    private void Who(bool detailed)
    {
        var variables = engine.Variables;
        if (!detailed)
        {
            var names = variables.Count == 0 ? "No variables are defined yet." : string.Join("  ", variables.Select(v => v.Name));
            scope.Display(new DisplayOutput(MimeBundle.PlainText(names)));
            return;
        }

        var rows = variables.Select(v => new { Variable = v.Name, Type = TypeNames.Short(v.Type), Value = ValueText.Clip(ValueSummaryText(v.Value), 80) }).ToArray();
        scope.Display(scope.Format(rows.Length == 0 ? "No variables are defined yet." : rows, null, null));
    }

    private static string ValueSummaryText(object? value)
    {
        try
        {
            return value is string s ? s : DefaultValueText(value);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"<{e.GetType().Name}>";
        }
    }

    private static string DefaultValueText(object? value) => new FormatterRegistry { MaxRows = 5 }.Format(value).Bundle[MimeTypes.PlainText];

    private CellOutcome Fail(string name, Magic magic, string message)
    {
        var text = $"{label}, line {magic.Line}: {message}";
        var error = new ErrorOutput(name, text, [$"{name}: {text}"]);
        scope.Error(error);
        return new CellOutcome(CellStatus.Error, error);
    }
}
