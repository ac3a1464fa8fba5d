using System.Globalization;
using Workbench.Extension.Html;
using Workbench.Tracking;

namespace Workbench.Extension.Tracking;

/// <summary>Small pieces shared by the tracking and registry renderers: badges, times, sizes, hashes.</summary>
internal static class TrackingHtml
{
    /// <summary>
    /// The run's status as a coloured badge. A Running run whose process is gone (killed) says so: it will never finish.
    /// </summary>
    public static string StatusBadge(RunStatus status, IReadOnlyDictionary<string, string> tags)
    {
        var (text, css) = status switch
        {
            RunStatus.Finished => ("FINISHED", "wb-good"),
            RunStatus.Failed => ("FAILED", "wb-bad"),
            RunStatus.Killed => ("KILLED", "wb-bad"),
            _ when RunEnvironment.IsProcessGone(tags) == true => ("RUNNING · process gone, not finished", "wb-bad"),
            _ => ("RUNNING", "wb-warn"),
        };
        return Badge(text, css);
    }

    public static string Badge(string text, string css) => $"<span class=\"wb-badge {css}\">{HtmlText.Encode(text)}</span>";

    public static string Time(DateTimeOffset? time) =>
        time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "—";

    public static string Duration(TimeSpan? duration) => duration switch
    {
        null => "—",
        { TotalSeconds: < 60 } d => d.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
        { TotalMinutes: < 60 } d => $"{(int)d.TotalMinutes} min {d.Seconds} s",
        var d => $"{(int)d.Value.TotalHours} h {d.Value.Minutes} min",
    };

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1 << 20 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KiB",
        < 1 << 30 => (bytes / 1048576.0).ToString("0.#", CultureInfo.InvariantCulture) + " MiB",
        _ => (bytes / 1073741824.0).ToString("0.##", CultureInfo.InvariantCulture) + " GiB",
    };

    /// <summary>The first 12 hex digits, with the full hash on hover.</summary>
    public static string Hash(string sha256)
    {
        var hex = sha256.StartsWith("sha256:", StringComparison.Ordinal) ? sha256[7..] : sha256;
        return $"<code title=\"{HtmlText.Encode(sha256)}\">{HtmlText.Encode(hex[..Math.Min(12, hex.Length)])}</code>";
    }

    public static string Metric(double value) => HtmlText.Number(value);

    public static void Heading(TextWriter writer, string html) => writer.Write($"<div style=\"font-size:15px;font-weight:600;margin:4px 0\">{html}</div>");

    public static void Muted(TextWriter writer, string text) => writer.Write($"<div class=\"wb-muted\">{HtmlText.Encode(text)}</div>");
}
