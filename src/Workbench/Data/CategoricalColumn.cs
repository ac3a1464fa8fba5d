using System.Runtime.CompilerServices;

namespace Workbench.Data;

/// <summary>
/// Labels from a small set, stored as <see cref="int"/> codes into a dictionary of <see cref="Categories"/>
/// (code -1 is missing). Categories are sorted ordinally when built from labels, as pandas does.
/// </summary>
public sealed class CategoricalColumn : Column
{
    private readonly int[] _codes;
    private readonly string[] _categories;
    private readonly int _nullCount;

    /// <summary>Encodes <paramref name="labels"/>; null is missing.</summary>
    public CategoricalColumn(string name, ReadOnlySpan<string?> labels)
        : base(name, labels.Length)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstSeen = new int[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] is not { } label)
            {
                firstSeen[i] = -1;
                _nullCount++;
                continue;
            }

            if (!index.TryGetValue(label, out var code))
            {
                code = index.Count;
                index.Add(label, code);
            }

            firstSeen[i] = code;
        }

        _categories = [.. index.Keys];
        var order = Enumerable.Range(0, _categories.Length).ToArray();
        Array.Sort((string[])_categories.Clone(), order, StringComparer.Ordinal);
        var remap = new int[order.Length];
        for (var sorted = 0; sorted < order.Length; sorted++)
        {
            remap[order[sorted]] = sorted;
        }

        Array.Sort(_categories, StringComparer.Ordinal);
        _codes = new int[labels.Length];
        for (var i = 0; i < _codes.Length; i++)
        {
            _codes[i] = firstSeen[i] < 0 ? -1 : remap[firstSeen[i]];
        }
    }

    /// <summary>A column from codes (copied) into <paramref name="categories"/>; code -1 is missing.</summary>
    public CategoricalColumn(string name, ReadOnlySpan<int> codes, IReadOnlyList<string> categories)
        : this(name, codes.ToArray(), Validate(name, categories), adopt: true)
    {
    }

    private CategoricalColumn(string name, int[] codes, string[] categories, bool adopt)
        : base(name, codes.Length)
    {
        _codes = adopt ? codes : (int[])codes.Clone();
        _categories = categories;
        for (var i = 0; i < _codes.Length; i++)
        {
            var code = _codes[i];
            if (code < 0)
            {
                if (code != -1)
                {
                    throw new ArgumentException($"column '{name}', row {i}: code {code} is invalid (-1 is missing, categories are 0..{categories.Length - 1}).");
                }

                _nullCount++;
            }
            else if (code >= categories.Length)
            {
                throw new ArgumentException($"column '{name}', row {i}: code {code} is beyond the {categories.Length} categories.");
            }
        }
    }

    public override ColumnType Type => ColumnType.Categorical;

    public override int NullCount => _nullCount;

    /// <summary>The dictionary: code i stands for <c>Categories[i]</c>.</summary>
    public IReadOnlyList<string> Categories => _categories;

    /// <summary>One code per row; -1 where missing.</summary>
    public ReadOnlySpan<int> Codes => _codes;

    /// <summary>The label at <paramref name="row"/>, or null when missing.</summary>
    public new string? this[int row]
    {
        get
        {
            CheckRow(row);
            return _codes[row] < 0 ? null : _categories[_codes[row]];
        }
    }

    internal static CategoricalColumn Adopt(string name, int[] codes, string[] categories) => new(name, codes, categories, adopt: true);

    /// <summary>The code of <paramref name="label"/>, or -1 when it is not a category.</summary>
    public int CodeOf(string label) => Array.IndexOf(_categories, label);

    /// <summary>The labels as plain text.</summary>
    public StringColumn ToStringColumn()
    {
        var values = new string?[Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _codes[i] < 0 ? null : _categories[_codes[i]];
        }

        return StringColumn.Adopt(Name, values);
    }

    public override bool IsNull(int row) => _codes[row] < 0;

    public override Column WithName(string name) => Adopt(name, _codes, _categories);

    public override Column Take(ReadOnlySpan<int> rows)
    {
        var codes = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            codes[i] = rows[i] < 0 ? -1 : _codes[rows[i]];
        }

        return Adopt(Name, codes, _categories);
    }

    private protected override object BoxedValue(int row) => _categories[_codes[row]];

    internal override bool ValuesEqual(int a, int b) => _codes[a] == _codes[b];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void HashRows(Span<ulong> hashes)
    {
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = RowHash.Combine(hashes[i], (ulong)(uint)(_codes[i] + 2));
        }
    }

    private protected override string FormatValue(int row) => _categories[_codes[row]];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override int[] Factorize(out int count)
    {
        var remap = new int[_categories.Length];
        Array.Fill(remap, -1);
        var next = 0;
        var codes = new int[Length];
        for (var i = 0; i < codes.Length; i++)
        {
            var code = _codes[i];
            if (code < 0)
            {
                codes[i] = -1;
                continue;
            }

            if (remap[code] < 0)
            {
                remap[code] = next++;
            }

            codes[i] = remap[code];
        }

        count = next;
        return codes;
    }

    internal override int[] DenseRanks(out int distinct)
    {
        // Rank categories by label, then keep only the ones that occur so ranks stay dense.
        var order = Enumerable.Range(0, _categories.Length).ToArray();
        Array.Sort((string[])_categories.Clone(), order, StringComparer.Ordinal);
        var used = new bool[_categories.Length];
        foreach (var code in _codes)
        {
            if (code >= 0)
            {
                used[code] = true;
            }
        }

        var rankOfCode = new int[_categories.Length];
        var rank = 0;
        foreach (var code in order)
        {
            rankOfCode[code] = used[code] ? rank++ : -1;
        }

        var ranks = new int[Length];
        for (var i = 0; i < ranks.Length; i++)
        {
            ranks[i] = _codes[i] < 0 ? -1 : rankOfCode[_codes[i]];
        }

        distinct = rank;
        return ranks;
    }

    internal override void CopyNumbers(int start, int count, Span<double> destination) => throw NotNumeric("this operation");

    internal override void WriteCanonical(CanonicalWriter writer, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            if (_codes[i] < 0)
            {
                writer.Null();
            }
            else
            {
                writer.String(_categories[_codes[i]]);
            }
        }
    }

    private static string[] Validate(string name, IReadOnlyList<string> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var array = categories.ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var category in array)
        {
            if (category is null)
            {
                throw new ArgumentException($"column '{name}': a category is null; missing values are code -1, not a category.");
            }

            if (!seen.Add(category))
            {
                throw new ArgumentException($"column '{name}': category '{category}' appears twice.");
            }
        }

        return array;
    }
}
