using System.Collections.Concurrent;

namespace Workbench.Kernel.Formatting;

/// <summary>
/// Chooses the MIME bundle for a value. One registry per engine (notebook run or kernel session), so formatters
/// with per-session state keep it per session. For each MIME type the most specific formatter wins: registered
/// formatters (from a cell, the host, or an extension package) and formatter sources named by a
/// <c>TypeFormatterSourceAttribute</c> on the value's type, its base types or interfaces; on a tie, the latest
/// registration, then the attribute. Defaults cover the rest, and <c>text/plain</c> is always present.
/// A formatter that throws never breaks a cell: the bundle falls back and a warning says so.
/// </summary>
public sealed class FormatterRegistry
{
    private readonly object _gate = new();
    private readonly List<ITypeFormatter> _registered = [];
    private readonly ConcurrentDictionary<Type, IReadOnlyList<AttributedFormatter>> _attributed = new();
    private readonly ConcurrentDictionary<Type, IReadOnlyList<ITypeFormatter>> _sourceFormatters = new();

    /// <summary>Rows shown for a sequence before "… N more".</summary>
    public int MaxRows { get; set; } = 20;

    /// <summary>The registered formatters, oldest first.</summary>
    public IReadOnlyList<ITypeFormatter> Registered
    {
        get
        {
            lock (_gate)
            {
                return _registered.ToArray();
            }
        }
    }

    public void Register(ITypeFormatter formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        lock (_gate)
        {
            _registered.Add(formatter);
        }
    }

    /// <summary>Registers a formatter for <typeparamref name="T"/> and its subtypes: <c>Formatters.Register&lt;Patient&gt;("text/html", p =&gt; ...)</c>.</summary>
    public void Register<T>(string mimeType, Func<T, string> format)
    {
        ArgumentNullException.ThrowIfNull(format);
        Register(new DelegateFormatter<T>(mimeType, (value, writer) =>
        {
            writer.Write(format(value));
            return true;
        }));
    }

    /// <summary>Registers a formatter that writes to the output itself.</summary>
    public void Register<T>(string mimeType, Action<T, TextWriter> format)
    {
        ArgumentNullException.ThrowIfNull(format);
        Register(new DelegateFormatter<T>(mimeType, (value, writer) =>
        {
            format(value, writer);
            return true;
        }));
    }

    /// <summary>
    /// Registers every formatter of a formatter source (an object with <c>CreateTypeFormatters()</c>, called once here).
    /// Returns how many were registered and the formatters skipped because their shape did not match.
    /// </summary>
    public (int Registered, IReadOnlyList<string> Problems) RegisterSource(Type sourceType)
    {
        var problems = new List<string>();
        var count = 0;
        foreach (var formatter in FormatterSources.CreateFormatters(sourceType))
        {
            if (ReflectedFormatter.TryCreate(formatter, defaultType: null, out var problem) is { } adapted)
            {
                Register(adapted);
                count++;
            }
            else
            {
                problems.Add(problem!);
            }
        }

        return (count, problems);
    }

    /// <summary>
    /// Renders <paramref name="value"/>. <paramref name="mimeTypes"/>, when given, limits the bundle to those MIME
    /// types (plus text/plain); a string shown as a requested type it has no formatter for is taken to be that type.
    /// </summary>
    public FormattedValue Format(object? value, IReadOnlyCollection<string>? mimeTypes = null)
    {
        var bundle = new MimeBundle();
        var warnings = new List<string>();
        if (value is null)
        {
            bundle.Set(MimeTypes.PlainText, ValueText.Null);
            return new FormattedValue(bundle, warnings);
        }

        var wanted = mimeTypes is { Count: > 0 } ? new HashSet<string>(mimeTypes, StringComparer.Ordinal) : null;
        var attempted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in Candidates(value.GetType(), warnings).GroupBy(c => c.Formatter.MimeType, StringComparer.Ordinal))
        {
            if (wanted is not null && !wanted.Contains(group.Key) && group.Key != MimeTypes.PlainText)
            {
                continue;
            }

            attempted.Add(group.Key);
            foreach (var candidate in group.OrderBy(c => c.Distance).ThenBy(c => c.Priority))
            {
                if (TryFormat(candidate.Formatter, value, warnings) is { } text)
                {
                    bundle.Set(group.Key, text);
                    break;
                }
            }
        }

        var hasRich = bundle.Keys.Any(k => k != MimeTypes.PlainText);
        if (!hasRich)
        {
            var defaults = new MimeBundle();
            try
            {
                DefaultFormatting.AddRich(value, defaults, MaxRows);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                warnings.Add($"The default rich formatting of {TypeNames.Short(value.GetType())} threw {e.GetType().Name}: {e.Message}; showing text instead.");
            }

            foreach (var (mimeType, text) in defaults)
            {
                // A MIME type whose own formatter failed stays out: the text fallback is what the warning promised.
                if ((wanted is null || wanted.Contains(mimeType)) && !attempted.Contains(mimeType))
                {
                    bundle.Set(mimeType, text);
                }
            }
        }

        if (!bundle.ContainsKey(MimeTypes.PlainText))
        {
            bundle.Set(MimeTypes.PlainText, SafePlainText(value, warnings));
        }

        if (wanted is not null)
        {
            foreach (var mimeType in wanted.Where(m => !bundle.ContainsKey(m)))
            {
                if (value is string text)
                {
                    bundle.Set(mimeType, text);
                }
                else
                {
                    warnings.Add($"No formatter renders {TypeNames.Short(value.GetType())} as {mimeType}; showing {string.Join(", ", bundle.Keys)}.");
                }
            }
        }

        return new FormattedValue(bundle, warnings);
    }

    private string SafePlainText(object value, List<string> warnings)
    {
        try
        {
            return DefaultFormatting.PlainText(value, MaxRows);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            warnings.Add($"Formatting {TypeNames.Short(value.GetType())} as text threw {e.GetType().Name}: {e.Message}.");
            try
            {
                return value.ToString() ?? string.Empty;
            }
            catch (Exception)
            {
                return $"<{value.GetType().FullName}>";
            }
        }
    }

    private static string? TryFormat(ITypeFormatter formatter, object value, List<string> warnings)
    {
        try
        {
            using var writer = new StringWriter();
            return formatter.Format(value, writer) ? writer.ToString() : null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var name = formatter is ReflectedFormatter reflected ? reflected.Target.GetType().FullName : formatter.GetType().FullName;
            warnings.Add($"Formatter {name} ({formatter.MimeType}) threw {e.GetType().Name}: {e.Message}; falling back.");
            return null;
        }
    }

    private IEnumerable<Candidate> Candidates(Type valueType, List<string> warnings)
    {
        ITypeFormatter[] registered;
        lock (_gate)
        {
            registered = _registered.ToArray();
        }

        for (var i = 0; i < registered.Length; i++)
        {
            var distance = Distance(registered[i].Type, valueType);
            if (distance >= 0)
            {
                // Later registrations win ties: a cell can override what an extension registered.
                yield return new Candidate(registered[i], distance, -i);
            }
        }

        foreach (var attributed in _attributed.GetOrAdd(valueType, t => Attributed(t, warnings)))
        {
            yield return new Candidate(attributed.Formatter, Distance(attributed.DeclaringType, valueType), 1);
        }
    }

    private IReadOnlyList<AttributedFormatter> Attributed(Type valueType, List<string> warnings)
    {
        var result = new List<AttributedFormatter>();
        foreach (var declaration in TypeFormatterSourceConvention.Find(valueType))
        {
            IReadOnlyList<ITypeFormatter> formatters;
            try
            {
                formatters = _sourceFormatters.GetOrAdd(declaration.SourceType, source => FormatterSources.CreateFormatters(source)
                    .Select(f => ReflectedFormatter.TryCreate(f, declaration.DeclaringType, out _))
                    .OfType<ITypeFormatter>()
                    .ToArray());
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                warnings.Add($"The formatter source {declaration.SourceType.FullName} named by {declaration.DeclaringType.Name}'s TypeFormatterSourceAttribute failed: {e.Message}");
                continue;
            }

            foreach (var formatter in formatters)
            {
                var preferred = declaration.PreferredMimeTypes;
                if (preferred.Count > 0 && formatter.MimeType != MimeTypes.PlainText && !preferred.Contains(formatter.MimeType))
                {
                    continue;
                }

                if (formatter.Type.IsAssignableFrom(valueType))
                {
                    result.Add(new AttributedFormatter(declaration.DeclaringType, formatter));
                }
            }
        }

        return result;
    }

    /// <summary>0 for the exact type, rising through base classes; interfaces after all classes; -1 when not applicable.</summary>
    internal static int Distance(Type formatterType, Type valueType)
    {
        if (!formatterType.IsAssignableFrom(valueType))
        {
            return -1;
        }

        var depth = 0;
        for (var current = valueType; current is not null; current = current.BaseType, depth++)
        {
            if (current == formatterType)
            {
                return formatterType == typeof(object) ? 10_000 : depth;
            }
        }

        return 1_000;
    }

    private sealed record Candidate(ITypeFormatter Formatter, int Distance, int Priority);

    private sealed record AttributedFormatter(Type DeclaringType, ITypeFormatter Formatter);
}
