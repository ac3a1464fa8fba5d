using Workbench.Data;

namespace Workbench.Monitoring.Capture;

/// <summary>How data-capture records become rows.</summary>
public sealed record CaptureReadOptions
{
    /// <summary>Names of the model's inputs in payload order (CSV fields, JSON arrays); JSON objects carry their own names.</summary>
    public IReadOnlyList<string> InputColumns { get; init; } = [];

    /// <summary>The column that receives the model's output.</summary>
    public string PredictionColumn { get; init; } = "prediction";

    /// <summary>The column that receives each record's eventId.</summary>
    public string EventIdColumn { get; init; } = "event_id";

    /// <summary>The column that receives each record's inferenceTime (UTC).</summary>
    public string TimeColumn { get; init; } = "inference_time";

    /// <summary>Types for input columns: numbers become float64 when every present value parses; otherwise they stay text and the type check reports the rest.</summary>
    public IReadOnlyDictionary<string, ColumnType> ColumnTypes { get; init; } = new Dictionary<string, ColumnType>();

    /// <summary>Issues kept in full (all are counted).</summary>
    public int MaxIssues { get; init; } = 1000;
}
