namespace Workbench.Data.Io;

/// <summary>What a reader has inferred a column to hold so far, from least to most general.</summary>
internal enum FieldKind
{
    /// <summary>Only missing values so far.</summary>
    Unknown,
    Boolean,
    Int64,
    Double,
    Single,
    DateTime,

    /// <summary>Text (possibly becoming categorical when assembled).</summary>
    Text,
}
