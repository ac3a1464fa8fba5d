using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Workbench.Features.Text;

/// <summary>
/// Turns text into terms the way scikit-learn's word analyzer does: lowercase, find tokens with the token pattern
/// (default <c>(?u)\b\w\w+\b</c>: runs of two or more word characters), drop stop words, then join neighbouring
/// tokens into n-grams with single spaces (<c>"chest pain"</c>).
/// </summary>
/// <remarks>
/// The default pattern is matched without a regular expression: a word character is a letter, a digit or other
/// number, or <c>_</c>, as Python's <c>\w</c> (combining marks are not word characters in either). Lowercasing is
/// .NET's invariant lowercase, which equals Python's <c>str.lower</c> except for a handful of characters that
/// Python expands to two (such as <c>İ</c>). A custom <see cref="TokenPattern"/> runs as a .NET regular expression
/// (a leading <c>(?u)</c> is accepted and ignored); with one capturing group the group is the token, as in scikit-learn.
/// </remarks>
public sealed class Tokenizer
{
    /// <summary>scikit-learn's default <c>token_pattern</c>.</summary>
    public const string DefaultTokenPattern = @"(?u)\b\w\w+\b";

    private readonly Regex? _regex;

    public Tokenizer(bool lowercase = true, IReadOnlySet<string>? stopWords = null, (int Min, int Max)? ngramRange = null, string tokenPattern = DefaultTokenPattern)
    {
        ArgumentNullException.ThrowIfNull(tokenPattern);
        var (min, max) = ngramRange ?? (1, 1);
        if (min < 1 || max < min)
        {
            throw new ArgumentException($"the n-gram range ({min}, {max}) must satisfy 1 <= min <= max.", nameof(ngramRange));
        }

        Lowercase = lowercase;
        StopWords = stopWords;
        NgramRange = (min, max);
        TokenPattern = tokenPattern;
        if (tokenPattern != DefaultTokenPattern)
        {
            var pattern = tokenPattern.StartsWith("(?u)", StringComparison.Ordinal) ? tokenPattern[4..] : tokenPattern;
            try
            {
                _regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"token pattern '{tokenPattern}' is not a valid regular expression: {e.Message}", nameof(tokenPattern), e);
            }

            if (_regex.GetGroupNumbers().Length > 2)
            {
                throw new ArgumentException($"token pattern '{tokenPattern}' has more than one capturing group; use at most one.", nameof(tokenPattern));
            }
        }
    }

    public bool Lowercase { get; }

    public IReadOnlySet<string>? StopWords { get; }

    public (int Min, int Max) NgramRange { get; }

    public string TokenPattern { get; }

    /// <summary>The tokens of <paramref name="text"/> (lowercased when set), stop words kept.</summary>
    public List<string> Tokenize(string? text)
    {
        var tokens = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return tokens;
        }

        if (Lowercase)
        {
            text = text.ToLowerInvariant();
        }

        if (_regex is not null)
        {
            foreach (Match match in _regex.Matches(text))
            {
                tokens.Add(match.Groups.Count > 1 ? match.Groups[1].Value : match.Value);
            }

            return tokens;
        }

        var start = -1;
        var length = 0;
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsWord(rune))
            {
                if (start < 0)
                {
                    start = index;
                    length = 0;
                }

                length++;
            }
            else if (start >= 0)
            {
                if (length >= 2)
                {
                    tokens.Add(text[start..index]);
                }

                start = -1;
            }

            index += rune.Utf16SequenceLength;
        }

        if (start >= 0 && length >= 2)
        {
            tokens.Add(text[start..]);
        }

        return tokens;
    }

    /// <summary>The terms of <paramref name="text"/>: tokens without stop words, then the n-grams of the range.</summary>
    public List<string> Analyze(string? text)
    {
        var tokens = Tokenize(text);
        if (StopWords is { Count: > 0 } stop)
        {
            tokens.RemoveAll(stop.Contains);
        }

        var (min, max) = NgramRange;
        if (max == 1)
        {
            return tokens;
        }

        // scikit-learn's _word_ngrams: the unigrams first when wanted, then each longer n in order.
        var terms = min == 1 ? new List<string>(tokens) : [];
        var builder = new StringBuilder();
        for (var n = Math.Max(min, 2); n <= Math.Min(max, tokens.Count); n++)
        {
            for (var i = 0; i + n <= tokens.Count; i++)
            {
                builder.Clear();
                for (var j = i; j < i + n; j++)
                {
                    if (j > i)
                    {
                        builder.Append(' ');
                    }

                    builder.Append(tokens[j]);
                }

                terms.Add(builder.ToString());
            }
        }

        return terms;
    }

    /// <summary>Python's <c>\w</c>: letters, numbers (decimal, letter-like and other) and the underscore.</summary>
    private static bool IsWord(Rune rune)
    {
        if (rune.Value == '_')
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
            _ => false,
        };
    }
}
