using Microsoft.Data.Sqlite;
using Workbench.Tracking.Storage;

namespace Workbench.Registry;

/// <summary>Aliases, approval status and promotions: every change is an event row written with the change itself.</summary>
public sealed partial class SqliteModelRegistryStore
{
    public AliasEvent SetAlias(string name, string alias, int version, string by, string reason)
    {
        RegistryNames.ValidateAlias(alias);
        return Database.Write((connection, transaction) =>
        {
            var modelKey = VersionKey(connection, transaction, name, version);
            return MoveAlias(connection, transaction, modelKey, name, alias, version, by, reason);
        });
    }

    public AliasEvent DeleteAlias(string name, string alias, string by, string reason) =>
        Database.Write((connection, transaction) =>
        {
            var modelKey = ModelKey(connection, transaction, name);
            var previous = connection.Scalar("SELECT version FROM model_aliases WHERE model_key = $k AND alias = $a", transaction, ("$k", modelKey), ("$a", alias)) as long?
                ?? throw new AliasNotFoundException(name, alias, Aliases(connection, transaction, modelKey));
            connection.Execute("DELETE FROM model_aliases WHERE model_key = $k AND alias = $a", transaction, ("$k", modelKey), ("$a", alias));
            return RecordAliasEvent(connection, transaction, modelKey, name, alias, (int)previous, null, by, reason);
        });

    public IReadOnlyList<AliasEvent> GetAliasHistory(string name) =>
        Database.Read(connection => connection.Query(
            """
            SELECT alias, previous_version, version, changed_at, changed_by, reason FROM alias_events
            WHERE model_key = $k ORDER BY event_id
            """,
            r => new AliasEvent(name, r.GetString(0), (int?)r.NullableInt64(1), (int?)r.NullableInt64(2), UnixTime.FromMilliseconds(r.GetInt64(3)), r.GetString(4), r.GetString(5)),
            null, ("$k", ModelKey(connection, null, name))));

    public ApprovalEvent? SetApprovalStatus(string name, int version, ApprovalStatus status, string by, string reason)
    {
        RequireReason(reason, $"changing the approval of '{name}' v{version} to {status}");
        return Database.Write((connection, transaction) =>
        {
            var modelKey = VersionKey(connection, transaction, name, version);
            var previous = Enum.Parse<ApprovalStatus>((string)connection.Scalar(
                "SELECT approval_status FROM model_versions WHERE model_key = $k AND version = $v", transaction, ("$k", modelKey), ("$v", version))!);
            if (previous == status)
            {
                return null;
            }

            connection.Execute("UPDATE model_versions SET approval_status = $s WHERE model_key = $k AND version = $v", transaction,
                ("$s", status.ToString()), ("$k", modelKey), ("$v", version));
            var now = UnixTime.Now();
            InsertApprovalEvent(connection, transaction, modelKey, version, previous, status, now, by, reason);
            return new ApprovalEvent(name, version, previous, status, UnixTime.FromMilliseconds(now), by, reason);
        });
    }

    public IReadOnlyList<ApprovalEvent> GetApprovalHistory(string name, int? version = null) =>
        Database.Read(connection =>
        {
            var modelKey = version is { } v ? VersionKey(connection, null, name, v) : ModelKey(connection, null, name);
            return connection.Query(
                """
                SELECT version, previous_status, status, changed_at, changed_by, reason FROM approval_events
                WHERE model_key = $k AND ($v IS NULL OR version = $v) ORDER BY event_id
                """,
                r => new ApprovalEvent(name, r.GetInt32(0), r.NullableString(1) is { } p ? Enum.Parse<ApprovalStatus>(p) : null,
                    Enum.Parse<ApprovalStatus>(r.GetString(2)), UnixTime.FromMilliseconds(r.GetInt64(3)), r.GetString(4), r.GetString(5)),
                null, ("$k", modelKey), ("$v", version));
        });

    public PromotionDecision Promote(string name, int candidateVersion, PromotionRule rule, string by)
    {
        ArgumentNullException.ThrowIfNull(rule);
        RegistryNames.ValidateAlias(rule.Alias);
        var decisionId = Database.Write((connection, transaction) =>
        {
            // Everything is read under the write lock, so the champion cannot move between measuring and deciding.
            var modelKey = VersionKey(connection, transaction, name, candidateVersion);
            var championVersion = (int?)(connection.Scalar("SELECT version FROM model_aliases WHERE model_key = $k AND alias = $a", transaction,
                ("$k", modelKey), ("$a", rule.Alias)) as long?);
            var candidateValue = MetricOnSet(connection, transaction, modelKey, candidateVersion, rule);
            var championValue = championVersion is { } c ? MetricOnSet(connection, transaction, modelKey, c, rule) : null;
            var status = Enum.Parse<ApprovalStatus>((string)connection.Scalar(
                "SELECT approval_status FROM model_versions WHERE model_key = $k AND version = $v", transaction, ("$k", modelKey), ("$v", candidateVersion))!);
            var (promote, reason) = status == ApprovalStatus.Rejected
                ? (false, $"candidate v{candidateVersion} is Rejected")
                : rule.RequireApproval && status != ApprovalStatus.Approved
                    ? (false, $"candidate v{candidateVersion} is {status}; the rule requires Approved")
                    : rule.Decide(candidateVersion, candidateValue, championVersion, championValue);
            var id = (long)connection.Scalar(
                """
                INSERT INTO promotion_decisions(model_key, alias, candidate_version, champion_version, metric, higher_is_better, min_delta,
                    evaluation_fingerprint, candidate_value, champion_value, promoted, reason, decided_at, decided_by)
                VALUES ($k, $alias, $cand, $champ, $metric, $hib, $delta, $fp, $cv, $chv, $promoted, $reason, $at, $by) RETURNING decision_id
                """,
                transaction,
                ("$k", modelKey), ("$alias", rule.Alias), ("$cand", candidateVersion), ("$champ", championVersion), ("$metric", rule.Metric),
                ("$hib", rule.HigherIsBetter ? 1 : 0), ("$delta", rule.MinImprovement), ("$fp", rule.EvaluationFingerprint),
                ("$cv", NullIfNaN(candidateValue)), ("$chv", NullIfNaN(championValue)), ("$promoted", promote ? 1 : 0), ("$reason", reason),
                ("$at", UnixTime.Now()), ("$by", by))!;
            if (promote)
            {
                MoveAlias(connection, transaction, modelKey, name, rule.Alias, candidateVersion, by, $"promotion decision #{id}: {reason}");
            }

            return id;
        });
        return GetPromotionHistory(name).Single(d => d.Id == decisionId);
    }

    public IReadOnlyList<PromotionDecision> GetPromotionHistory(string name) =>
        Database.Read(connection => connection.Query(
            """
            SELECT decision_id, alias, candidate_version, champion_version, metric, higher_is_better, min_delta, evaluation_fingerprint,
                   candidate_value, champion_value, promoted, reason, decided_at, decided_by
            FROM promotion_decisions WHERE model_key = $k ORDER BY decision_id
            """,
            r => new PromotionDecision(r.GetInt64(0), name, r.GetString(1), r.GetInt32(2), (int?)r.NullableInt64(3), r.GetString(4), r.GetInt64(5) == 1,
                r.GetDouble(6), r.GetString(7), r.NullableDouble(8), r.NullableDouble(9), r.GetInt64(10) == 1, r.GetString(11),
                UnixTime.FromMilliseconds(r.GetInt64(12)), r.GetString(13)),
            null, ("$k", ModelKey(connection, null, name))));

    private static AliasEvent MoveAlias(SqliteConnection connection, SqliteTransaction transaction, long modelKey, string name, string alias, int version, string by, string reason)
    {
        var previous = (int?)(connection.Scalar("SELECT version FROM model_aliases WHERE model_key = $k AND alias = $a", transaction, ("$k", modelKey), ("$a", alias)) as long?);
        connection.Execute(
            "INSERT INTO model_aliases(model_key, alias, version) VALUES ($k, $a, $v) ON CONFLICT(model_key, alias) DO UPDATE SET version = excluded.version",
            transaction, ("$k", modelKey), ("$a", alias), ("$v", version));
        return RecordAliasEvent(connection, transaction, modelKey, name, alias, previous, version, by, reason);
    }

    private static AliasEvent RecordAliasEvent(SqliteConnection connection, SqliteTransaction transaction, long modelKey, string name, string alias, int? previous, int? version, string by, string reason)
    {
        var now = UnixTime.Now();
        connection.Execute(
            """
            INSERT INTO alias_events(model_key, alias, previous_version, version, changed_at, changed_by, reason)
            VALUES ($k, $a, $prev, $v, $at, $by, $reason)
            """,
            transaction, ("$k", modelKey), ("$a", alias), ("$prev", previous), ("$v", version), ("$at", now), ("$by", by), ("$reason", reason ?? string.Empty));
        connection.Execute("UPDATE registered_models SET updated_at = $at WHERE model_key = $k", transaction, ("$at", now), ("$k", modelKey));
        return new AliasEvent(name, alias, previous, version, UnixTime.FromMilliseconds(now), by, reason ?? string.Empty);
    }

    private static void InsertApprovalEvent(SqliteConnection connection, SqliteTransaction transaction, long modelKey, int version, ApprovalStatus? previous, ApprovalStatus status, long at, string by, string reason) =>
        connection.Execute(
            """
            INSERT INTO approval_events(model_key, version, previous_status, status, changed_at, changed_by, reason)
            VALUES ($k, $v, $prev, $status, $at, $by, $reason)
            """,
            transaction, ("$k", modelKey), ("$v", version), ("$prev", previous?.ToString()), ("$status", status.ToString()), ("$at", at), ("$by", by), ("$reason", reason));

    /// <summary>
    /// The latest value of the rule's metric in the version's run, provided that run read the evaluation set
    /// (as any input other than training data); null otherwise.
    /// </summary>
    private static double? MetricOnSet(SqliteConnection connection, SqliteTransaction transaction, long modelKey, int version, PromotionRule rule)
    {
        var rows = connection.Query(
            """
            SELECT lm.value FROM model_versions v
            JOIN latest_metrics lm ON lm.run_key = v.run_key AND lm.key = $metric
            WHERE v.model_key = $k AND v.version = $v
              AND EXISTS (SELECT 1 FROM inputs i WHERE i.run_key = v.run_key AND i.fingerprint = $fp AND i.context <> 'training')
            """,
            r => r.IsDBNull(0) ? double.NaN : r.GetDouble(0),
            transaction, ("$k", modelKey), ("$v", version), ("$metric", rule.Metric), ("$fp", rule.EvaluationFingerprint));
        return rows.Count == 0 ? null : rows[0];
    }

    private static object? NullIfNaN(double? value) => value is { } v && !double.IsNaN(v) ? v : null;

    private static void RequireReason(string? reason, string what)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException($"Give a reason for {what}: the approval history records who, when and why.", nameof(reason));
        }
    }
}
