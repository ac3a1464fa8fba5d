namespace Workbench.Features.Persistence;

/// <summary>
/// A saved pipeline or schema could not be read: bad JSON, a missing or mistyped field, an unknown version or kind,
/// arrays of the wrong length. The message names the file and the JSON path (<c>$.steps[1].transforms[0].state.mean</c>).
/// </summary>
public sealed class DocumentFormatException : FormatException
{
    public DocumentFormatException(string source, string jsonPath, string problem, Exception? inner = null)
        : base($"{source}: {jsonPath}: {problem}", inner)
    {
        Source = source;
        JsonPath = jsonPath;
        Problem = problem;
    }

    public DocumentFormatException()
    {
        Source = JsonPath = Problem = string.Empty;
    }

    public DocumentFormatException(string message)
        : base(message)
    {
        Source = JsonPath = Problem = string.Empty;
    }

    public DocumentFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Source = JsonPath = Problem = string.Empty;
    }

    /// <summary>The file (or "JSON text") that was read.</summary>
    public new string Source { get; }

    /// <summary>Where in the document: <c>$</c> for the root, <c>$.steps[0].name</c>, ...</summary>
    public string JsonPath { get; }

    /// <summary>What is wrong there.</summary>
    public string Problem { get; }
}
