namespace Workbench.Registry;

/// <summary>A recorded promotion decision with its evidence: both values, the set they were measured on, and the outcome.</summary>
public sealed record PromotionDecision(
    long Id,
    string ModelName,
    string Alias,
    int CandidateVersion,
    int? ChampionVersion,
    string Metric,
    bool HigherIsBetter,
    double MinImprovement,
    string EvaluationFingerprint,
    double? CandidateValue,
    double? ChampionValue,
    bool Promoted,
    string Reason,
    DateTimeOffset DecidedAt,
    string DecidedBy);
