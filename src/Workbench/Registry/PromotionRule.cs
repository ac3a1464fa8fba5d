using Workbench.Tracking;

namespace Workbench.Registry;

/// <summary>
/// "Move <see cref="Alias"/> to the candidate if its <see cref="Metric"/>, measured on the evaluation set
/// <see cref="EvaluationFingerprint"/>, beats the current holder's on the same set by at least
/// <see cref="MinImprovement"/>." Both runs must have logged that set as a (non-training) input, so the two
/// numbers are comparable; a candidate that is Rejected (or not Approved, with <see cref="RequireApproval"/>)
/// is never promoted.
/// </summary>
public sealed record PromotionRule
{
    public PromotionRule(string metric, string evaluationFingerprint, double minImprovement = 0, bool higherIsBetter = true)
    {
        KeyRules.Validate(metric, "metric");
        DatasetInput.RequireFingerprint(evaluationFingerprint, "The promotion rule's evaluation set");
        if (!double.IsFinite(minImprovement) || minImprovement < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(minImprovement), minImprovement, "The minimum improvement is a finite number >= 0.");
        }

        Metric = metric;
        EvaluationFingerprint = evaluationFingerprint;
        MinImprovement = minImprovement;
        HigherIsBetter = higherIsBetter;
    }

    public string Metric { get; }

    public string EvaluationFingerprint { get; }

    public double MinImprovement { get; }

    public bool HigherIsBetter { get; }

    /// <summary>The alias to move; <c>champion</c> by default.</summary>
    public string Alias { get; init; } = "champion";

    /// <summary>Only an Approved candidate may be promoted.</summary>
    public bool RequireApproval { get; init; }

    /// <summary>The decision for measured values; <paramref name="championValue"/> null means there is no holder of the alias.</summary>
    public (bool Promote, string Reason) Decide(int candidateVersion, double? candidateValue, int? championVersion, double? championValue)
    {
        var direction = HigherIsBetter ? "higher" : "lower";
        if (candidateValue is not { } candidate || double.IsNaN(candidate))
        {
            return (false, $"candidate v{candidateVersion} has no value of '{Metric}' on the evaluation set");
        }

        if (championVersion is null)
        {
            return (true, $"no version holds '{Alias}' yet; v{candidateVersion} takes it with {Metric} = {candidate:R}");
        }

        if (championVersion == candidateVersion)
        {
            return (false, $"v{candidateVersion} already holds '{Alias}'");
        }

        if (championValue is not { } champion || double.IsNaN(champion))
        {
            return (false, $"champion v{championVersion} has no value of '{Metric}' on the same evaluation set, so the two cannot be compared");
        }

        var improvement = HigherIsBetter ? candidate - champion : champion - candidate;
        return improvement >= MinImprovement
            ? (true, $"{Metric} {candidate:R} vs {champion:R} ({direction} is better): improvement {improvement:R} >= {MinImprovement:R}")
            : (false, $"{Metric} {candidate:R} vs {champion:R} ({direction} is better): improvement {improvement:R} < required {MinImprovement:R}");
    }
}
