using System.Globalization;
using System.Text.RegularExpressions;

namespace Workbench.Monitoring.Windows;

/// <summary>Window lengths written as <c>30m</c>, <c>1h</c>, <c>6h</c>, <c>1d</c>, <c>1w</c> (or <c>hourly</c>, <c>daily</c>, <c>weekly</c>).</summary>
public static partial class TimeWindow
{
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim().ToLowerInvariant();
        switch (trimmed)
        {
            case "hourly":
                return TimeSpan.FromHours(1);
            case "daily":
                return TimeSpan.FromDays(1);
            case "weekly":
                return TimeSpan.FromDays(7);
        }

        var match = Spec().Match(trimmed);
        if (!match.Success)
        {
            throw new FormatException($"'{text}' is not a window length; write a number and a unit: 30m, 1h, 6h, 1d, 1w (or hourly, daily, weekly).");
        }

        var count = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        if (count <= 0)
        {
            throw new FormatException($"'{text}': the window length must be positive.");
        }

        return match.Groups[2].Value switch
        {
            "m" or "min" => TimeSpan.FromMinutes(count),
            "h" => TimeSpan.FromHours(count),
            "d" => TimeSpan.FromDays(count),
            _ => TimeSpan.FromDays(7 * count),
        };
    }

    /// <summary>The start of the window holding <paramref name="time"/>: windows are aligned to multiples of their length since 1970-01-01 UTC.</summary>
    public static DateTime Start(DateTime time, TimeSpan window)
    {
        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;
        var ticks = utc.Ticks - DateTime.UnixEpoch.Ticks;
        var start = ticks - (((ticks % window.Ticks) + window.Ticks) % window.Ticks);
        return new DateTime(start + DateTime.UnixEpoch.Ticks, DateTimeKind.Utc);
    }

    /// <summary>A window length as text: 1h, 1d, 30m.</summary>
    public static string Format(TimeSpan window) =>
        window.Ticks % TimeSpan.TicksPerDay == 0 ? $"{window.Days}d"
        : window.Ticks % TimeSpan.TicksPerHour == 0 ? $"{(long)window.TotalHours}h"
        : $"{(long)window.TotalMinutes}m";

    [GeneratedRegex(@"^(\d+)\s*(m|min|h|d|w)$")]
    private static partial Regex Spec();
}
