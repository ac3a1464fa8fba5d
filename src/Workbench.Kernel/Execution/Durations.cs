using System.Globalization;

namespace Workbench.Kernel.Execution;

/// <summary>Durations the way people read them: "850 ms", "12.4 s", "3 min 5 s".</summary>
public static class Durations
{
    public static string Describe(TimeSpan duration) => duration.TotalSeconds switch
    {
        < 1 => $"{duration.TotalMilliseconds.ToString("0.#", CultureInfo.InvariantCulture)} ms",
        < 60 => $"{duration.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture)} s",
        _ => $"{(int)duration.TotalMinutes} min {duration.Seconds} s",
    };
}
