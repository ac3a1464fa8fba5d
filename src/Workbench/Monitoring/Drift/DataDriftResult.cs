using Workbench.Monitoring.Baselines;

namespace Workbench.Monitoring.Drift;

/// <summary>
/// Per-column drift results and the dataset verdict: the dataset drifts when the share of drifted features among
/// the tested ones reaches <see cref="DriftShareThreshold"/>. Target and prediction are tested and reported apart.
/// </summary>
public sealed record DataDriftResult(IReadOnlyList<ColumnDrift> Columns, double DriftShareThreshold)
{
    /// <summary>Feature columns that were tested.</summary>
    public IReadOnlyList<ColumnDrift> TestedFeatures => Columns.Where(c => c.Role == ColumnRole.Feature && c.Tested).ToList();

    public int DriftedFeatures => TestedFeatures.Count(c => c.Drifted);

    /// <summary>Share of tested features that drifted (0 when none could be tested).</summary>
    public double DriftShare => TestedFeatures.Count == 0 ? 0 : (double)DriftedFeatures / TestedFeatures.Count;

    public bool DatasetDrift => TestedFeatures.Count > 0 && DriftShare >= DriftShareThreshold;

    /// <summary>The drift of the model's output (prediction drift), if the baseline names a prediction column.</summary>
    public ColumnDrift? Prediction => Columns.FirstOrDefault(c => c.Role == ColumnRole.Prediction);

    /// <summary>The drift of the ground truth (label drift), if the baseline names a target.</summary>
    public ColumnDrift? Target => Columns.FirstOrDefault(c => c.Role == ColumnRole.Target);

    /// <summary>The column called <paramref name="name"/>, or null.</summary>
    public ColumnDrift? this[string name] => Columns.FirstOrDefault(c => c.Column == name);

    /// <summary>The columns, drifted first (by how far past the threshold), then the rest, then those not tested.</summary>
    public IReadOnlyList<ColumnDrift> Ordered => Columns
        .OrderBy(c => c.Tested ? (c.Drifted ? 0 : 1) : 2)
        .ThenByDescending(c => c.Tested ? Severity(c) : 0)
        .ThenBy(c => c.Column, StringComparer.Ordinal)
        .ToList();

    public override string ToString() =>
        $"{(DatasetDrift ? "Dataset drift" : "No dataset drift")}: {DriftedFeatures} of {TestedFeatures.Count} features drifted ({DriftShare:P0}, threshold {DriftShareThreshold:P0})";

    /// <summary>How far the score is past (or short of) its threshold, comparable across methods.</summary>
    internal static double Severity(ColumnDrift c) => c.ScoreKind == DriftScore.PValue
        ? -Math.Log10(Math.Max(c.Score, 1e-300)) + Math.Log10(Math.Max(c.Threshold, 1e-300))
        : c.Threshold > 0 ? c.Score / c.Threshold : c.Score;
}
