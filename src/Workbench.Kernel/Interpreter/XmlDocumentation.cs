using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using System.Xml;
using Microsoft.CodeAnalysis;

namespace Workbench.Kernel.Interpreter;

/// <summary>
/// Summaries from the XML documentation files that ship beside assemblies (NuGet packages, our own library) and in the
/// SDK's reference pack (<c>packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/ref/net10.0/*.xml</c>) for the framework,
/// whose types live in System.Private.CoreLib at run time but are documented under their reference assembly's name.
/// Each file is read once, on first need.
/// </summary>
internal sealed class XmlDocumentation
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _files = new(StringComparer.Ordinal);
    private readonly Lazy<IReadOnlyList<string>> _referencePack = new(FindReferencePackFiles);

    /// <summary>The summary (and parameter / returns notes) of <paramref name="symbol"/>, as plain text; null when undocumented.</summary>
    public string? Summary(ISymbol symbol)
    {
        var target = symbol is IMethodSymbol { ReducedFrom: { } reduced } ? reduced : symbol.OriginalDefinition;
        var id = target.GetDocumentationCommentId();
        if (id is null)
        {
            return null;
        }

        // Cell code and source-declared symbols carry their /// comments in the compilation itself.
        var inSource = target.GetDocumentationCommentXml(System.Globalization.CultureInfo.InvariantCulture);
        if (!string.IsNullOrWhiteSpace(inSource))
        {
            return Render(inSource);
        }

        foreach (var file in CandidateFiles(target.ContainingAssembly))
        {
            if (Load(file).TryGetValue(id, out var xml))
            {
                return Render(xml);
            }
        }

        return null;
    }

    private IEnumerable<string> CandidateFiles(IAssemblySymbol? assembly)
    {
        if (assembly is null)
        {
            yield break;
        }

        var name = assembly.Identity.Name;
        var location = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name && !a.IsDynamic)?.Location;
        if (!string.IsNullOrEmpty(location))
        {
            yield return Path.ChangeExtension(location, ".xml");
        }

        var pack = _referencePack.Value;
        var own = pack.FirstOrDefault(f => string.Equals(Path.GetFileNameWithoutExtension(f), name, StringComparison.OrdinalIgnoreCase));
        if (own is not null)
        {
            yield return own;
        }

        if (name is "System.Private.CoreLib" or "System.Runtime" or "netstandard" or "mscorlib" || name.StartsWith("System.Private.", StringComparison.Ordinal))
        {
            // Implementation assemblies are documented under the reference assemblies that forward to them.
            foreach (var preferred in new[] { "System.Runtime", "System.Collections", "System.Linq", "System.Console", "System.Threading", "System.Runtime.InteropServices", "System.Text.RegularExpressions", "System.Net.Http" })
            {
                if (pack.FirstOrDefault(f => Path.GetFileNameWithoutExtension(f) == preferred) is { } file)
                {
                    yield return file;
                }
            }

            foreach (var file in pack)
            {
                yield return file;
            }
        }
    }

    private IReadOnlyDictionary<string, string> Load(string path) => _files.GetOrAdd(path, static p =>
    {
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(p))
        {
            return members;
        }

        try
        {
            using var reader = XmlReader.Create(p, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, IgnoreWhitespace = false });
            while (reader.ReadToFollowing("member"))
            {
                var name = reader.GetAttribute("name");
                var xml = reader.ReadOuterXml();
                if (name is not null)
                {
                    members[name] = xml;
                }
            }
        }
        catch (XmlException)
        {
            // A broken documentation file only means no summary.
        }

        return members;
    });

    private static IReadOnlyList<string> FindReferencePackFiles()
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar);
        var version = Path.GetFileName(runtime);
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        if (!Directory.Exists(packs))
        {
            return [];
        }

        var folder = Directory.Exists(Path.Combine(packs, version)) ? Path.Combine(packs, version)
            : Directory.EnumerateDirectories(packs).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault();
        var reference = folder is null ? null : Directory.EnumerateDirectories(Path.Combine(folder, "ref")).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault();
        return reference is null ? [] : Directory.EnumerateFiles(reference, "*.xml").OrderBy(f => f, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The member's summary, params, returns and remarks as readable text (cref and langword inlined).</summary>
    internal static string? Render(string memberXml)
    {
        try
        {
            var document = new XmlDocument();
            document.LoadXml(memberXml.TrimStart().StartsWith("<member", StringComparison.Ordinal) ? memberXml : $"<member>{memberXml}</member>");
            var root = document.DocumentElement!;
            var text = new StringBuilder();
            if (root.SelectSingleNode("summary") is { } summary)
            {
                text.AppendLine(Inline(summary));
            }

            foreach (XmlNode parameter in root.SelectNodes("param")!)
            {
                text.AppendLine($"  {parameter.Attributes?["name"]?.Value}: {Inline(parameter)}");
            }

            if (root.SelectSingleNode("returns") is { } returns)
            {
                text.AppendLine($"Returns: {Inline(returns)}");
            }

            if (root.SelectSingleNode("remarks") is { } remarks)
            {
                text.AppendLine().AppendLine(Inline(remarks));
            }

            var result = text.ToString().Trim();
            return result.Length == 0 ? null : result;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static string Inline(XmlNode node)
    {
        var text = new StringBuilder();
        Append(node, text);
        return string.Join(' ', text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static void Append(XmlNode node, StringBuilder text)
    {
        foreach (XmlNode child in node.ChildNodes)
        {
            switch (child)
            {
                case XmlText or XmlCDataSection or XmlWhitespace or XmlSignificantWhitespace:
                    text.Append(child.Value);
                    break;
                case XmlElement { Name: "see" or "seealso" } see:
                    var reference = see.GetAttribute("cref") is { Length: > 0 } cref ? cref[(cref.IndexOf(':') + 1)..] : see.GetAttribute("langword");
                    text.Append(see.InnerText.Length > 0 ? see.InnerText : reference);
                    break;
                case XmlElement { Name: "paramref" or "typeparamref" } parameterReference:
                    text.Append(parameterReference.GetAttribute("name"));
                    break;
                case XmlElement { Name: "para" or "br" } paragraph:
                    text.Append(' ');
                    Append(paragraph, text);
                    text.Append(' ');
                    break;
                case XmlElement element:
                    Append(element, text);
                    break;
            }
        }
    }
}
