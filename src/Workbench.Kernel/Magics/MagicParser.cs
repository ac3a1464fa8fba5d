using System.Text;

namespace Workbench.Kernel.Magics;

/// <summary>
/// Reads the magics at the top of a cell (blank and <c>//</c> comment lines may sit between them); the first other
/// line starts the code. Magic lines are blanked, not removed, so compile errors keep the cell's line numbers.
/// </summary>
public static class MagicParser
{
    public static ParsedCell Parse(string code, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        var kernel = NormalizeKernel(language);
        if (kernel != "csharp")
        {
            return new ParsedCell([], kernel, code, []);
        }

        var magics = new List<Magic>();
        var errors = new List<MagicError>();
        var body = new StringBuilder(code.Length);
        var lines = SplitKeepingEndings(code);
        for (var index = 0; index < lines.Count; index++)
        {
            var line = lines[index];
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith("//", StringComparison.Ordinal) || !IsMagicLine(trimmed))
            {
                if (trimmed.Length != 0 && !trimmed.StartsWith("//", StringComparison.Ordinal))
                {
                    // The code starts here; later lines are C#.
                    body.Append(string.Concat(lines.Skip(index)));
                    break;
                }

                body.Append(line);
                continue;
            }

            var number = index + 1;
            var magic = ParseLine(trimmed, number, errors);
            body.Append(Blank(line));
            if (magic is null)
            {
                continue;
            }

            magics.Add(magic);
            if (magic is KernelMagic switched)
            {
                kernel = NormalizeKernel(switched.KernelName);
                if (kernel != "csharp")
                {
                    // Markdown, HTML or a foreign kernel: the rest of the cell is that language's text.
                    return new ParsedCell(magics, kernel, string.Concat(lines.Skip(index + 1)), errors);
                }
            }
        }

        return new ParsedCell(magics, kernel, body.ToString(), errors);
    }

    /// <summary>"csharp" for C# aliases, "markdown", "html", or the foreign kernel's name in lower case.</summary>
    public static string NormalizeKernel(string? name) => name?.Trim().TrimStart('#', '!').ToLowerInvariant() switch
    {
        null or "" or "csharp" or "c#" or "cs" or ".net-csharp" => "csharp",
        "markdown" or "md" => "markdown",
        var other => other,
    };

    private static bool IsMagicLine(string trimmed) =>
        trimmed.StartsWith("#!", StringComparison.Ordinal)
        || IsDirective(trimmed, "#r")
        || IsDirective(trimmed, "#i");

    private static bool IsDirective(string trimmed, string directive) =>
        trimmed.StartsWith(directive, StringComparison.Ordinal)
        && (trimmed.Length == directive.Length || trimmed[directive.Length] is ' ' or '\t' or '"');

    private static Magic? ParseLine(string text, int line, List<MagicError> errors)
    {
        if (IsDirective(text, "#r"))
        {
            return ParseReference(text, line, errors);
        }

        if (IsDirective(text, "#i"))
        {
            var argument = Unquote(text[2..].Trim());
            if (!TryStripNuGetPrefix(argument, out var source) || source.Length == 0)
            {
                errors.Add(new MagicError(line, $"#i expects \"nuget: <folder or feed URL>\", got: {text}"));
                return null;
            }

            return new PackageSourceMagic(line, text, source);
        }

        var words = Tokenize(text);
        var name = words[0];
        switch (name)
        {
            case "#!time":
                return ExpectNoArguments(new TimeMagic(line, text), words, errors);
            case "#!lsmagic":
                return ExpectNoArguments(new ListMagicsMagic(line, text), words, errors);
            case "#!about":
                return ExpectNoArguments(new AboutMagic(line, text), words, errors);
            case "#!who":
                return ExpectNoArguments(new WhoMagic(line, text, Detailed: false), words, errors);
            case "#!whos":
                return ExpectNoArguments(new WhoMagic(line, text, Detailed: true), words, errors);
            case "#!set":
                return ParseSet(text, line, words, errors);
        }

        var kernel = name[2..];
        if (MagicCatalog.OwnKernels.Contains(kernel) || MagicCatalog.ForeignKernels.Contains(kernel))
        {
            return new KernelMagic(line, text, kernel);
        }

        errors.Add(new MagicError(line, $"unknown magic '{name}'. Known magics: {MagicCatalog.KnownList} (see #!lsmagic)."));
        return null;
    }

    private static Magic? ParseReference(string text, int line, List<MagicError> errors)
    {
        var argument = Unquote(text[2..].Trim());
        if (argument.Length == 0)
        {
            errors.Add(new MagicError(line, "#r expects a path (#r \"lib/My.dll\") or a package (#r \"nuget: Name, 1.0.0\")."));
            return null;
        }

        if (!TryStripNuGetPrefix(argument, out var package))
        {
            return new AssemblyReferenceMagic(line, text, argument);
        }

        var parts = package.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length > 2 || parts[0].Length == 0 || parts[0].Any(char.IsWhiteSpace))
        {
            errors.Add(new MagicError(line, $"#r \"nuget: ...\" expects \"nuget: Name\" or \"nuget: Name, Version\", got: {text}"));
            return null;
        }

        var version = parts.Length == 2 && parts[1].Length > 0 ? parts[1] : null;
        return new PackageReferenceMagic(line, text, parts[0], version);
    }

    private static Magic? ParseSet(string text, int line, IReadOnlyList<string> words, List<MagicError> errors)
    {
        string? name = null;
        string? value = null;
        for (var i = 1; i < words.Count; i++)
        {
            var option = words[i];
            if (option is not ("--name" or "--value") || i + 1 >= words.Count)
            {
                errors.Add(new MagicError(line, $"#!set takes --name <variable> --value <value | @input:\"prompt\" | @password:\"prompt\">; could not read '{option}' in: {text}"));
                return null;
            }

            if (option == "--name")
            {
                name = words[++i];
            }
            else
            {
                value = words[++i];
            }
        }

        if (name is null || value is null)
        {
            errors.Add(new MagicError(line, $"#!set needs both --name and --value: {text}"));
            return null;
        }

        if (!Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(name))
        {
            errors.Add(new MagicError(line, $"#!set --name '{name}' is not a valid C# variable name."));
            return null;
        }

        foreach (var (marker, password) in new[] { ("@input", false), ("@password", true) })
        {
            if (value == marker || value.StartsWith(marker + ":", StringComparison.Ordinal))
            {
                var prompt = value.Length > marker.Length ? Unquote(value[(marker.Length + 1)..]) : $"Value for {name}";
                return new SetMagic(line, text, name, null, prompt, password);
            }
        }

        return new SetMagic(line, text, name, value, null, false);
    }

    private static Magic ExpectNoArguments(Magic magic, IReadOnlyList<string> words, List<MagicError> errors)
    {
        if (words.Count > 1)
        {
            errors.Add(new MagicError(magic.Line, $"{words[0]} takes no arguments: {magic.Text}"));
        }

        return magic;
    }

    private static bool TryStripNuGetPrefix(string argument, out string rest)
    {
        if (argument.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
        {
            rest = argument["nuget:".Length..].Trim();
            return true;
        }

        rest = argument;
        return false;
    }

    /// <summary>Splits on spaces, keeping "quoted text" (and @input:"quoted prompt") together.</summary>
    internal static List<string> Tokenize(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
                current.Append(c);
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (current.Length > 0)
                {
                    words.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words.Select(w => w.StartsWith('"') ? Unquote(w) : w).ToList();
    }

    private static string Unquote(string text) =>
        text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1] : text;

    private static string Blank(string line)
    {
        var content = line.TrimEnd('\r', '\n');
        return new string(' ', content.Length) + line[content.Length..];
    }

    private static List<string> SplitKeepingEndings(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lines.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }
}
