using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.SageMaker.Waiters;

/// <summary>
/// The part of JMESPath that botocore waiters use: fields (bare and quoted), sub-expressions, indexes, list and
/// object projections (<c>a[*].b</c>, <c>a[].b</c>, <c>a.*</c>), flattening, filters (<c>a[?b == `x`]</c>),
/// comparisons, <c>&amp;&amp;</c>, <c>||</c>, <c>!</c>, <c>|</c>, parentheses, <c>@</c>, JSON and raw-string literals,
/// and the functions <c>length</c>, <c>contains</c>, <c>max</c>, <c>min</c> and <c>sum</c>.
/// </summary>
/// <remarks>Slices, multi-select lists and hashes and expression references are refused with a clear error.</remarks>
public sealed class JmesPath
{
    private readonly Node _root;

    private JmesPath(string expression, Node root)
    {
        Expression = expression;
        _root = root;
    }

    public string Expression { get; }

    public static JmesPath Compile(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var parser = new Parser(Lexer.Tokenize(expression), expression);
        return new JmesPath(expression, parser.ParseAll());
    }

    public JsonNode? Evaluate(JsonNode? document) => _root.Evaluate(document);

    public override string ToString() => Expression;

    internal static bool IsTruthy(JsonNode? value) => value switch
    {
        null => false,
        JsonArray array => array.Count > 0,
        JsonObject obj => obj.Count > 0,
        JsonValue v when v.GetValueKind() == JsonValueKind.False => false,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length > 0,
        _ => true,
    };

    /// <summary>JSON equality as JMESPath defines it: numbers by value, objects regardless of member order.</summary>
    internal static bool JsonEquals(JsonNode? left, JsonNode? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        var kind = left.GetValueKind();
        if (kind != right.GetValueKind())
        {
            return false;
        }

        return kind switch
        {
            JsonValueKind.Number => Number(left) == Number(right),
            JsonValueKind.String => left.GetValue<string>() == right.GetValue<string>(),
            JsonValueKind.Array => left.AsArray().Count == right.AsArray().Count
                && left.AsArray().Zip(right.AsArray()).All(p => JsonEquals(p.First, p.Second)),
            JsonValueKind.Object => left.AsObject().Count == right.AsObject().Count
                && left.AsObject().All(p => right.AsObject().TryGetPropertyValue(p.Key, out var other) && JsonEquals(p.Value, other)),
            _ => true,
        };
    }

    private static double Number(JsonNode value) =>
        value.AsValue().TryGetValue<double>(out var number) ? number : double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);

    private enum TokenKind
    {
        Eof, Identifier, QuotedIdentifier, Number, Literal, RawString, Dot, Star, Flatten, Filter, LeftBracket, RightBracket,
        Comma, Colon, LeftParen, RightParen, Current, And, Or, Pipe, Not, Eq, Ne, Lt, Lte, Gt, Gte, LeftBrace, RightBrace, Ampersand,
    }

    private sealed record Token(TokenKind Kind, string Text, int Position);

    private static class Lexer
    {
        public static List<Token> Tokenize(string text)
        {
            var tokens = new List<Token>();
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                var start = i;
                if (char.IsWhiteSpace(c))
                {
                    i++;
                    continue;
                }

                if (char.IsAsciiLetter(c) || c == '_')
                {
                    while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                    {
                        i++;
                    }

                    tokens.Add(new Token(TokenKind.Identifier, text[start..i], start));
                    continue;
                }

                if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
                {
                    i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        i++;
                    }

                    tokens.Add(new Token(TokenKind.Number, text[start..i], start));
                    continue;
                }

                switch (c)
                {
                    case '"':
                        tokens.Add(new Token(TokenKind.QuotedIdentifier, JsonSerializer.Deserialize<string>(Delimited(text, ref i, '"', keepQuotes: true))!, start));
                        continue;
                    case '\'':
                        tokens.Add(new Token(TokenKind.RawString, Delimited(text, ref i, '\'', keepQuotes: false).Replace("\\'", "'"), start));
                        continue;
                    case '`':
                        tokens.Add(new Token(TokenKind.Literal, Delimited(text, ref i, '`', keepQuotes: false).Replace("\\`", "`"), start));
                        continue;
                }

                var two = i + 1 < text.Length ? text.Substring(i, 2) : string.Empty;
                var (kind, length) = two switch
                {
                    "&&" => (TokenKind.And, 2),
                    "||" => (TokenKind.Or, 2),
                    "==" => (TokenKind.Eq, 2),
                    "!=" => (TokenKind.Ne, 2),
                    "<=" => (TokenKind.Lte, 2),
                    ">=" => (TokenKind.Gte, 2),
                    "[]" => (TokenKind.Flatten, 2),
                    "[?" => (TokenKind.Filter, 2),
                    _ => c switch
                    {
                        '.' => (TokenKind.Dot, 1),
                        '*' => (TokenKind.Star, 1),
                        '[' => (TokenKind.LeftBracket, 1),
                        ']' => (TokenKind.RightBracket, 1),
                        ',' => (TokenKind.Comma, 1),
                        ':' => (TokenKind.Colon, 1),
                        '(' => (TokenKind.LeftParen, 1),
                        ')' => (TokenKind.RightParen, 1),
                        '@' => (TokenKind.Current, 1),
                        '|' => (TokenKind.Pipe, 1),
                        '!' => (TokenKind.Not, 1),
                        '<' => (TokenKind.Lt, 1),
                        '>' => (TokenKind.Gt, 1),
                        '{' => (TokenKind.LeftBrace, 1),
                        '}' => (TokenKind.RightBrace, 1),
                        '&' => (TokenKind.Ampersand, 1),
                        _ => throw new FormatException($"Unexpected character '{c}' at {i} in JMESPath expression '{text}'."),
                    },
                };
                tokens.Add(new Token(kind, text.Substring(i, length), start));
                i += length;
            }

            tokens.Add(new Token(TokenKind.Eof, string.Empty, text.Length));
            return tokens;
        }

        private static string Delimited(string text, ref int i, char quote, bool keepQuotes)
        {
            var start = i;
            i++;
            while (i < text.Length && text[i] != quote)
            {
                i += text[i] == '\\' ? 2 : 1;
            }

            if (i >= text.Length)
            {
                throw new FormatException($"Unclosed {quote} starting at {start} in JMESPath expression '{text}'.");
            }

            i++;
            return keepQuotes ? text[start..i] : text[(start + 1)..(i - 1)];
        }
    }

    private sealed class Parser(List<Token> tokens, string text)
    {
        private const int ProjectionStop = 10;
        private int _index;

        private Token Current => tokens[_index];

        public Node ParseAll()
        {
            var node = Expression(0);
            if (Current.Kind != TokenKind.Eof)
            {
                throw Error($"unexpected '{Current.Text}'");
            }

            return node;
        }

        private Node Expression(int bindingPower)
        {
            var token = Advance();
            var left = Nud(token);
            while (bindingPower < Power(Current.Kind))
            {
                left = Led(Advance(), left);
            }

            return left;
        }

        private Node Nud(Token token) => token.Kind switch
        {
            TokenKind.Literal => new LiteralNode(ParseLiteral(token)),
            TokenKind.RawString => new LiteralNode(JsonValue.Create(token.Text)),
            TokenKind.Identifier or TokenKind.QuotedIdentifier => new FieldNode(token.Text),
            TokenKind.Current => new CurrentNode(),
            TokenKind.Star => new ValueProjectionNode(new CurrentNode(), ProjectionRight(Power(TokenKind.Star))),
            TokenKind.Flatten => new ProjectionNode(new FlattenNode(new CurrentNode()), ProjectionRight(Power(TokenKind.Flatten))),
            TokenKind.Filter => FilterFrom(new CurrentNode()),
            TokenKind.Not => new NotNode(Expression(Power(TokenKind.Not))),
            TokenKind.LeftParen => Parenthesised(),
            TokenKind.LeftBracket => BracketFrom(new CurrentNode()),
            TokenKind.Eof => throw Error("unexpected end of expression"),
            _ => throw Error($"unexpected '{token.Text}'"),
        };

        private Node Led(Token token, Node left)
        {
            switch (token.Kind)
            {
                case TokenKind.Dot:
                    if (Current.Kind == TokenKind.Star)
                    {
                        Advance();
                        return new ValueProjectionNode(left, ProjectionRight(Power(TokenKind.Dot)));
                    }

                    return new SubexpressionNode(left, DotRight(Power(TokenKind.Dot)));
                case TokenKind.Pipe:
                    return new SubexpressionNode(left, Expression(Power(TokenKind.Pipe)));
                case TokenKind.Or:
                    return new OrNode(left, Expression(Power(TokenKind.Or)));
                case TokenKind.And:
                    return new AndNode(left, Expression(Power(TokenKind.And)));
                case TokenKind.Eq or TokenKind.Ne or TokenKind.Lt or TokenKind.Lte or TokenKind.Gt or TokenKind.Gte:
                    return new ComparisonNode(token.Kind, left, Expression(Power(token.Kind)));
                case TokenKind.Flatten:
                    return new ProjectionNode(new FlattenNode(left), ProjectionRight(Power(TokenKind.Flatten)));
                case TokenKind.Filter:
                    return FilterFrom(left);
                case TokenKind.LeftBracket:
                    return BracketFrom(left);
                case TokenKind.LeftParen:
                    return Function(left);
                default:
                    throw Error($"unexpected '{token.Text}'");
            }
        }

        private Node BracketFrom(Node left)
        {
            if (Current.Kind == TokenKind.Number)
            {
                var index = int.Parse(Advance().Text, CultureInfo.InvariantCulture);
                if (Current.Kind == TokenKind.Colon)
                {
                    throw Error("slices are not supported");
                }

                Expect(TokenKind.RightBracket);
                return new IndexNode(left, index);
            }

            if (Current.Kind == TokenKind.Star)
            {
                Advance();
                Expect(TokenKind.RightBracket);
                return new ProjectionNode(left, ProjectionRight(Power(TokenKind.Star)));
            }

            throw Error(Current.Kind switch
            {
                TokenKind.Colon => "slices are not supported",
                TokenKind.Eof => "unexpected end of expression",
                _ => "multi-select lists are not supported",
            });
        }

        private Node FilterFrom(Node left)
        {
            var condition = Expression(0);
            Expect(TokenKind.RightBracket);
            var right = Current.Kind == TokenKind.Flatten ? new CurrentNode() : ProjectionRight(Power(TokenKind.Filter));
            return new FilterNode(left, condition, right);
        }

        private Node Parenthesised()
        {
            var inner = Expression(0);
            Expect(TokenKind.RightParen);
            return inner;
        }

        private Node Function(Node name)
        {
            if (name is not FieldNode field)
            {
                throw Error("a function call needs a name");
            }

            var arguments = new List<Node>();
            while (Current.Kind != TokenKind.RightParen)
            {
                arguments.Add(Expression(0));
                if (Current.Kind == TokenKind.Comma)
                {
                    Advance();
                }
            }

            Expect(TokenKind.RightParen);
            return new FunctionNode(field.Name, arguments);
        }

        private Node ProjectionRight(int bindingPower)
        {
            if (Power(Current.Kind) < ProjectionStop)
            {
                return new CurrentNode();
            }

            if (Current.Kind is TokenKind.LeftBracket or TokenKind.Filter)
            {
                return Expression(bindingPower);
            }

            if (Current.Kind == TokenKind.Dot)
            {
                Advance();
                return DotRight(bindingPower);
            }

            throw Error($"unexpected '{Current.Text}' after a projection");
        }

        private Node DotRight(int bindingPower)
        {
            if (Current.Kind is TokenKind.Identifier or TokenKind.QuotedIdentifier or TokenKind.Star)
            {
                return Expression(bindingPower);
            }

            throw Error(Current.Kind is TokenKind.LeftBracket or TokenKind.LeftBrace
                ? "multi-select lists and hashes are not supported"
                : $"unexpected '{Current.Text}' after '.'");
        }

        private JsonNode? ParseLiteral(Token token)
        {
            try
            {
                return JsonNode.Parse(token.Text);
            }
            catch (JsonException)
            {
                // JMESPath accepts a bare word in backticks as a string (deprecated but used).
                return JsonValue.Create(token.Text.Trim());
            }
        }

        private Token Advance()
        {
            var token = tokens[_index];
            if (token.Kind != TokenKind.Eof)
            {
                _index++;
            }

            return token;
        }

        private void Expect(TokenKind kind)
        {
            if (Current.Kind != kind)
            {
                throw Error($"expected {kind}, found '{Current.Text}'");
            }

            _index++;
        }

        private FormatException Error(string message) =>
            new($"JMESPath expression '{text}' at {Current.Position}: {message}.");

        private static int Power(TokenKind kind) => kind switch
        {
            TokenKind.Pipe => 1,
            TokenKind.Or => 2,
            TokenKind.And => 3,
            TokenKind.Eq or TokenKind.Ne or TokenKind.Lt or TokenKind.Lte or TokenKind.Gt or TokenKind.Gte => 5,
            TokenKind.Flatten => 9,
            TokenKind.Star => 20,
            TokenKind.Filter => 21,
            TokenKind.Dot => 40,
            TokenKind.Not => 45,
            TokenKind.LeftBrace => 50,
            TokenKind.LeftBracket => 55,
            TokenKind.LeftParen => 60,
            _ => 0,
        };
    }

    private abstract class Node
    {
        public abstract JsonNode? Evaluate(JsonNode? value);

        protected static JsonNode? Copy(JsonNode? value) => value?.DeepClone();
    }

    private sealed class CurrentNode : Node
    {
        public override JsonNode? Evaluate(JsonNode? value) => value;
    }

    private sealed class LiteralNode(JsonNode? literal) : Node
    {
        public override JsonNode? Evaluate(JsonNode? value) => Copy(literal);
    }

    private sealed class FieldNode(string name) : Node
    {
        public string Name => name;

        public override JsonNode? Evaluate(JsonNode? value) =>
            value is JsonObject obj && obj.TryGetPropertyValue(name, out var member) ? member : null;
    }

    private sealed class SubexpressionNode(Node left, Node right) : Node
    {
        public override JsonNode? Evaluate(JsonNode? value) => right.Evaluate(left.Evaluate(value));
    }

    private sealed class IndexNode(Node left, int index) : Node
    {
        public override JsonNode? Evaluate(JsonNode? value)
        {
            if (left.Evaluate(value) is not JsonArray array)
            {
                return null;
            }

            var position = index < 0 ? array.Count + index : index;
            return position >= 0 && position < array.Count ? array[position] : null;
        }
    }

    private sealed class ProjectionNode(Node left, Node right) : Node
    {
        public override JsonNode? Evaluate(JsonNode? value) =>
            left.Evaluate(value) is JsonArray array ? Project(array, right) : null;

        public static JsonArray Project(IEnumerable<JsonNode?> items, Node right)
        {
            var result = new JsonArray();
            foreach (var item in items)
            {
                if (right.Evaluate(item) is { } projected)
                {
                    result.Add(Copy(projected));
                }
            }

            return result;
        }
    }

    private sealed class ValueProjectionNode(Node left, Node right) : Node
    {
        public override JsonNode? Evaluate(JsonNode? value) =>
            left.Evaluate(value) is JsonObject obj ? ProjectionNode.Project(obj.Select(p => p.Value), right) : null;
    }

    private sealed class FlattenNode(Node inner) : Node
    {
        public override JsonNode? Evaluate(JsonNode? value)
        {
            if (inner.Evaluate(value) is not JsonArray array)
            {
                return null;
            }

            var result = new JsonArray();
            foreach (var item in array)
            {
                if (item is JsonArray nested)
                {
                    foreach (var element in nested)
                    {
                        result.Add(Copy(element));
                    }
                }
                else
                {
                    result.Add(Copy(item));
                }
            }

            return result;
        }
    }

    private sealed class FilterNode(Node left, Node condition, Node right) : Node
    {
        public override JsonNode? Evaluate(JsonNode? value) =>
            left.Evaluate(value) is JsonArray array
                ? ProjectionNode.Project(array.Where(item => IsTruthy(condition.Evaluate(item))), right)
                : null;
    }

    private sealed class NotNode(Node inner) : Node
    {
        public override JsonNode? Evaluate(JsonNode? value) => JsonValue.Create(!IsTruthy(inner.Evaluate(value)));
    }

    private sealed class AndNode(Node left, Node right) : Node
    {
        public override JsonNode? Evaluate(JsonNode? value)
        {
            var first = left.Evaluate(value);
            return IsTruthy(first) ? right.Evaluate(value) : first;
        }
    }

    private sealed class OrNode(Node left, Node right) : Node
    {
        public override JsonNode? Evaluate(JsonNode? value)
        {
            var first = left.Evaluate(value);
            return IsTruthy(first) ? first : right.Evaluate(value);
        }
    }

    private sealed class ComparisonNode(TokenKind op, Node left, Node right) : Node
    {
        public override JsonNode? Evaluate(JsonNode? value)
        {
            var a = left.Evaluate(value);
            var b = right.Evaluate(value);
            if (op is TokenKind.Eq or TokenKind.Ne)
            {
                return JsonValue.Create(JsonEquals(a, b) == (op == TokenKind.Eq));
            }

            if (a?.GetValueKind() != JsonValueKind.Number || b?.GetValueKind() != JsonValueKind.Number)
            {
                return null;
            }

            var (x, y) = (Number(a), Number(b));
            return JsonValue.Create(op switch
            {
                TokenKind.Lt => x < y,
                TokenKind.Lte => x <= y,
                TokenKind.Gt => x > y,
                _ => x >= y,
            });
        }
    }

    private sealed class FunctionNode(string name, List<Node> arguments) : Node
    {
        public override JsonNode? Evaluate(JsonNode? value)
        {
            var args = arguments.Select(a => a.Evaluate(value)).ToArray();
            return name switch
            {
                "length" when args.Length == 1 => args[0] switch
                {
                    JsonArray array => array.Count,
                    JsonObject obj => obj.Count,
                    JsonValue v when v.GetValueKind() == JsonValueKind.String => new StringInfo(v.GetValue<string>()).LengthInTextElements,
                    _ => throw new FormatException("length() takes a string, list or object."),
                },
                "contains" when args.Length == 2 => JsonValue.Create(args[0] switch
                {
                    JsonArray array => array.Any(item => JsonEquals(item, args[1])),
                    JsonValue v when v.GetValueKind() == JsonValueKind.String && args[1]?.GetValueKind() == JsonValueKind.String =>
                        v.GetValue<string>().Contains(args[1]!.GetValue<string>(), StringComparison.Ordinal),
                    _ => false,
                }),
                "max" or "min" or "sum" when args.Length == 1 && args[0] is JsonArray numbers => Aggregate(name, numbers),
                _ => throw new FormatException($"JMESPath function {name}() with {args.Length} argument(s) is not supported."),
            };
        }

        private static JsonNode? Aggregate(string name, JsonArray numbers)
        {
            var values = numbers.Where(n => n?.GetValueKind() == JsonValueKind.Number).Select(n => Number(n!)).ToArray();
            if (values.Length == 0)
            {
                return name == "sum" ? 0 : null;
            }

            return name switch { "max" => values.Max(), "min" => values.Min(), _ => values.Sum() };
        }
    }
}
