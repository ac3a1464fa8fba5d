namespace Workbench.Data;

/// <summary>Row hashes from per-column value hashes: a cheap multiply-rotate step per column, one full mix per row at the end.</summary>
internal static class RowHash
{
    /// <summary>Folds one value's hash into a row's running hash.</summary>
    public static ulong Combine(ulong hash, ulong value) => System.Numerics.BitOperations.RotateLeft((hash ^ value) * 0x9E3779B97F4A7C15UL, 27);

    /// <summary>MurmurHash3's 64-bit finaliser.</summary>
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
