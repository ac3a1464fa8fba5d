using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Workbench.Serving.Operations;

/// <summary>
/// Counters and latency histograms per variant, written in the Prometheus text exposition format (0.0.4) by hand:
/// <c>workbench_invocations_total{variant,status}</c>, <c>workbench_invocation_errors_total{variant}</c>,
/// <c>workbench_invocation_latency_seconds</c> (histogram), <c>workbench_invocation_rows_total</c>,
/// <c>workbench_requests_in_flight</c>, <c>workbench_capture_records_total</c> / <c>_dropped_total</c>.
/// Updates are lock-free (Interlocked), so recording costs a few nanoseconds per request.
/// </summary>
public sealed class ServingMetrics
{
    /// <summary>Histogram bucket bounds in seconds (0.5 ms … 10 s).</summary>
    public static readonly double[] Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly ConcurrentDictionary<string, VariantSeries> _variants = new(StringComparer.Ordinal);
    private long _inFlight;

    public long InFlight => Interlocked.Read(ref _inFlight);

    internal void Started() => Interlocked.Increment(ref _inFlight);

    internal void Finished() => Interlocked.Decrement(ref _inFlight);

    /// <summary>Records one answered invocation.</summary>
    public void Record(string variant, int status, double seconds, int rows)
    {
        var series = _variants.GetOrAdd(variant, static _ => new VariantSeries());
        series.Statuses.AddOrUpdate(status, 1, static (_, n) => n + 1);
        if (status >= 400)
        {
            Interlocked.Increment(ref series.Errors);
        }

        Interlocked.Add(ref series.Rows, rows);
        var bucket = Array.BinarySearch(Buckets, seconds);
        bucket = bucket < 0 ? ~bucket : bucket;
        Interlocked.Increment(ref series.Counts[bucket]);
        Interlocked.Increment(ref series.Count);
        Interlocked.Add(ref series.MicrosecondsSum, (long)(seconds * 1e6));
    }

    /// <summary>Answered invocations of a variant with a status (for tests and the notebook).</summary>
    public long Count(string variant, int? status = null) =>
        _variants.TryGetValue(variant, out var series) ? status is { } s ? series.Statuses.GetValueOrDefault(s) : Interlocked.Read(ref series.Count) : 0;

    /// <summary>The exposition text.</summary>
    public string Render(long captured = 0, long captureDropped = 0)
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.Append("# HELP workbench_invocations_total Invocations answered, by variant and HTTP status.\n# TYPE workbench_invocations_total counter\n");
        foreach (var (variant, series) in Ordered())
        {
            foreach (var (status, count) in series.Statuses.OrderBy(p => p.Key))
            {
                text.Append(culture, $"workbench_invocations_total{{variant=\"{Escape(variant)}\",status=\"{status}\"}} {count}\n");
            }
        }

        text.Append("# HELP workbench_invocation_errors_total Invocations answered with a 4xx or 5xx status.\n# TYPE workbench_invocation_errors_total counter\n");
        foreach (var (variant, series) in Ordered())
        {
            text.Append(culture, $"workbench_invocation_errors_total{{variant=\"{Escape(variant)}\"}} {Interlocked.Read(ref series.Errors)}\n");
        }

        text.Append("# HELP workbench_invocation_rows_total Rows predicted.\n# TYPE workbench_invocation_rows_total counter\n");
        foreach (var (variant, series) in Ordered())
        {
            text.Append(culture, $"workbench_invocation_rows_total{{variant=\"{Escape(variant)}\"}} {Interlocked.Read(ref series.Rows)}\n");
        }

        text.Append("# HELP workbench_invocation_latency_seconds Time from request start to response written.\n# TYPE workbench_invocation_latency_seconds histogram\n");
        foreach (var (variant, series) in Ordered())
        {
            var label = Escape(variant);
            long cumulative = 0;
            for (var i = 0; i < Buckets.Length; i++)
            {
                cumulative += Interlocked.Read(ref series.Counts[i]);
                text.Append(culture, $"workbench_invocation_latency_seconds_bucket{{variant=\"{label}\",le=\"{Buckets[i].ToString("R", culture)}\"}} {cumulative}\n");
            }

            var count = Interlocked.Read(ref series.Count);
            text.Append(culture, $"workbench_invocation_latency_seconds_bucket{{variant=\"{label}\",le=\"+Inf\"}} {count}\n");
            text.Append(culture, $"workbench_invocation_latency_seconds_sum{{variant=\"{label}\"}} {(Interlocked.Read(ref series.MicrosecondsSum) / 1e6).ToString("R", culture)}\n");
            text.Append(culture, $"workbench_invocation_latency_seconds_count{{variant=\"{label}\"}} {count}\n");
        }

        text.Append("# HELP workbench_requests_in_flight Invocations being served now.\n# TYPE workbench_requests_in_flight gauge\n");
        text.Append(culture, $"workbench_requests_in_flight {InFlight}\n");
        text.Append("# HELP workbench_capture_records_total Data-capture records written.\n# TYPE workbench_capture_records_total counter\n");
        text.Append(culture, $"workbench_capture_records_total {captured}\n");
        text.Append("# HELP workbench_capture_dropped_total Data-capture records dropped (queue full or disk error).\n# TYPE workbench_capture_dropped_total counter\n");
        text.Append(culture, $"workbench_capture_dropped_total {captureDropped}\n");
        return text.ToString();
    }

    private IEnumerable<(string Variant, VariantSeries Series)> Ordered() => _variants.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value));

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private sealed class VariantSeries
    {
        public readonly ConcurrentDictionary<int, long> Statuses = new();
        public readonly long[] Counts = new long[Buckets.Length + 1];
        public long Errors;
        public long Rows;
        public long Count;
        public long MicrosecondsSum;
    }
}
