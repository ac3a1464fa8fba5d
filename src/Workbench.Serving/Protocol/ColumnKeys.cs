namespace Workbench.Serving.Protocol;

/// <summary>
/// The request columns' names as the keys of rows given as JSON objects, matched on their UTF-8 bytes as the hand
/// scanners read them (<see cref="JsonRowScanner"/>). Column i here is the request layout's column i.
/// </summary>
internal sealed class ColumnKeys
{
    private readonly byte[][] _names;

    public ColumnKeys(IEnumerable<string> names)
    {
        var text = names.ToArray();
        _names = text.Select(n => System.Text.Encoding.UTF8.GetBytes(n)).ToArray();
        TakesKeys = text.All(n => !n.Any(c => c is '"' or '\\' || char.IsControl(c))) && !_names.Any(n => JsonRowScanner.IsFormKey(n));
    }

    /// <summary>How many columns there are.</summary>
    public int Count => _names.Length;

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
    public int IndexOf(ReadOnlySpan<byte> key, int hint)
    {
        if ((uint)hint < (uint)_names.Length && key.SequenceEqual(_names[hint]))
        {
            return hint;
        }

        for (var i = 0; i < _names.Length; i++)
        {
            if (key.SequenceEqual(_names[i]))
            {
                return i;
            }
        }

        return -1;
    }

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
