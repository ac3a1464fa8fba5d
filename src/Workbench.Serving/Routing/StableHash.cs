namespace Workbench.Serving.Routing;

/// <summary>A hash of a string into [0, 1) that is the same in every process and run (FNV-1a 64 over UTF-16 code units), for sticky routing and sampling.</summary>
public static class StableHash
{
    public static double Unit(string text, ulong salt = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hash = 14695981039346656037UL ^ salt;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        // Final avalanche so nearby ids spread over the whole range.
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        return (hash >> 11) * (1.0 / (1UL << 53));
    }
}
