using Workbench.Serving.Models;

namespace Workbench.Serving.Protocol;

/// <summary>
/// The request columns' names as the keys of rows given as JSON objects, matched on their UTF-8 bytes as the hand
/// scanners read them (<see cref="JsonRowScanner"/>). Column i here is the request layout's column i.
/// </summary>
internal sealed class ColumnKeys
{
    private readonly RequestLayout _layout;

    // The layout's own UTF-8 names, held in one array: KeyLengthAt runs once per key of every object row, and reaching
    // each name through its column object cost about 5 us per 100-row dataframe_records body.
    private readonly byte[][] _names;

    public ColumnKeys(RequestLayout layout)
    {
        _layout = layout;
        _names = layout.Columns.Select(c => c.Utf8Name).ToArray();
        TakesKeys = layout.Columns.All(c => !c.Name.Any(ch => ch is '"' or '\\' || char.IsControl(ch)) && !JsonRowScanner.IsFormKey(c.Utf8Name));
    }

    /// <summary>How many columns there are.</summary>
    public int Count => _layout.Count;

    /// <summary>
    /// Whether rows given as objects can be scanned by hand: no column name holds a quote, a backslash or a control
    /// character, so a key is a column's name exactly when its bytes between the quotes are the name's; and none is a
    /// key the general reader looks for before reading an object as a row (<c>instances</c>, <c>features</c>, …).
    /// </summary>
    public bool TakesKeys { get; }

    /// <summary>
    /// The column whose UTF-8 name is <paramref name="key"/>, or -1. Tries <paramref name="hint"/> first: keys of rows
    /// given as objects usually arrive in the same order row after row.
    /// </summary>
    public int IndexOf(ReadOnlySpan<byte> key, int hint) => _layout.IndexOf(key, static (k, name) => k.SequenceEqual(name), hint);

    /// <summary>
    /// The length of column <paramref name="column"/>'s UTF-8 name when <paramref name="s"/> holds it at
    /// <paramref name="at"/> followed by a closing quote, else -1: the key in the order the last row gave, without
    /// searching for the quote first.
    /// </summary>
    public int KeyLengthAt(ReadOnlySpan<byte> s, int at, int column)
    {
        if ((uint)column >= (uint)_names.Length)
        {
            return -1;
        }

        var name = _names[column];
        var close = at + name.Length;
        return close < s.Length && s[close] == (byte)'"' && s.Slice(at, name.Length).SequenceEqual(name) ? name.Length : -1;
    }
}
