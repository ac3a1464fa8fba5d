using System.Globalization;
using System.Text;

namespace Workbench.Tracking.Query;

/// <summary>
/// Turns parsed filter and order-by clauses into a SQL WHERE / ORDER BY over <c>runs r</c> (joined with
/// <c>experiments e</c> and parent <c>runs p</c>). Every key and value becomes a bound parameter; only fixed
/// SQL fragments chosen from whitelists reach the text, so a filter can never inject SQL.
/// </summary>
internal sealed class RunSearchSql
{
    private const string NumericParam = "x.type IN ('integer', 'float')";

    private readonly string _text;
    private readonly List<(string Name, object Value)> _parameters = [];

    private RunSearchSql(string text)
    {
        _text = text;
    }

    public IReadOnlyList<(string Name, object Value)> Parameters => _parameters;

    public string Where { get; private set; } = "1 = 1";

    public string OrderBy { get; private set; } = "r.start_time DESC, r.run_key DESC";

    public static RunSearchSql Build(string? filter, IReadOnlyList<string> orderBy)
    {
        var sql = new RunSearchSql(filter ?? string.Empty);
        var comparisons = FilterParser.ParseFilter(filter);
        if (comparisons.Count > 0)
        {
            sql.Where = string.Join(" AND ", comparisons.Select(sql.Translate));
        }

        var orders = FilterParser.ParseOrderBy(orderBy);
        if (orders.Count > 0)
        {
            var terms = orders.Select(o =>
            {
                var expression = sql.OrderExpression(o, string.Join(", ", orderBy));
                return $"({expression}) IS NULL, ({expression}) {(o.Descending ? "DESC" : "ASC")}";
            });
            sql.OrderBy = string.Join(", ", terms) + ", r.start_time DESC, r.run_key DESC";
        }

        return sql;
    }

    private string Bind(object value)
    {
        var name = $"$f{_parameters.Count}";
        _parameters.Add((name, value));
        return name;
    }

    private string Translate(FilterComparison c) => c.Entity switch
    {
        SearchEntity.Metric => Metric(c),
        SearchEntity.Param => Param(c),
        SearchEntity.Tag => Exists("tags", c, $"x.value {StringPredicate(c)}"),
        SearchEntity.Dataset => Dataset(c),
        SearchEntity.Attribute => Attribute(c),
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    private string Exists(string table, FilterComparison c, string predicate) =>
        $"EXISTS (SELECT 1 FROM {table} x WHERE x.run_key = r.run_key AND x.key = {Bind(c.Key)} AND {predicate})";

    private string Metric(FilterComparison c)
    {
        RequireNumeric(c, "metrics compare with numbers");
        return Exists("latest_metrics", c, $"x.value {NumericOperator(c)} {Bind(c.Values[0].Number!.Value)}");
    }

    private string Param(FilterComparison c)
    {
        if (c.Values.All(v => v.IsNumber) && c.Operator is not ("LIKE" or "ILIKE" or "NOT LIKE" or "NOT ILIKE"))
        {
            // Typed parameters compare numerically with a number (params.epochs > 10); MLflow itself only has strings.
            var value = c.Operator is "IN" or "NOT IN"
                ? $"{c.Operator} ({string.Join(", ", c.Values.Select(v => Bind(v.Number!.Value)))})"
                : $"{NumericOperator(c)} {Bind(c.Values[0].Number!.Value)}";
            return Exists("params", c, $"{NumericParam} AND CAST(x.value AS REAL) {value}");
        }

        return Exists("params", c, $"x.value {StringPredicate(c)}");
    }

    private string Dataset(FilterComparison c)
    {
        var column = c.Key.ToLowerInvariant() switch
        {
            "name" => "x.name",
            "digest" or "fingerprint" => "x.fingerprint",
            "context" => "x.context",
            "source" => "x.source",
            _ => throw Error(c, $"unknown dataset field '{c.Key}'; use datasets.name, datasets.digest (the fingerprint), datasets.context or datasets.source."),
        };
        return $"EXISTS (SELECT 1 FROM inputs x WHERE x.run_key = r.run_key AND {column} {StringPredicate(c)})";
    }

    private string Attribute(FilterComparison c)
    {
        switch (c.Key.ToLowerInvariant())
        {
            case "run_id" or "id":
                return $"r.run_id {StringPredicate(c)}";
            case "run_name" or "name":
                return $"r.name {StringPredicate(c)}";
            case "experiment_name" or "experiment":
                return $"e.name {StringPredicate(c)}";
            case "parent_run_id":
                return $"p.run_id {StringPredicate(c)}";
            case "status":
                if (c.Operator is "=" or "!=" or "IN" or "NOT IN")
                {
                    foreach (var value in c.Values)
                    {
                        if (!RunStatusText.TryParse(value.Text, out _))
                        {
                            throw new FilterSyntaxException(_text, value.Position, $"'{value.Text}' is not a run status (RUNNING, FINISHED, FAILED, KILLED).");
                        }
                    }

                    return $"r.status {StringPredicate(c with { Values = c.Values.Select(v => v with { Text = v.Text.ToUpperInvariant() }).ToList() })}";
                }

                return $"r.status {StringPredicate(c)}";
            case "start_time" or "end_time" or "created":
                var column = c.Key.Equals("end_time", StringComparison.OrdinalIgnoreCase) ? "r.end_time" : "r.start_time";
                return $"{column} {NumericOperator(c)} {Bind(TimeValue(c))}";
            case "experiment_id":
                RequireNumeric(c, "experiment_id compares with a number");
                return $"r.experiment_id {NumericOperator(c)} {Bind(c.Values[0].Number!.Value)}";
            default:
                throw Error(c, $"unknown attribute '{c.Key}'; use run_id, run_name, status, start_time, end_time, experiment_id, experiment_name or parent_run_id.");
        }
    }

    private long TimeValue(FilterComparison c)
    {
        var value = c.Values[0];
        if (value.IsNumber)
        {
            return (long)value.Number!.Value;
        }

        return DateTimeOffset.TryParse(value.Text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUnixTimeMilliseconds()
            : throw new FilterSyntaxException(_text, value.Position, $"'{value.Text}' is neither Unix milliseconds nor a date such as '2026-01-31' or '2026-01-31T12:00:00Z'.");
    }

    private string StringPredicate(FilterComparison c)
    {
        var first = c.Values[0];
        foreach (var value in c.Values)
        {
            if (value.IsNumber)
            {
                throw new FilterSyntaxException(_text, value.Position,
                    $"{Describe(c)} compares with quoted strings; write '{value.Text}'.");
            }
        }

        return c.Operator switch
        {
            "=" or "!=" => $"{c.Operator} {Bind(first.Text)}",
            "LIKE" => $"GLOB {Bind(LikeToGlob(first.Text))}",
            "NOT LIKE" => $"NOT GLOB {Bind(LikeToGlob(first.Text))}",
            // SQLite's LIKE ignores case (ASCII), which is exactly ILIKE.
            "ILIKE" => $"LIKE {Bind(first.Text)}",
            "NOT ILIKE" => $"NOT LIKE {Bind(first.Text)}",
            "IN" or "NOT IN" => $"{c.Operator} ({string.Join(", ", c.Values.Select(v => Bind(v.Text)))})",
            _ => throw Error(c, $"{Describe(c)} is a string: use =, !=, LIKE, ILIKE or IN, not {c.Operator}."),
        };
    }

    private string NumericOperator(FilterComparison c) => c.Operator switch
    {
        "=" or "!=" or "<" or "<=" or ">" or ">=" => c.Operator,
        _ => throw Error(c, $"{Describe(c)} is numeric: use =, !=, <, <=, > or >=, not {c.Operator}."),
    };

    private void RequireNumeric(FilterComparison c, string why)
    {
        foreach (var value in c.Values)
        {
            if (!value.IsNumber)
            {
                throw new FilterSyntaxException(_text, value.Position, $"{why}: '{value.Text}' is quoted; write it without quotes.");
            }
        }
    }

    private string OrderExpression(OrderClause o, string orderText) => o.Entity switch
    {
        SearchEntity.Metric => $"SELECT x.value FROM latest_metrics x WHERE x.run_key = r.run_key AND x.key = {Bind(o.Key)}",
        SearchEntity.Param => $"SELECT CASE WHEN {NumericParam} THEN CAST(x.value AS REAL) ELSE x.value END FROM params x WHERE x.run_key = r.run_key AND x.key = {Bind(o.Key)}",
        SearchEntity.Tag => $"SELECT x.value FROM tags x WHERE x.run_key = r.run_key AND x.key = {Bind(o.Key)}",
        SearchEntity.Attribute => o.Key.ToLowerInvariant() switch
        {
            "start_time" or "created" => "r.start_time",
            "end_time" => "r.end_time",
            "run_name" or "name" => "r.name",
            "run_id" or "id" => "r.run_id",
            "status" => "r.status",
            "experiment_id" => "r.experiment_id",
            "experiment_name" or "experiment" => "e.name",
            "duration" => "r.end_time - r.start_time",
            _ => throw new FilterSyntaxException(orderText, o.Position, $"cannot order by attribute '{o.Key}'; use start_time, end_time, duration, run_name, run_id, status or experiment_id."),
        },
        _ => throw new FilterSyntaxException(orderText, o.Position, "order by metrics, params, tags or attributes."),
    };

    private FilterSyntaxException Error(FilterComparison c, string problem) => new(_text, c.Position, problem);

    private static string Describe(FilterComparison c) => c.Entity switch
    {
        SearchEntity.Metric => $"metric '{c.Key}'",
        SearchEntity.Param => $"parameter '{c.Key}'",
        SearchEntity.Tag => $"tag '{c.Key}'",
        SearchEntity.Dataset => $"dataset field '{c.Key}'",
        _ => $"attribute '{c.Key}'",
    };

    /// <summary>SQL LIKE wildcards (% and _) as a case-sensitive GLOB pattern, with GLOB's own wildcards made literal.</summary>
    internal static string LikeToGlob(string like)
    {
        var glob = new StringBuilder(like.Length + 8);
        foreach (var ch in like)
        {
            glob.Append(ch switch
            {
                '%' => "*",
                '_' => "?",
                '*' => "[*]",
                '?' => "[?]",
                '[' => "[[]",
                _ => ch.ToString(),
            });
        }

        return glob.ToString();
    }
}
