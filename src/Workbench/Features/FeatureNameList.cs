using Workbench.Features.Text;

namespace Workbench.Features;

/// <summary>
/// The pipeline's feature names: the steps' names end to end, with any name that two steps share prefixed by its step
/// (<c>numeric__age</c>). Hashed blocks (<c>column:hash_i</c>, up to 2^20 of them) are made on demand and left out of
/// the clash check, so a wide hashing step costs no memory for its names.
/// </summary>
internal sealed class FeatureNameList : IReadOnlyList<string>
{
    private readonly (string Step, IReadOnlyList<string> Names)[] _segments;
    private readonly int[] _starts;
    private readonly HashSet<string> _clashing;

    // Every name, when no step hashes: a model checks the matrix's names against its own on each predict, and a
    // served request's predict is a few microseconds, so the lookups below would be a fair part of it.
    private readonly string[]? _all;

    public FeatureNameList((string Step, IReadOnlyList<string> Names)[] segments)
    {
        _segments = segments;
        _starts = new int[segments.Length + 1];
        for (var i = 0; i < segments.Length; i++)
        {
            _starts[i + 1] = _starts[i] + segments[i].Names.Count;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        _clashing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, names) in segments.Where(s => s.Names is not FeatureHashing.Names))
        {
            foreach (var name in names)
            {
                if (!seen.Add(name))
                {
                    _clashing.Add(name);
                }
            }
        }

        if (!segments.Any(s => s.Names is FeatureHashing.Names))
        {
            _all = new string[Count];
            for (var i = 0; i < _all.Length; i++)
            {
                _all[i] = Lookup(i);
            }
        }
    }

    public int Count => _starts[^1];

    public string this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), $"feature {index} is outside the {Count} features.");
            }

            return _all is not null ? _all[index] : Lookup(index);
        }
    }

    private string Lookup(int index)
    {
        var segment = Array.BinarySearch(_starts, index);
        segment = segment >= 0 ? segment : ~segment - 1;
        while (_starts[segment + 1] == _starts[segment])
        {
            segment++;
        }

        var (step, names) = _segments[segment];
        var name = names[index - _starts[segment]];
        return _clashing.Contains(name) ? $"{step}__{name}" : name;
    }

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
