using System.Globalization;

namespace Workbench.Kernel.Protocol;

/// <summary>Header dates: ISO 8601 in UTC with an explicit offset and microseconds (no more than 6 fractional digits).</summary>
public static class ProtocolDates
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static string Now() => Format(DateTimeOffset.UtcNow);
}
