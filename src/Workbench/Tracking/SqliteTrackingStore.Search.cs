using Workbench.Tracking.Query;
using Workbench.Tracking.Storage;

namespace Workbench.Tracking;

/// <summary>Search: a filter and order-by in MLflow's grammar, translated to parameterised SQL.</summary>
public sealed partial class SqliteTrackingStore
{
    public IReadOnlyList<Run> SearchRuns(RunQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.MaxResults is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.MaxResults, "MaxResults must be between 1 and 100,000.");
        }

        var sql = RunSearchSql.Build(query.Filter, query.OrderBy);
        var parameters = sql.Parameters.Select(p => (p.Name, (object?)p.Value)).ToList();
        var experimentClause = string.Empty;
        if (query.ExperimentIds.Count > 0)
        {
            var names = query.ExperimentIds.Select((id, i) => $"$e{i}").ToList();
            parameters.AddRange(query.ExperimentIds.Select((id, i) => ($"$e{i}", (object?)id)));
            experimentClause = $"r.experiment_id IN ({string.Join(", ", names)}) AND ";
        }

        parameters.Add(("$limit", query.MaxResults));
        parameters.Add(("$skip", Math.Max(0, query.Skip)));
        return Database.Read(connection =>
        {
            var infos = ReadRunInfos(connection, $"WHERE {experimentClause}({sql.Where}) ORDER BY {sql.OrderBy} LIMIT $limit OFFSET $skip", parameters.ToArray());
            return LoadRuns(connection, infos);
        });
    }
}
