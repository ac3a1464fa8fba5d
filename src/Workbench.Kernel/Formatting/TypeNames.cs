namespace Workbench.Kernel.Formatting;

/// <summary>C#-looking type names for captions: <c>List&lt;Patient&gt;</c> rather than <c>List`1</c>.</summary>
public static class TypeNames
{
    /// <summary>
    /// The name a caption shows: a compiler- or LINQ-internal sequence type (a <c>Select</c> iterator, say) reads as
    /// the <c>IEnumerable&lt;T&gt;</c> it implements.
    /// </summary>
    public static string Caption(Type type)
    {
        if (type.IsVisible || type.IsArray)
        {
            return Short(type);
        }

        var sequence = type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return sequence is null ? Short(type) : Short(sequence);
    }

    public static string Short(Type type)
    {
        if (type.IsArray)
        {
            return Short(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Short(underlying) + "?";
        }

        if (type.Name.Contains("AnonymousType", StringComparison.Ordinal))
        {
            return "(anonymous)";
        }

        if (!type.IsGenericType)
        {
            return Keyword(type) ?? type.Name;
        }

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Short))}>";
    }

    private static string? Keyword(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Boolean => "bool",
        TypeCode.Byte => "byte",
        TypeCode.SByte => "sbyte",
        TypeCode.Char => "char",
        TypeCode.Int16 => "short",
        TypeCode.UInt16 => "ushort",
        TypeCode.Int32 => "int",
        TypeCode.UInt32 => "uint",
        TypeCode.Int64 => "long",
        TypeCode.UInt64 => "ulong",
        TypeCode.Single => "float",
        TypeCode.Double => "double",
        TypeCode.Decimal => "decimal",
        TypeCode.String => "string",
        _ => type == typeof(object) ? "object" : null,
    };
}
