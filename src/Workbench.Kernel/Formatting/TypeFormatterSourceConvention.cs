using System.Reflection;

namespace Workbench.Kernel.Formatting;

/// <summary>
/// Reads the name-matched <c>TypeFormatterSourceAttribute</c> convention (DESIGN.md): any attribute whose type is
/// NAMED <c>TypeFormatterSourceAttribute</c>, whose constructor takes the formatter source's <see cref="Type"/>,
/// optionally with a <c>PreferredMimeTypes</c> property. Neither side references the other's assembly.
/// </summary>
internal static class TypeFormatterSourceConvention
{
    public const string AttributeName = "TypeFormatterSourceAttribute";

    /// <summary>A source declared on <see cref="DeclaringType"/>, which may be a base type or an interface of the formatted value.</summary>
    public sealed record Declaration(Type DeclaringType, Type SourceType, IReadOnlyList<string> PreferredMimeTypes);

    /// <summary>The declarations on <paramref name="type"/>, its base types, then its interfaces, nearest first.</summary>
    public static IEnumerable<Declaration> Find(Type type)
    {
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var declaration in Declared(current))
            {
                yield return declaration;
            }
        }

        foreach (var contract in type.GetInterfaces())
        {
            foreach (var declaration in Declared(contract))
            {
                yield return declaration;
            }
        }
    }

    private static IEnumerable<Declaration> Declared(Type type)
    {
        IList<CustomAttributeData> attributes;
        try
        {
            attributes = type.GetCustomAttributesData();
        }
        catch (Exception e) when (e is TypeLoadException or FileNotFoundException or FileLoadException)
        {
            yield break;
        }

        foreach (var data in attributes)
        {
            if (data.AttributeType.Name != AttributeName
                || data.ConstructorArguments.Count == 0
                || data.ConstructorArguments[0].Value is not Type sourceType)
            {
                continue;
            }

            yield return new Declaration(type, sourceType, PreferredMimeTypes(type, data));
        }
    }

    private static IReadOnlyList<string> PreferredMimeTypes(Type type, CustomAttributeData data)
    {
        foreach (var named in data.NamedArguments)
        {
            if (named.MemberName == "PreferredMimeTypes" && named.TypedValue.Value is IReadOnlyCollection<CustomAttributeTypedArgument> values)
            {
                return values.Select(v => v.Value as string).OfType<string>().ToArray();
            }
        }

        // The attribute may set PreferredMimeTypes from its constructor: read it from the live attribute.
        var live = type.GetCustomAttributes(inherit: false).FirstOrDefault(a => a.GetType() == data.AttributeType);
        return live?.GetType().GetProperty("PreferredMimeTypes")?.GetValue(live) is IEnumerable<string> preferred
            ? preferred.ToArray()
            : [];
    }
}
