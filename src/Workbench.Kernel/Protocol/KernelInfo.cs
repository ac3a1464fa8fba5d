using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Workbench.Kernel.Protocol;

/// <summary>kernel_info_reply's content: protocol 5.3, the C# language_info, implementation, banner and help links.</summary>
public static class KernelInfo
{
    public const string Implementation = "workbench";

    public const string LanguageName = "C#";

    public static string ImplementationVersion { get; } =
        typeof(KernelInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static string LanguageVersion { get; } = Microsoft.CodeAnalysis.CSharp.LanguageVersionFacts.ToDisplayString(Microsoft.CodeAnalysis.CSharp.LanguageVersionFacts.MapSpecifiedToEffectiveVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest));

    public static JsonObject Content() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = MessageBuilder.ProtocolVersion,
        ["implementation"] = Implementation,
        ["implementation_version"] = ImplementationVersion,
        ["language_info"] = new JsonObject
        {
            ["name"] = LanguageName,
            ["version"] = LanguageVersion,
            ["mimetype"] = "text/x-csharp",
            ["file_extension"] = ".cs",
            ["pygments_lexer"] = "csharp",
            ["codemirror_mode"] = "clike",
            ["nbconvert_exporter"] = "script",
        },
        ["banner"] = $"Workbench C# kernel {ImplementationVersion} — C# {LanguageVersion} on {RuntimeInformation.FrameworkDescription}. "
            + "Magics: #!lsmagic; help: Name? or Shift+Tab; packages: #r \"nuget: Name, Version\".",
        ["debugger"] = false,
        ["help_links"] = new JsonArray(
            Link("C# language reference", "https://learn.microsoft.com/dotnet/csharp/language-reference/"),
            Link(".NET API browser", "https://learn.microsoft.com/dotnet/api/"),
            Link("Jupyter messaging", "https://jupyter-client.readthedocs.io/en/stable/messaging.html")),
    };

    private static JsonObject Link(string text, string url) => new() { ["text"] = text, ["url"] = url };
}
