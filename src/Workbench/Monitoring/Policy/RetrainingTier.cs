namespace Workbench.Monitoring.Policy;

/// <summary>What a monitoring report leads to. The values are the exit codes of <c>workbench monitor check</c>.</summary>
public enum RetrainingTier
{
    /// <summary>Nothing significant moved: keep serving.</summary>
    None = 0,

    /// <summary>The data moved in a way a refit on recent data absorbs: retrain.</summary>
    Retrain = 1,

    /// <summary>The data is broken or moved too far for a refit alone: back to a person (experimentation).</summary>
    Escalate = 2,
}

/// <summary>One signal that counted in the decision.</summary>
/// <param name="Signal">drift_share, quality_critical, quality_major, quality_minor, prediction_drift, multivariate_drift, metric:roc_auc, ...</param>
/// <param name="Observed">What the report shows.</param>
/// <param name="Threshold">The policy threshold it was held against.</param>
/// <param name="Tier">The tier this signal asks for.</param>
/// <param name="Explanation">One sentence for the person reading the decision.</param>
public sealed record PolicyEvidence(string Signal, double Observed, double Threshold, RetrainingTier Tier, string Explanation)
{
    public override string ToString() => $"[{Tier}] {Explanation}";
}

/// <summary>The policy's decision on one report, with every signal that asked for more than <see cref="RetrainingTier.None"/>.</summary>
public sealed record RetrainingDecision(RetrainingTier Tier, IReadOnlyList<PolicyEvidence> Evidence)
{
    /// <summary>A one-line reason: the strongest evidence, or that nothing crossed a threshold.</summary>
    public string Summary => Evidence.Where(e => e.Tier == Tier).Select(e => e.Explanation).FirstOrDefault()
        ?? "every signal is below its threshold";

    public override string ToString() => $"{Tier}: {Summary}";
}
