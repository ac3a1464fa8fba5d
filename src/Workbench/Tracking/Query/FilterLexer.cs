using System.Text;

namespace Workbench.Tracking.Query;

/// <summary>
/// Splits a search expression into tokens. Identifiers are <c>entity.key</c> where the key may contain dots or be
/// quoted with backticks or double quotes (<c>metrics.`val loss`</c>, <c>tags."mlflow.user"</c>); strings use
/// single quotes (doubled to escape) or double quotes when not after a dot.
/// </summary>
internal static class FilterLexer
{
    public static List<FilterToken> Tokenize(string text)
    {
        var tokens = new List<FilterToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            switch (c)
            {
                case '(':
                    tokens.Add(new(FilterTokenKind.LeftParen, "(", i++));
                    continue;
                case ')':
                    tokens.Add(new(FilterTokenKind.RightParen, ")", i++));
                    continue;
                case ',':
                    tokens.Add(new(FilterTokenKind.Comma, ",", i++));
                    continue;
                case '\'' or '"':
                    tokens.Add(new(FilterTokenKind.String, ReadQuoted(text, ref i, c), start));
                    continue;
                case '=':
                    tokens.Add(new(FilterTokenKind.Operator, "=", i++));
                    continue;
                case '!' or '<' or '>':
                    tokens.Add(new(FilterTokenKind.Operator, ReadOperator(text, ref i), start));
                    continue;
            }

            if (char.IsAsciiDigit(c) || ((c is '-' or '+' or '.') && i + 1 < text.Length && (char.IsAsciiDigit(text[i + 1]) || text[i + 1] == '.')))
            {
                tokens.Add(new(FilterTokenKind.Number, ReadNumber(text, ref i), start));
                continue;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                var word = ReadIdentifier(text, ref i);
                tokens.Add(new(KeywordKind(word), word, start));
                continue;
            }

            throw new FilterSyntaxException(text, i, $"unexpected character '{c}'.");
        }

        tokens.Add(new(FilterTokenKind.End, string.Empty, text.Length));
        return tokens;
    }

    private static FilterTokenKind KeywordKind(string word) => word.ToUpperInvariant() switch
    {
        "AND" => FilterTokenKind.And,
        "OR" => FilterTokenKind.Or,
        "NOT" => FilterTokenKind.Not,
        "IN" => FilterTokenKind.In,
        "LIKE" => FilterTokenKind.Like,
        "ILIKE" => FilterTokenKind.ILike,
        "ASC" => FilterTokenKind.Asc,
        "DESC" => FilterTokenKind.Desc,
        _ => FilterTokenKind.Identifier,
    };

    private static string ReadOperator(string text, ref int i)
    {
        var start = i;
        var first = text[i++];
        if (i < text.Length && (text[i] == '=' || (first == '<' && text[i] == '>')))
        {
            i++;
        }

        var op = text[start..i];
        return op == "!" ? throw new FilterSyntaxException(text, start, "'!' must be followed by '=' (use != for 'not equal').") : op;
    }

    private static string ReadNumber(string text, ref int i)
    {
        var start = i;
        if (text[i] is '-' or '+')
        {
            i++;
        }

        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.' ||
               ((text[i] is 'e' or 'E') && i + 1 < text.Length) ||
               ((text[i] is '-' or '+') && text[i - 1] is 'e' or 'E')))
        {
            i++;
        }

        return text[start..i];
    }

    /// <summary>Reads <c>word</c> or <c>entity.key</c>, where the key may continue with dots or be quoted.</summary>
    private static string ReadIdentifier(string text, ref int i)
    {
        var builder = new StringBuilder();
        while (i < text.Length && IsWordChar(text[i]))
        {
            builder.Append(text[i++]);
        }

        if (i < text.Length && text[i] == '.')
        {
            builder.Append(text[i++]);
            if (i < text.Length && text[i] is '`' or '"')
            {
                var quoteStart = i;
                var key = ReadQuoted(text, ref i, text[i]);
                if (key.Length == 0)
                {
                    throw new FilterSyntaxException(text, quoteStart, "an empty quoted key.");
                }

                // A NUL separates the entity from a quoted key so the parser never re-splits it on dots.
                builder.Length--;
                builder.Append('\0').Append(key);
            }
            else
            {
                while (i < text.Length && (IsWordChar(text[i]) || text[i] is '.' or '-' or '/' or ':'))
                {
                    builder.Append(text[i++]);
                }
            }
        }

        return builder.ToString();
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static string ReadQuoted(string text, ref int i, char quote)
    {
        var start = i;
        var builder = new StringBuilder();
        i++;
        while (i < text.Length)
        {
            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    builder.Append(quote);
                    i += 2;
                    continue;
                }

                i++;
                return builder.ToString();
            }

            builder.Append(text[i++]);
        }

        throw new FilterSyntaxException(text, start, $"the quote {quote} opened here is never closed.");
    }
}
