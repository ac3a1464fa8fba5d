namespace Workbench.Monitoring.Baselines;

/// <summary>How <see cref="Baseline.Fit"/> reads the reference data.</summary>
public sealed record BaselineOptions
{
    /// <summary>The ground-truth label column, if the reference has one.</summary>
    public string? Target { get; init; }

    /// <summary>The model's output column (a predicted label, score or probability), if the reference has one.</summary>
    public string? Prediction { get; init; }

    /// <summary>The time column used for windows (default: none; a single datetime column is not picked silently).</summary>
    public string? Timestamp { get; init; }

    /// <summary>Columns that identify rows (never tested for drift). Columns named <c>id</c> or <c>*_id</c> whose values are all distinct are identifiers too.</summary>
    public IReadOnlyList<string> IdColumns { get; init; } = [];

    /// <summary>Columns left out of the baseline entirely.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>The model's input columns in the order its CSV payloads carry them (for reading data capture); default: the feature columns in reference order.</summary>
    public IReadOnlyList<string>? CaptureColumns { get; init; }

    /// <summary>
    /// A feature schema (Workbench.Features.Validation) whose declarations win over what the reference shows: column
    /// types, allowed ranges, maximum missing fractions (the completeness constraints), category lists (the domains),
    /// and optional or training-only columns (not required in a batch).
    /// </summary>
    public Features.Validation.DataSchema? Schema { get; init; }

    /// <summary>Labels kept per categorical column; beyond them, counts go to "other".</summary>
    public int MaxCategories { get; init; } = 1000;

    /// <summary>A text column with at most this many distinct values (and at most half as many as values) is categorical; more, and it is free text.</summary>
    public int MaxCategoricalDistinct { get; init; } = 1000;

    /// <summary>Categorical columns with at most this many labels get a domain in constraints.json (Model Monitor's "small cardinality").</summary>
    public int MaxDomainSize { get; init; } = 50;

    /// <summary>Rows of the reference kept for the drift tests (a deterministic sample beyond it).</summary>
    public int MaxReferenceRows { get; init; } = 100_000;

    /// <summary>Seed of the reference sample.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>KLL sketch size (Model Monitor's k).</summary>
    public int SketchK { get; init; } = Statistics.KllSketch.DefaultK;

    /// <summary>Buckets of the fixed histogram written to statistics.json.</summary>
    public int HistogramBuckets { get; init; } = 10;

    /// <summary>
    /// The missing share a column may reach, relative to its reference share: allowed = reference × this + <see cref="MissingShareSlack"/>;
    /// a column never missing in the reference must stay complete. Written to constraints.json as the completeness constraint.
    /// </summary>
    public double MissingShareGrowth { get; init; } = 1.1;

    /// <summary>Absolute slack on the allowed missing share (sampling noise of a batch), for columns that had missing values.</summary>
    public double MissingShareSlack { get; init; } = 0.01;

    /// <summary>Model metrics measured elsewhere (e.g. on a validation set), which the monitor compares with; they override metrics computed on the reference.</summary>
    public IReadOnlyDictionary<string, double>? ModelMetrics { get; init; }

    /// <summary>The positive class of a binary target (default: "1", "true", or the larger of two labels).</summary>
    public string? PositiveLabel { get; init; }

    internal void Validate()
    {
        if (MaxCategories < 1 || MaxCategoricalDistinct < 1 || MaxDomainSize < 0 || MaxReferenceRows < 1 || HistogramBuckets < 1)
        {
            throw new ArgumentException("MaxCategories, MaxCategoricalDistinct, MaxReferenceRows and HistogramBuckets must be at least 1, MaxDomainSize not negative.");
        }

        if (MissingShareGrowth < 1 || MissingShareSlack < 0)
        {
            throw new ArgumentException("MissingShareGrowth must be at least 1 and MissingShareSlack not negative.");
        }
    }
}
