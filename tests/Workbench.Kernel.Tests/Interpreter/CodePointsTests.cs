using Workbench.Kernel.Interpreter;

namespace Workbench.Kernel.Tests.Interpreter;

public sealed class CodePointsTests
{
    [Theory]
    [InlineData("abc", 2, 2)]
    [InlineData("🙂x", 1, 2)]
    [InlineData("🙂x", 2, 3)]
    [InlineData("a🙂🙂b", 3, 5)]
    [InlineData("ab", 10, 2)]
    public void Code_points_and_utf16_indexes_convert_both_ways(string text, int codePoint, int utf16)
    {
        CodePoints.ToUtf16(text, codePoint).Should().Be(utf16);
        if (codePoint <= text.EnumerateRunes().Count())
        {
            CodePoints.FromUtf16(text, utf16).Should().Be(codePoint);
        }
    }
}
