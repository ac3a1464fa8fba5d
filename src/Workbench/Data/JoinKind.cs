namespace Workbench.Data;

/// <summary>Which rows a join keeps.</summary>
public enum JoinKind
{
    /// <summary>Rows whose key is in both frames.</summary>
    Inner,

    /// <summary>Every left row; right columns missing where the key has no match.</summary>
    Left,

    /// <summary>Every right row; left columns missing where the key has no match.</summary>
    Right,

    /// <summary>Every row of both frames.</summary>
    Outer,
}
