using System.Globalization;

namespace Workbench.Costs;

/// <summary>Requests per minute over time: the traffic a scaling simulation replays.</summary>
public sealed class TrafficSeries
{
    private readonly double[] _perMinute;

    public TrafficSeries(IEnumerable<double> requestsPerMinute, DateTimeOffset? start = null)
    {
        ArgumentNullException.ThrowIfNull(requestsPerMinute);
        _perMinute = requestsPerMinute.ToArray();
        for (var i = 0; i < _perMinute.Length; i++)
        {
            if (!double.IsFinite(_perMinute[i]) || _perMinute[i] < 0)
            {
                throw new ArgumentException(
                    $"Traffic at minute {i} is {_perMinute[i].ToString(CultureInfo.InvariantCulture)}; requests per minute must be a finite number, 0 or more.",
                    nameof(requestsPerMinute));
            }
        }

        Start = start ?? DateTimeOffset.UnixEpoch;
    }

    public DateTimeOffset Start { get; }

    public int Minutes => _perMinute.Length;

    public double this[int minute] => _perMinute[minute];

    public IReadOnlyList<double> RequestsPerMinute => _perMinute;

    public double TotalRequests => _perMinute.Sum();

    /// <summary>
    /// A steady <paramref name="baselinePerMinute"/> with one spike of <paramref name="factor"/> times it, from
    /// <paramref name="spikeStartMinute"/> for <paramref name="spikeMinutes"/>.
    /// </summary>
    public static TrafficSeries Spike(double baselinePerMinute, double factor, int spikeStartMinute, int spikeMinutes, int totalMinutes)
    {
        if (totalMinutes <= 0 || spikeStartMinute < 0 || spikeMinutes < 0 || factor < 0)
        {
            throw new ArgumentException($"A spike needs totalMinutes > 0, spikeStartMinute >= 0, spikeMinutes >= 0 and factor >= 0 (got {totalMinutes}, {spikeStartMinute}, {spikeMinutes}, {factor}).");
        }

        return new TrafficSeries(Enumerable.Range(0, totalMinutes)
            .Select(m => m >= spikeStartMinute && m < spikeStartMinute + spikeMinutes ? baselinePerMinute * factor : baselinePerMinute));
    }

    /// <summary>Counts request timestamps (e.g. from data capture or access logs) into 1-minute buckets.</summary>
    public static TrafficSeries FromTimestamps(IEnumerable<DateTimeOffset> requestTimes)
    {
        var times = requestTimes.Order().ToArray();
        if (times.Length == 0)
        {
            return new TrafficSeries([]);
        }

        var start = new DateTimeOffset(times[0].UtcTicks - (times[0].UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        var minutes = (int)((times[^1] - start).Ticks / TimeSpan.TicksPerMinute) + 1;
        var counts = new double[minutes];
        foreach (var time in times)
        {
            counts[(int)((time - start).Ticks / TimeSpan.TicksPerMinute)]++;
        }

        return new TrafficSeries(counts, start);
    }
}
