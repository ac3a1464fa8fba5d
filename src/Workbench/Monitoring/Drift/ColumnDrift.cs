using Workbench.Monitoring.Baselines;

namespace Workbench.Monitoring.Drift;

/// <summary>
/// The drift test of one column: method, statistic, p-value (tests) or distance, threshold and decision, with the
/// sizes compared and both distributions; or, when the column could not be tested, why.
/// </summary>
public sealed record ColumnDrift
{
    public required string Column { get; init; }

    public required FeatureKind Kind { get; init; }

    public required ColumnRole Role { get; init; }

    public required DriftMethod Method { get; init; }

    /// <summary>The test statistic (D, χ², z, A², T) or the distance.</summary>
    public double Statistic { get; init; } = double.NaN;

    /// <summary>The p-value of a test; null for distances.</summary>
    public double? PValue { get; init; }

    public double Threshold { get; init; } = double.NaN;

    public bool Drifted { get; init; }

    /// <summary>Present values compared from the reference.</summary>
    public long ReferenceCount { get; init; }

    /// <summary>Present values compared from the current data.</summary>
    public long CurrentCount { get; init; }

    public ColumnDistribution? Distribution { get; init; }

    /// <summary>Why the column was not tested (missing from the current data, no values, free text, ...); null when tested.</summary>
    public string? NotTested { get; init; }

    /// <summary>A remark on the result (how a p-value was computed, a capped p-value, a degenerate sample).</summary>
    public string? Note { get; init; }

    public bool Tested => NotTested is null;

    public DriftScore ScoreKind => Method.Score();

    /// <summary>The number compared with the threshold: the p-value of a test, else the distance.</summary>
    public double Score => PValue ?? Statistic;

    public string MethodName => Method.DisplayName();

    public override string ToString() => Tested
        ? $"{Column}: {MethodName} {Score:G4} (threshold {Threshold:G3}) {(Drifted ? "DRIFT" : "no drift")}"
        : $"{Column}: not tested ({NotTested})";
}
