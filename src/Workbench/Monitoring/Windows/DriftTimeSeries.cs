namespace Workbench.Monitoring.Windows;

/// <summary>The monitor's results for one time window.</summary>
public sealed record WindowResult
{
    public required DateTime Start { get; init; }

    public required DateTime End { get; init; }

    public required int Rows { get; init; }

    public double DriftShare { get; init; }

    public bool DatasetDrift { get; init; }

    public int DriftedFeatures { get; init; }

    public int TestedFeatures { get; init; }

    /// <summary>Each tested column's score (p-value or distance) in this window.</summary>
    public IReadOnlyDictionary<string, double> Scores { get; init; } = new Dictionary<string, double>();

    public IReadOnlyList<string> DriftedColumns { get; init; } = [];

    public int QualityFailures { get; init; }

    /// <summary>Model metrics on the window's labelled rows (empty without ground truth).</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Why the window was not tested (too few rows); null when it was.</summary>
    public string? NotTested { get; init; }

    public bool Tested => NotTested is null;
}

/// <summary>Drift, quality and model metrics window by window: the time series of a monitored stream.</summary>
public sealed record DriftTimeSeries(TimeSpan Window, string TimeColumn, IReadOnlyList<WindowResult> Windows)
{
    public IReadOnlyList<WindowResult> Tested => Windows.Where(w => w.Tested).ToList();

    /// <summary>The first window whose dataset drifted, or null.</summary>
    public WindowResult? FirstDrift => Windows.FirstOrDefault(w => w.Tested && w.DatasetDrift);

    public override string ToString() =>
        $"{Windows.Count} windows of {TimeWindow.Format(Window)} on {TimeColumn}: {Windows.Count(w => w.Tested && w.DatasetDrift)} with dataset drift, {Windows.Count(w => !w.Tested)} too small to test";
}
