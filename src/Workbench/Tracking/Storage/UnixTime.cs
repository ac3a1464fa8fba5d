namespace Workbench.Tracking.Storage;

/// <summary>Timestamps are stored as Unix milliseconds (as MLflow does), read back as UTC.</summary>
internal static class UnixTime
{
    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public static long ToMilliseconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMilliseconds(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    public static DateTimeOffset? FromMilliseconds(long? milliseconds) => milliseconds is { } ms ? FromMilliseconds(ms) : null;
}
