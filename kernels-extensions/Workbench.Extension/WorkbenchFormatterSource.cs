using System.Reflection;

namespace Workbench.Extension;

/// <summary>
/// Hands every formatter in this assembly to a kernel. The Workbench kernel finds this class through the
/// package's <c>interactive-extensions/dotnet</c> folder (a public type with <c>CreateTypeFormatters()</c>);
/// legacy .NET Interactive reaches it from <c>extension.dib</c>.
/// </summary>
public sealed class WorkbenchFormatterSource
{
    private static readonly Type[] FormatterTypes = typeof(WorkbenchFormatterSource).Assembly
        .GetTypes()
        .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && IsFormatter(t) && t.GetConstructor(Type.EmptyTypes) is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToArray();

    /// <summary>A new set of formatter instances: call once per kernel session.</summary>
    public IEnumerable<object> CreateTypeFormatters()
    {
        var session = new FormatterSession();
        foreach (var type in FormatterTypes)
        {
            var formatter = Activator.CreateInstance(type)!;
            type.GetProperty(nameof(Formatter<object>.Session))!.SetValue(formatter, session);
            yield return formatter;
        }
    }

    private static bool IsFormatter(Type type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && current.GetGenericTypeDefinition() == typeof(Formatter<>))
            {
                return true;
            }
        }

        return false;
    }
}
