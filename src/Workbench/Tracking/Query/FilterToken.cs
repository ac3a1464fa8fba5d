namespace Workbench.Tracking.Query;

internal enum FilterTokenKind
{
    Identifier,
    String,
    Number,
    Operator,
    And,
    Or,
    Not,
    In,
    Like,
    ILike,
    Asc,
    Desc,
    LeftParen,
    RightParen,
    Comma,
    End,
}

/// <summary>One lexical token with its 0-based start in the expression.</summary>
internal readonly record struct FilterToken(FilterTokenKind Kind, string Text, int Position)
{
    public override string ToString() => Kind == FilterTokenKind.End ? "the end of the expression" : $"'{Text}'";
}
