using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Workbench.Serving.Protocol;

/// <summary>
/// Where every field of an unquoted CSV body starts, found 64 bytes at a time with AVX-512: the structural pass of
/// <see cref="NumericCsvVectorReader"/>, kept apart from the number parsing as simdjson keeps its stage 1 apart.
/// </summary>
internal static class CsvFieldStarts
{
    /// <summary>How many entries the buffer given to <see cref="Find(ReadOnlySpan{byte}, Span{int}, out int)"/> for a body of <paramref name="length"/> bytes must hold.</summary>
    // The compressed stores of a block write 16 entries whatever their count: 64 spare entries take the last block's.
    public static int Capacity(int length) => MostEntries(length) + 65;

    // A body of n numbers has at least 2n - 1 bytes: a digit each and a separator between them.
    private static int MostEntries(int length) => ((length + 1) / 2) + 1;

    /// <summary>
    /// Writes the start of each field of <paramref name="body"/> to <paramref name="starts"/>: 0 first, then one past
    /// each comma or line feed, then one past the body's end when the last line has no line feed, so field k is
    /// <c>[starts[k], starts[k + 1] - 1)</c>. Returns how many entries it wrote (the fields plus one), or -1 when the
    /// body has a quote or a carriage return (which the row-by-row reader handles) or more fields than a body of numbers
    /// of its length could hold (empty ones). <paramref name="lineFeeds"/> counts the line feeds.
    /// </summary>
    // Tiered compilation's dynamic PGO made this loop and the field loop 1.8 times slower in a microbenchmark than
    // fully optimised code, so both are compiled fully optimised from the first call.
    public static int Find(ReadOnlySpan<byte> body, Span<int> starts, out int lineFeeds) =>
        Find(body, starts, out lineFeeds, Avx512Vbmi2.IsSupported);

    /// <summary>
    /// <see cref="Find(ReadOnlySpan{byte}, Span{int}, out int)"/> compressing the separators' offsets as bytes
    /// (AVX512-VBMI2: Ice Lake, Zen 4 and later) when <paramref name="compressBytes"/>, else as ints (AVX-512F alone:
    /// Skylake-SP and Cascade Lake, where .NET is set to run 512-bit vectors).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    internal static int Find(ReadOnlySpan<byte> body, Span<int> starts, out int lineFeeds, bool compressBytes)
    {
        if (starts.Length < Capacity(body.Length))
        {
            throw new ArgumentException("The starts buffer is smaller than Capacity(body.Length).", nameof(starts));
        }

        lineFeeds = 0;
        ref var bytes = ref MemoryMarshal.GetReference(body);
        ref var start = ref MemoryMarshal.GetReference(starts);
        var most = MostEntries(body.Length);
        var length = body.Length;
        start = 0;
        var count = 1;
        var i = 0;
        for (; i + 64 <= length; i += 64)
        {
            var block = Vector512.LoadUnsafe(ref bytes, (nuint)i);
            if ((Vector512.Equals(block, Vector512.Create((byte)'"')) | Vector512.Equals(block, Vector512.Create((byte)'\r'))) != Vector512<byte>.Zero)
            {
                return -1;
            }

            var lineFeedBits = Vector512.Equals(block, Vector512.Create((byte)'\n')).ExtractMostSignificantBits();
            var separatorBits = Vector512.Equals(block, Vector512.Create((byte)',')).ExtractMostSignificantBits() | lineFeedBits;
            lineFeeds += BitOperations.PopCount(lineFeedBits);
            if (separatorBits == 0)
            {
                continue;
            }

            if (count > most)
            {
                return -1;
            }

            var nextPositions = Vector512.Create(i + 1);
            if (compressBytes)
            {
                // One compression gives every offset; the 16 that a block of numbers holds at most, bar short fields, are
                // widened in one go.
                var separators = Vector512.Equals(block, Vector512.Create((byte)',')) | Vector512.Equals(block, Vector512.Create((byte)'\n'));
                var offsets = Avx512Vbmi2.Compress(Vector512<byte>.Zero, separators, Vector512<byte>.Indices);
                var found = BitOperations.PopCount(separatorBits);
                Widen(offsets.GetLower().GetLower(), nextPositions, ref start, count);
                if (found > 16)
                {
                    Widen(offsets.GetLower().GetUpper(), nextPositions, ref start, count + 16);
                    Widen(offsets.GetUpper().GetLower(), nextPositions, ref start, count + 32);
                    Widen(offsets.GetUpper().GetUpper(), nextPositions, ref start, count + 48);
                }

                count += found;
                continue;
            }

            // Each quarter of the block is widened to 16 ints so the separators' positions can be compressed out.
            nextPositions += Vector512<int>.Indices;
            count = Compress(block.GetLower().GetLower(), nextPositions, (uint)separatorBits, ref start, count);
            count = Compress(block.GetLower().GetUpper(), nextPositions + Vector512.Create(16), (uint)(separatorBits >> 16), ref start, count);
            count = Compress(block.GetUpper().GetLower(), nextPositions + Vector512.Create(32), (uint)(separatorBits >> 32), ref start, count);
            count = Compress(block.GetUpper().GetUpper(), nextPositions + Vector512.Create(48), (uint)(separatorBits >> 48), ref start, count);
        }

        for (; i < length; i++)
        {
            switch (Unsafe.Add(ref bytes, i))
            {
                case (byte)'"' or (byte)'\r':
                    return -1;
                case (byte)',' or (byte)'\n' when count > most:
                    return -1;
                case (byte)',':
                    Unsafe.Add(ref start, count++) = i + 1;
                    break;
                case (byte)'\n':
                    Unsafe.Add(ref start, count++) = i + 1;
                    lineFeeds++;
                    break;
            }
        }

        if (length > 0 && Unsafe.Add(ref bytes, length - 1) != (byte)'\n')
        {
            Unsafe.Add(ref start, count++) = length + 1;
        }

        return count > most ? -1 : count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Widen(Vector128<byte> offsets, Vector512<int> nextPositions, ref int starts, int at) =>
        (Avx512F.ConvertToVector512Int32(offsets) + nextPositions).StoreUnsafe(ref starts, (nuint)at);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Compress(Vector128<byte> quarter, Vector512<int> nextPositions, uint separatorBits, ref int starts, int count)
    {
        var wide = Avx512F.ConvertToVector512Int32(quarter);
        var separators = Vector512.Equals(wide, Vector512.Create((int)',')) | Vector512.Equals(wide, Vector512.Create((int)'\n'));
        Avx512F.Compress(Vector512<int>.Zero, separators, nextPositions).StoreUnsafe(ref starts, (nuint)count);
        return count + BitOperations.PopCount(separatorBits & 0xFFFF);
    }
}
