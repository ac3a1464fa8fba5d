namespace Workbench.Features.Text;

/// <summary>scikit-learn's hashing trick: the column and sign a feature string lands on.</summary>
internal static class FeatureHashing
{
    /// <summary>
    /// <c>abs(h) % n</c> of the signed MurmurHash3 of the UTF-8 bytes (h = -2^31 handled as scikit-learn does), and the
    /// sign +1 / -1 of h when <paramref name="alternateSign"/>.
    /// </summary>
    public static (int Index, double Sign) Locate(string feature, int features, bool alternateSign)
    {
        var h = MurmurHash3.Hash32(feature);
        var index = h == int.MinValue ? (int)((2147483647L - (features - 1)) % features) : Math.Abs(h) % features;
        return (index, alternateSign && h < 0 ? -1 : 1);
    }

    /// <summary>Names <c>prefix:hash_0</c> ... made on demand, so a 2^20-wide block does not hold a million strings.</summary>
    public sealed class Names(string prefix, int count) : IReadOnlyList<string>
    {
        public int Count => count;

        public string this[int index] => (uint)index < (uint)count ? $"{prefix}:hash_{index}" : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<string> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
