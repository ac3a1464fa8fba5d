using System.Collections;
using System.Reflection;

namespace Workbench.Kernel.Formatting;

/// <summary>
/// Formatter sources found by name: a public type with a parameterless constructor and a public
/// <c>CreateTypeFormatters()</c> method (the shape of .NET Interactive's <c>ITypeFormatterSource</c>).
/// </summary>
public static class FormatterSources
{
    public const string CreateMethodName = "CreateTypeFormatters";

    /// <summary>Whether <paramref name="type"/> can be instantiated and asked for formatters.</summary>
    public static bool IsFormatterSource(Type type) =>
        type is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }
        && type.GetConstructor(Type.EmptyTypes) is not null
        && FindCreateMethod(type) is not null;

    /// <summary>Public formatter sources in an extension assembly, in a stable order.</summary>
    public static IReadOnlyList<Type> FindIn(Assembly assembly)
    {
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types.Where(t => t is { IsPublic: true }).ToArray()!;
        }

        return types.Where(IsFormatterSource).OrderBy(t => t.FullName, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Creates <paramref name="sourceType"/> and calls <c>CreateTypeFormatters()</c> once; the result is the caller's to keep.</summary>
    public static IReadOnlyList<object> CreateFormatters(Type sourceType)
    {
        var method = FindCreateMethod(sourceType)
            ?? throw new InvalidOperationException($"{sourceType.FullName} has no {CreateMethodName}() method.");
        var source = Activator.CreateInstance(sourceType, nonPublic: true)
            ?? throw new InvalidOperationException($"{sourceType.FullName} could not be created.");
        object? result;
        try
        {
            result = method.Invoke(source, null);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new InvalidOperationException($"{sourceType.FullName}.{CreateMethodName}() threw {e.InnerException.GetType().Name}: {e.InnerException.Message}", e.InnerException);
        }

        return result is IEnumerable formatters ? formatters.Cast<object>().Where(f => f is not null).ToArray() : [];
    }

    private static MethodInfo? FindCreateMethod(Type type) =>
        type.GetMethod(CreateMethodName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes) is { } method
        && typeof(IEnumerable).IsAssignableFrom(method.ReturnType)
            ? method
            : null;
}
