namespace Workbench.Data.Io;

/// <summary>A data file that cannot be read as asked: the message names the file, and the line and column when there is one.</summary>
public sealed class DataFormatException : FormatException
{
    public DataFormatException(DataIssue issue)
        : base(issue?.ToString())
    {
        Issue = issue;
    }

    public DataFormatException(string message)
        : base(message)
    {
    }

    public DataFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DataFormatException()
    {
    }

    /// <summary>Where and what, when the problem is in one row.</summary>
    public DataIssue? Issue { get; }
}
