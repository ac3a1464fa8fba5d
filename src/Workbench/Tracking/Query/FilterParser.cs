using System.Globalization;

namespace Workbench.Tracking.Query;

/// <summary>
/// Parses MLflow's search grammar (the subset without OR): <c>entity.key op value [AND ...]</c> with entities
/// metrics / params / tags / attributes / datasets (singular and <c>attr</c>, <c>run</c> accepted), operators
/// <c>= != &lt; &lt;= &gt; &gt;= LIKE ILIKE NOT LIKE NOT ILIKE IN NOT IN</c>; and order-by clauses
/// <c>entity.key [ASC|DESC]</c> separated by commas.
/// </summary>
public static class FilterParser
{
    public static IReadOnlyList<FilterComparison> ParseFilter(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return [];
        }

        var tokens = FilterLexer.Tokenize(filter);
        var comparisons = new List<FilterComparison>();
        var i = 0;
        while (true)
        {
            comparisons.Add(ParseComparison(filter, tokens, ref i));
            var next = tokens[i];
            if (next.Kind == FilterTokenKind.End)
            {
                return comparisons;
            }

            if (next.Kind == FilterTokenKind.Or)
            {
                throw new FilterSyntaxException(filter, next.Position, "OR is not supported (as in MLflow, terms are joined with AND); run one search per alternative.");
            }

            if (next.Kind != FilterTokenKind.And)
            {
                throw new FilterSyntaxException(filter, next.Position, $"expected AND or the end of the filter, found {next}.");
            }

            i++;
        }
    }

    public static IReadOnlyList<OrderClause> ParseOrderBy(IEnumerable<string>? clauses)
    {
        var result = new List<OrderClause>();
        foreach (var clause in clauses ?? [])
        {
            if (string.IsNullOrWhiteSpace(clause))
            {
                continue;
            }

            var tokens = FilterLexer.Tokenize(clause);
            var i = 0;
            while (true)
            {
                var identifier = tokens[i];
                if (identifier.Kind != FilterTokenKind.Identifier)
                {
                    throw new FilterSyntaxException(clause, identifier.Position, $"expected a key such as metrics.auc, found {identifier}.");
                }

                var (entity, key) = SplitIdentifier(clause, identifier);
                i++;
                var descending = false;
                if (tokens[i].Kind is FilterTokenKind.Asc or FilterTokenKind.Desc)
                {
                    descending = tokens[i].Kind == FilterTokenKind.Desc;
                    i++;
                }

                result.Add(new OrderClause(entity, key, descending, identifier.Position));
                if (tokens[i].Kind == FilterTokenKind.End)
                {
                    break;
                }

                if (tokens[i].Kind != FilterTokenKind.Comma)
                {
                    throw new FilterSyntaxException(clause, tokens[i].Position, $"expected ASC, DESC, ',' or the end, found {tokens[i]}.");
                }

                i++;
            }
        }

        return result;
    }

    private static FilterComparison ParseComparison(string text, List<FilterToken> tokens, ref int i)
    {
        var identifier = tokens[i];
        if (identifier.Kind != FilterTokenKind.Identifier)
        {
            throw new FilterSyntaxException(text, identifier.Position, $"expected a key such as metrics.auc, params.lr or tags.team, found {identifier}.");
        }

        var (entity, key) = SplitIdentifier(text, identifier);
        i++;
        var op = ParseOperator(text, tokens, ref i, identifier);
        IReadOnlyList<FilterLiteral> values;
        if (op is "IN" or "NOT IN")
        {
            values = ParseList(text, tokens, ref i);
        }
        else
        {
            values = [ParseLiteral(text, tokens[i])];
            i++;
        }

        return new FilterComparison(entity, key, op, values, identifier.Position);
    }

    private static string ParseOperator(string text, List<FilterToken> tokens, ref int i, FilterToken identifier)
    {
        var token = tokens[i];
        switch (token.Kind)
        {
            case FilterTokenKind.Operator:
                i++;
                return token.Text == "<>" ? "!=" : token.Text;
            case FilterTokenKind.Like:
                i++;
                return "LIKE";
            case FilterTokenKind.ILike:
                i++;
                return "ILIKE";
            case FilterTokenKind.In:
                i++;
                return "IN";
            case FilterTokenKind.Not:
                var next = tokens[i + 1];
                i += 2;
                return next.Kind switch
                {
                    FilterTokenKind.Like => "NOT LIKE",
                    FilterTokenKind.ILike => "NOT ILIKE",
                    FilterTokenKind.In => "NOT IN",
                    _ => throw new FilterSyntaxException(text, next.Position, $"expected LIKE, ILIKE or IN after NOT, found {next}."),
                };
            default:
                throw new FilterSyntaxException(text, token.Position,
                    $"expected a comparison operator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN) after '{identifier.Text.Replace('\0', '.')}', found {token}.");
        }
    }

    private static List<FilterLiteral> ParseList(string text, List<FilterToken> tokens, ref int i)
    {
        if (tokens[i].Kind != FilterTokenKind.LeftParen)
        {
            throw new FilterSyntaxException(text, tokens[i].Position, $"expected '(' to open the IN list, found {tokens[i]}.");
        }

        i++;
        var values = new List<FilterLiteral>();
        while (true)
        {
            values.Add(ParseLiteral(text, tokens[i]));
            i++;
            if (tokens[i].Kind == FilterTokenKind.RightParen)
            {
                i++;
                return values;
            }

            if (tokens[i].Kind != FilterTokenKind.Comma)
            {
                throw new FilterSyntaxException(text, tokens[i].Position, $"expected ',' or ')' in the IN list, found {tokens[i]}.");
            }

            i++;
        }
    }

    private static FilterLiteral ParseLiteral(string text, FilterToken token) => token.Kind switch
    {
        FilterTokenKind.String => new FilterLiteral(token.Text, null, token.Position),
        FilterTokenKind.Number => double.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? new FilterLiteral(token.Text, number, token.Position)
            : throw new FilterSyntaxException(text, token.Position, $"'{token.Text}' is not a number."),
        FilterTokenKind.Identifier => throw new FilterSyntaxException(text, token.Position,
            $"expected a value, found {token}; quote strings ('{token.Text}')."),
        _ => throw new FilterSyntaxException(text, token.Position, $"expected a value (a number or a quoted string), found {token}."),
    };

    private static (SearchEntity Entity, string Key) SplitIdentifier(string text, FilterToken token)
    {
        var separator = token.Text.IndexOf('\0', StringComparison.Ordinal);
        if (separator < 0)
        {
            separator = token.Text.IndexOf('.', StringComparison.Ordinal);
        }

        if (separator <= 0 || separator == token.Text.Length - 1)
        {
            throw new FilterSyntaxException(text, token.Position,
                $"'{token.Text}' needs an entity and a key, such as metrics.auc, params.lr, tags.team, attributes.status or datasets.name.");
        }

        var entityText = token.Text[..separator];
        var key = token.Text[(separator + 1)..];
        var entity = entityText.ToLowerInvariant() switch
        {
            "metric" or "metrics" => SearchEntity.Metric,
            "param" or "params" or "parameter" or "parameters" => SearchEntity.Param,
            "tag" or "tags" => SearchEntity.Tag,
            "attribute" or "attributes" or "attr" or "run" => SearchEntity.Attribute,
            "dataset" or "datasets" => SearchEntity.Dataset,
            _ => throw new FilterSyntaxException(text, token.Position,
                $"unknown entity '{entityText}'; use metrics, params, tags, attributes or datasets."),
        };
        return (entity, key);
    }
}
