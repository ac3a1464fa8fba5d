namespace Workbench.Data;

/// <summary>A column was asked for by a name the frame does not have; the message names the closest ones.</summary>
public sealed class ColumnNotFoundException : KeyNotFoundException
{
    public ColumnNotFoundException(string name, IReadOnlyCollection<string> available)
        : base(EditDistance.MissingMessage("column", name, available))
    {
        ColumnName = name;
        Suggestions = EditDistance.Closest(name, available);
    }

    public ColumnNotFoundException()
    {
        ColumnName = string.Empty;
        Suggestions = [];
    }

    public ColumnNotFoundException(string message)
        : base(message)
    {
        ColumnName = string.Empty;
        Suggestions = [];
    }

    public ColumnNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        ColumnName = string.Empty;
        Suggestions = [];
    }

    /// <summary>The name asked for.</summary>
    public string ColumnName { get; }

    /// <summary>The frame's closest names, nearest first (possibly none).</summary>
    public IReadOnlyList<string> Suggestions { get; }
}
