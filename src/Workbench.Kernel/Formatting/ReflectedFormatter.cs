using System.Reflection;

namespace Workbench.Kernel.Formatting;

/// <summary>
/// Adapts a formatter object from another assembly that follows the name-matched shape
/// (<c>MimeType</c>, <c>bool Format(object, TextWriter)</c>, optionally <c>Type</c>) without a shared interface.
/// </summary>
internal sealed class ReflectedFormatter : ITypeFormatter
{
    private readonly Func<object, TextWriter, bool> _format;

    private ReflectedFormatter(Type type, string mimeType, Func<object, TextWriter, bool> format, object target)
    {
        Type = type;
        MimeType = mimeType;
        _format = format;
        Target = target;
    }

    public Type Type { get; }

    public string MimeType { get; }

    /// <summary>The adapted formatter object.</summary>
    public object Target { get; }

    public bool Format(object value, TextWriter writer)
    {
        try
        {
            return _format(value, writer);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    /// <summary>
    /// Wraps <paramref name="formatter"/>; <paramref name="defaultType"/> stands in when it has no <c>Type</c>
    /// (formatters of an attribute's source apply to the attributed type). Null, with the reason, when the shape does not match.
    /// </summary>
    public static ITypeFormatter? TryCreate(object formatter, Type? defaultType, out string? problem)
    {
        problem = null;
        if (formatter is ITypeFormatter native)
        {
            return native;
        }

        var type = formatter.GetType();
        const BindingFlags Public = BindingFlags.Public | BindingFlags.Instance;
        var mimeType = type.GetProperty("MimeType", Public)?.GetValue(formatter) as string;
        var targetType = type.GetProperty("Type", Public)?.GetValue(formatter) as Type ?? defaultType;
        var method = type.GetMethod("Format", Public, [typeof(object), typeof(TextWriter)]);
        if (string.IsNullOrEmpty(mimeType) || targetType is null || method is null || method.ReturnType != typeof(bool))
        {
            problem = $"{type.FullName} does not look like a formatter: it needs a string MimeType, a Type, and bool Format(object, TextWriter).";
            return null;
        }

        var format = (Func<object, TextWriter, bool>)method.CreateDelegate(typeof(Func<object, TextWriter, bool>), formatter);
        return new ReflectedFormatter(targetType, mimeType, format, formatter);
    }
}
