using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace Workbench.Kernel.Formatting;

/// <summary>The public instance properties and fields shown for a record, POCO, anonymous object or tuple.</summary>
internal static class ObjectMembers
{
    private static readonly ConcurrentDictionary<Type, Member[]> Cache = new();

    public sealed record Member(string Name, Func<object, object?> Read);

    public static IReadOnlyList<Member> Of(Type type) => Cache.GetOrAdd(type, Discover);

    /// <summary>Whether values of <paramref name="type"/> read naturally as a table row.</summary>
    public static bool IsRowLike(Type type) =>
        !ValueText.IsScalar(type)
        && !typeof(Exception).IsAssignableFrom(type)
        && !typeof(Task).IsAssignableFrom(type)
        && !typeof(MemberInfo).IsAssignableFrom(type)
        && (DictionaryEntries.IsDictionary(type) || (!typeof(IEnumerable).IsAssignableFrom(type) && Of(type).Count > 0));

    /// <summary>True when the type shows only its type name from ToString (no override), so members say more.</summary>
    public static bool HasDefaultToString(Type type)
    {
        var method = type.GetMethod(nameof(ToString), BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
        return method is null || method.DeclaringType == typeof(object) || method.DeclaringType == typeof(ValueType);
    }

    /// <summary>Reads a member, turning a throwing getter into a short note rather than failing the whole value.</summary>
    public static object? ReadSafely(Member member, object instance)
    {
        try
        {
            return member.Read(instance);
        }
        catch (Exception e)
        {
            var inner = e is TargetInvocationException { InnerException: { } x } ? x : e;
            return $"<{inner.GetType().Name}: {inner.Message}>";
        }
    }

    private static Member[] Discover(Type type)
    {
        const BindingFlags Flags = BindingFlags.Public | BindingFlags.Instance;
        var members = new List<(int Order, Member Member)>();
        foreach (var property in type.GetProperties(Flags))
        {
            if (property.GetIndexParameters().Length == 0 && property.GetMethod is { IsPublic: true } && !property.PropertyType.IsByRefLike
                && property.Name != "EqualityContract")
            {
                members.Add((property.MetadataToken, new Member(property.Name, property.GetValue)));
            }
        }

        foreach (var field in type.GetFields(Flags))
        {
            if (!field.FieldType.IsByRefLike && field.Name != "Rest")
            {
                members.Add((field.MetadataToken, new Member(field.Name, field.GetValue)));
            }
        }

        // Declaration order (metadata tokens rise with it), so columns read as the type was written.
        return members.OrderBy(m => m.Order).Select(m => m.Member).ToArray();
    }
}
