namespace Workbench.Kernel.Execution;

/// <summary>
/// Maps positions in instrumented cell text back to the text the user wrote. Instrumentation only inserts text
/// (never a line break), so line numbers are unchanged and only columns on instrumented lines move.
/// </summary>
internal sealed class SourceMap
{
    private readonly (int Original, int Length)[] _insertions;

    public SourceMap(IEnumerable<(int OriginalPosition, int Length)> insertions)
    {
        _insertions = insertions.OrderBy(i => i.OriginalPosition).ToArray();
    }

    public static SourceMap Identity { get; } = new([]);

    /// <summary>The original position of <paramref name="rewrittenPosition"/>; inside inserted text, where the insertion went.</summary>
    public int ToOriginal(int rewrittenPosition)
    {
        var shift = 0;
        foreach (var (original, length) in _insertions)
        {
            var start = original + shift;
            if (rewrittenPosition < start)
            {
                break;
            }

            if (rewrittenPosition < start + length)
            {
                return original;
            }

            shift += length;
        }

        return rewrittenPosition - shift;
    }
}
