using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Workbench.SageMaker.ServiceModels;

namespace Workbench.SageMaker.Tests.Fake;

/// <summary>
/// Writes one short string that a botocore (Java) pattern accepts: each quantifier at its minimum, the first
/// alternative of each group, lookarounds skipped, and for each class the first of a few plain characters it
/// admits. Enough for the ARN, name and version patterns in the SageMaker models; the caller validates the result.
/// </summary>
public static class PatternSampler
{
    private static readonly string[] Candidates =
        ["a", "0", "A", "x", "-", "_", ".", "/", ":", " ", .. Enumerable.Range(0x21, 0x5E).Select(c => ((char)c).ToString())];

    public static string Sample(string javaPattern)
    {
        var position = 0;
        return Sequence(javaPattern, ref position);
    }

    private static string Sequence(string pattern, ref int position)
    {
        var output = new StringBuilder();
        while (position < pattern.Length && pattern[position] is not (')' or '|'))
        {
            var atom = Atom(pattern, ref position);
            output.Append(Repeat(atom, Quantifier(pattern, ref position)));
        }

        return output.ToString();
    }

    private static string Atom(string pattern, ref int position)
    {
        var c = pattern[position++];
        switch (c)
        {
            case '(':
                var lookaround = pattern.AsSpan(position).StartsWith("?=") || pattern.AsSpan(position).StartsWith("?!")
                    || pattern.AsSpan(position).StartsWith("?<=") || pattern.AsSpan(position).StartsWith("?<!");
                if (pattern.AsSpan(position).StartsWith("?<") && !lookaround)
                {
                    position = pattern.IndexOf('>', position) + 1;
                }
                else if (pattern.AsSpan(position).StartsWith("?:"))
                {
                    position += 2;
                }

                var first = Sequence(pattern, ref position);
                while (position < pattern.Length && pattern[position] == '|')
                {
                    position++;
                    Sequence(pattern, ref position);
                }

                position++;
                return lookaround ? string.Empty : first;
            case '[':
                var start = position - 1;
                var depth = 1;
                while (depth > 0)
                {
                    var d = pattern[position++];
                    if (d == '\\')
                    {
                        position++;
                    }
                    else if (d == ']' && position - 1 > start + 1)
                    {
                        depth--;
                    }
                }

                return FirstAccepted(pattern[start..position]);
            case '\\':
                var e = pattern[position++];
                switch (e)
                {
                    case 'd': return "0";
                    case 'w' or 'S' or 'D' or 'W': return "a";
                    case 's': return " ";
                    case 'A' or 'z' or 'Z' or 'b' or 'B': return string.Empty;
                    case 'p' or 'P':
                        var end = pattern[position] == '{' ? pattern.IndexOf('}', position) + 1 : position + 1;
                        var property = $"\\{e}{pattern[position..end]}";
                        position = end;
                        return FirstAccepted(property);
                    case 'u':
                        var unit = (char)int.Parse(pattern.AsSpan(position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                        position += 4;
                        return unit.ToString();
                    default: return e.ToString();
                }

            case '.': return "a";
            case '^' or '$': return string.Empty;
            default: return c.ToString();
        }
    }

    private static int Quantifier(string pattern, ref int position)
    {
        if (position >= pattern.Length)
        {
            return 1;
        }

        var minimum = 1;
        switch (pattern[position])
        {
            case '*' or '?':
                minimum = 0;
                position++;
                break;
            case '+':
                position++;
                break;
            case '{':
                var close = pattern.IndexOf('}', position);
                minimum = int.Parse(pattern[(position + 1)..close].Split(',')[0], CultureInfo.InvariantCulture);
                position = close + 1;
                break;
            default:
                return 1;
        }

        if (position < pattern.Length && pattern[position] == '?')
        {
            position++;
        }

        return minimum;
    }

    private static string Repeat(string atom, int times) => times == 1 ? atom : string.Concat(Enumerable.Repeat(atom, times));

    private static string FirstAccepted(string javaClass)
    {
        var regex = JavaRegex.CompileFullMatch(javaClass);
        return Candidates.FirstOrDefault(regex.IsMatch)
            ?? throw new InvalidOperationException($"No plain character satisfies {javaClass}.");
    }
}
