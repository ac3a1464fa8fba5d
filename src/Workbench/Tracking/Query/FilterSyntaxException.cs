namespace Workbench.Tracking.Query;

/// <summary>A filter or order-by clause that does not parse; names the 1-based position and points at it.</summary>
public sealed class FilterSyntaxException : FormatException
{
    public FilterSyntaxException(string text, int position, string problem)
        : base($"Invalid search expression at position {position + 1}: {problem}\n  {text}\n  {new string(' ', Math.Clamp(position, 0, text.Length))}^")
    {
        Text = text;
        Position = position + 1;
        Problem = problem;
    }

    /// <summary>The expression as given.</summary>
    public string Text { get; }

    /// <summary>1-based character position of the problem.</summary>
    public int Position { get; }

    public string Problem { get; }
}
