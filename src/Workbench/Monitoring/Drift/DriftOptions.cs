namespace Workbench.Monitoring.Drift;

/// <summary>Which drift test each column gets, thresholds, bins, and when the whole dataset counts as drifted.</summary>
public sealed record DriftOptions
{
    /// <summary>The method for every column it applies to (columns it cannot test keep the automatic choice).</summary>
    public DriftMethod Method { get; init; } = DriftMethod.Auto;

    /// <summary>Methods for particular columns; a method that cannot test the column is an error.</summary>
    public IReadOnlyDictionary<string, DriftMethod> ColumnMethods { get; init; } = new Dictionary<string, DriftMethod>();

    /// <summary>A threshold for every column (default: the method's own, 0.05 for p-values, 0.1 for distances).</summary>
    public double? Threshold { get; init; }

    /// <summary>Thresholds for particular columns.</summary>
    public IReadOnlyDictionary<string, double> ColumnThresholds { get; init; } = new Dictionary<string, double>();

    /// <summary>Equal-width bins for the binned methods (PSI, KL, Jensen-Shannon, Hellinger); null: Sturges' rule on the pooled values (Evidently's choice).</summary>
    public int? Bins { get; init; }

    /// <summary>The dataset drifts when at least this share of the tested features drift.</summary>
    public double DriftShare { get; init; } = 0.5;

    /// <summary>The reference size up to which the automatic choice uses statistical tests rather than distances.</summary>
    public int SmallReference { get; init; } = 1000;

    /// <summary>Numbers with at most this many distinct values (pooled) are tested as labels.</summary>
    public int FewValues { get; init; } = 5;

    /// <summary>Binned methods bin numbers whose reference has more than this many distinct values; fewer are compared value by value (Evidently: 20).</summary>
    public int BinAbove { get; init; } = 20;

    /// <summary>Columns tested at once (null: one per processor).</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    internal void Validate()
    {
        if (DriftShare is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(DriftShare), DriftShare, "the dataset drift share must lie in (0, 1].");
        }

        if (Bins is < 1 || SmallReference < 1 || FewValues < 1 || MaxDegreeOfParallelism is < 1)
        {
            throw new ArgumentException("Bins, SmallReference, FewValues and MaxDegreeOfParallelism must be at least 1.");
        }

        if (Threshold is < 0 || ColumnThresholds.Values.Any(t => t < 0 || double.IsNaN(t)))
        {
            throw new ArgumentException("drift thresholds must not be negative.");
        }
    }
}
