using System.Text.RegularExpressions;

namespace Workbench.SageMaker.ServiceModels;

/// <summary>A shape of a botocore service model with the constraints a request must satisfy.</summary>
/// <remarks>
/// <see cref="Min"/> and <see cref="Max"/> mean a length for strings and blobs (UTF-16 units, as Java counts them),
/// an element count for lists and maps, and a value for numbers.
/// </remarks>
public sealed class ShapeModel
{
    private readonly Lazy<Regex?> _regex;

    internal ShapeModel(
        string name,
        ShapeType type,
        IReadOnlyDictionary<string, MemberModel> members,
        IReadOnlySet<string> required,
        MemberModel? listMember,
        MemberModel? mapKey,
        MemberModel? mapValue,
        IReadOnlyList<string>? enumValues,
        double? min,
        double? max,
        string? pattern,
        bool sensitive,
        bool isUnion,
        bool isException,
        string? errorCode,
        int? errorHttpStatus,
        string? payloadMember)
    {
        Name = name;
        Type = type;
        Members = members;
        Required = required;
        ListMember = listMember;
        MapKey = mapKey;
        MapValue = mapValue;
        EnumValues = enumValues;
        Min = min;
        Max = max;
        Pattern = pattern;
        Sensitive = sensitive;
        IsUnion = isUnion;
        IsException = isException;
        ErrorCode = errorCode;
        ErrorHttpStatus = errorHttpStatus;
        PayloadMember = payloadMember;
        _regex = new Lazy<Regex?>(() => pattern is null ? null : JavaRegex.CompileFullMatch(pattern));
    }

    public string Name { get; }

    public ShapeType Type { get; }

    /// <summary>Structure members in model order; empty for other types.</summary>
    public IReadOnlyDictionary<string, MemberModel> Members { get; }

    public IReadOnlySet<string> Required { get; }

    public MemberModel? ListMember { get; }

    public MemberModel? MapKey { get; }

    public MemberModel? MapValue { get; }

    public IReadOnlyList<string>? EnumValues { get; }

    public double? Min { get; }

    public double? Max { get; }

    /// <summary>The Java-style pattern as written in the model.</summary>
    public string? Pattern { get; }

    /// <summary>The pattern translated to .NET and anchored at both ends (the service matches whole values).</summary>
    public Regex? PatternRegex => _regex.Value;

    /// <summary>Values of this shape are secrets or payloads: never echoed in messages or logs.</summary>
    public bool Sensitive { get; }

    /// <summary>A structure of which exactly one member must be set.</summary>
    public bool IsUnion { get; }

    public bool IsException { get; }

    /// <summary>The error code an exception shape is sent with, when it differs from the shape name.</summary>
    public string? ErrorCode { get; }

    public int? ErrorHttpStatus { get; }

    /// <summary>For REST protocols: the member carried as the whole HTTP body.</summary>
    public string? PayloadMember { get; }

    public override string ToString() => $"{Name} ({Type})";
}
