namespace Workbench.Kernel.Interpreter;

/// <summary>
/// Jupyter counts cursor positions in Unicode code points (protocol 5.2+); .NET strings index UTF-16 code units.
/// These convert between the two so an emoji or a CJK supplementary character before the cursor does not shift it.
/// </summary>
public static class CodePoints
{
    /// <summary>The UTF-16 index of code point <paramref name="codePoint"/> in <paramref name="text"/>, clamped to the text.</summary>
    public static int ToUtf16(string text, int codePoint)
    {
        var index = 0;
        for (var seen = 0; seen < codePoint && index < text.Length; seen++)
        {
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
        }

        return index;
    }

    /// <summary>The code point offset of UTF-16 index <paramref name="utf16Index"/>.</summary>
    public static int FromUtf16(string text, int utf16Index)
    {
        var count = 0;
        for (var i = 0; i < utf16Index && i < text.Length; i++)
        {
            if (!(char.IsLowSurrogate(text[i]) && i > 0 && char.IsHighSurrogate(text[i - 1])))
            {
                count++;
            }
        }

        return count;
    }
}
