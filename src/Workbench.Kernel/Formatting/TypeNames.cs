namespace Workbench.Kernel.Formatting;

/// <summary>C#-looking type names for captions: <c>List&lt;Patient&gt;</c> rather than <c>List`1</c>.</summary>
public static class TypeNames
{
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
