using System.Runtime.CompilerServices;
using System.Text;

namespace Workbench.Data.Io;

/// <summary>
/// The field texts read as missing. The default is pandas' list: the empty field, <c>#N/A</c>, <c>#N/A N/A</c>,
/// <c>#NA</c>, <c>-1.#IND</c>, <c>-1.#QNAN</c>, <c>-NaN</c>, <c>-nan</c>, <c>1.#IND</c>, <c>1.#QNAN</c>,
/// <c>&lt;NA&gt;</c>, <c>N/A</c>, <c>NA</c>, <c>NULL</c>, <c>NaN</c>, <c>None</c>, <c>n/a</c>, <c>nan</c>, <c>null</c>.
/// Matching is exact (case-sensitive) on the whole field, quoted or not.
/// </summary>
public sealed class MissingValueTokens
{
    public static readonly IReadOnlyList<string> PandasDefaults =
    [
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
        "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
    ];

    private readonly byte[][] _tokens;
    private readonly bool _empty;
    private readonly int _maxLength;

    // Tokens by first byte: most fields are rejected by one table lookup, the rest compare a few candidates.
    private readonly byte[][]?[] _byFirstByte = new byte[256][][];

    public MissingValueTokens(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        Tokens = tokens.Distinct(StringComparer.Ordinal).ToArray();
        _tokens = Tokens.Where(t => t.Length > 0).Select(Encoding.UTF8.GetBytes).ToArray();
        _empty = Tokens.Contains(string.Empty);
        _maxLength = _tokens.Length == 0 ? 0 : _tokens.Max(t => t.Length);
        foreach (var group in _tokens.GroupBy(t => t[0]))
        {
            _byFirstByte[group.Key] = group.ToArray();
        }
    }

    /// <summary>pandas' defaults.</summary>
    public static MissingValueTokens Default { get; } = new(PandasDefaults);

    /// <summary>Nothing is missing but the empty field... unless even that is left out.</summary>
    public static MissingValueTokens None { get; } = new([]);

    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Whether a field of this UTF-8 text is missing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool IsMissing(ReadOnlySpan<byte> field)
    {
        if (field.IsEmpty)
        {
            return _empty;
        }

        if (field.Length > _maxLength || _byFirstByte[field[0]] is not { } candidates)
        {
            return false;
        }

        foreach (var token in candidates)
        {
            if (token.Length == field.Length && field.SequenceEqual(token))
            {
                return true;
            }
        }

        return false;
    }

    public bool IsMissing(string? field) => field is null || IsMissing(Encoding.UTF8.GetBytes(field));
}
