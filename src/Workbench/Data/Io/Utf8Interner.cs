using System.Runtime.CompilerServices;
using System.Text;

namespace Workbench.Data.Io;

/// <summary>
/// Maps UTF-8 field texts to dense codes, allocating each distinct string once: repeated labels cost a
/// hash and a byte comparison, not a string. Open addressing over an arena of the distinct texts' bytes.
/// </summary>
internal sealed class Utf8Interner
{
    private int[] _buckets = new int[64];
    private int[] _hashes = new int[32];
    private int[] _offsets = new int[33];
    private byte[] _arena = new byte[1024];
    private readonly List<string> _strings = [];

    public int Count => _strings.Count;

    public IReadOnlyList<string> Strings => _strings;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Intern(ReadOnlySpan<byte> text)
    {
        var hash = Hash(text);
        var mask = _buckets.Length - 1;
        var slot = hash & mask;
        while (true)
        {
            var entry = _buckets[slot] - 1;
            if (entry < 0)
            {
                break;
            }

            if (_hashes[entry] == hash && text.SequenceEqual(_arena.AsSpan(_offsets[entry], _offsets[entry + 1] - _offsets[entry])))
            {
                return entry;
            }

            slot = (slot + 1) & mask;
        }

        var code = _strings.Count;
        Store(text, hash);
        _buckets[slot] = code + 1;
        if (_strings.Count * 2 > _buckets.Length)
        {
            Rehash();
        }

        return code;
    }

    private void Store(ReadOnlySpan<byte> text, int hash)
    {
        var code = _strings.Count;
        if (code + 1 >= _hashes.Length)
        {
            Array.Resize(ref _hashes, _hashes.Length * 2);
            Array.Resize(ref _offsets, (_offsets.Length * 2) - 1);
        }

        var start = _offsets[code];
        if (start + text.Length > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, start + text.Length));
        }

        text.CopyTo(_arena.AsSpan(start));
        _offsets[code + 1] = start + text.Length;
        _hashes[code] = hash;
        _strings.Add(Encoding.UTF8.GetString(text));
    }

    private void Rehash()
    {
        _buckets = new int[_buckets.Length * 2];
        var mask = _buckets.Length - 1;
        for (var code = 0; code < _strings.Count; code++)
        {
            var slot = _hashes[code] & mask;
            while (_buckets[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _buckets[slot] = code + 1;
        }
    }

    // FNV-1a finished with a multiplicative mix: fields are short, so a simple byte loop wins.
    private static int Hash(ReadOnlySpan<byte> text)
    {
        var hash = 2166136261u;
        foreach (var b in text)
        {
            hash = (hash ^ b) * 16777619u;
        }

        hash ^= hash >> 15;
        hash *= 0x2c1b3c6du;
        hash ^= hash >> 12;
        return (int)(hash & 0x7FFFFFFF);
    }
}
