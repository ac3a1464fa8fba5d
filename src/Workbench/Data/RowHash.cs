namespace Workbench.Data;

/// <summary>A 64-bit finaliser (MurmurHash3's fmix64) for combining per-column value hashes into row hashes.</summary>
internal static class RowHash
{
    public static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        x ^= x >> 33;
        return x;
    }
}
