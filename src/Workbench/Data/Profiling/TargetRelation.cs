namespace Workbench.Data.Profiling;

/// <summary>How strongly one column goes with the target, on a 0..1 scale whatever the column types.</summary>
/// <param name="Column">The column.</param>
/// <param name="Measure">
/// <c>pearson</c> (numeric with numeric target: |r|), <c>correlation_ratio</c> (η, numeric with categorical, either way round)
/// or <c>cramers_v</c> (categorical with categorical target).
/// </param>
/// <param name="Strength">|r|, η or V.</param>
/// <param name="Correlation">Signed Pearson r, for numeric pairs.</param>
/// <param name="Spearman">Signed Spearman ρ, for numeric pairs.</param>
public sealed record FeatureAssociation(string Column, string Measure, double Strength, double? Correlation = null, double? Spearman = null);

/// <summary>
/// Every column's relation to a chosen target. A target is categorical when it is text, categorical or
/// boolean, or whole numbers with at most 20 distinct values (a 0/1 label); then the profile gives the class
/// balance and each numeric column's mean per class, and measures association by η (numeric columns) and
/// Cramér's V (categorical ones). A numeric target is related by Pearson / Spearman (numeric columns) and η
/// (categorical ones). Identifier-like columns (flagged high-cardinality) and dates are left out.
/// </summary>
public sealed class TargetRelation
{
    public required string Target { get; init; }

    public required bool IsCategorical { get; init; }

    /// <summary>Rows per class, most frequent first (categorical targets).</summary>
    public IReadOnlyList<ValueCount> ClassBalance { get; init; } = [];

    /// <summary>One row per class: the class, then each numeric column's mean (categorical targets).</summary>
    public Frame? ClassMeans { get; init; }

    /// <summary>Columns by strength of association, strongest first.</summary>
    public IReadOnlyList<FeatureAssociation> Features { get; init; } = [];
}
