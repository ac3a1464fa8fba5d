using System.Buffers;
using System.Runtime.CompilerServices;

namespace Workbench.Data.Io;

/// <summary>
/// Splits CSV rows into fields (RFC 4180): a field starting with the quote character is quoted and may hold
/// separators, newlines and doubled quotes; a quote elsewhere in a field is an ordinary character, and text
/// after a closing quote is kept (as pandas does). Fields are spans into the data, or into a scratch buffer
/// when a doubled quote had to be undone. A trailing carriage return before the newline is dropped.
/// </summary>
internal sealed class CsvRowSplitter
{
    private readonly byte _separator;
    private readonly byte _quote;
    private readonly SearchValues<byte> _fieldEnds;
    private (int Start, int Length, bool Scratch)[] _fields = new (int, int, bool)[64];
    private byte[] _scratch = new byte[256];
    private int _scratchUsed;

    public CsvRowSplitter(byte separator, byte quote)
    {
        _separator = separator;
        _quote = quote;
        _fieldEnds = SearchValues.Create([separator, (byte)'\n']);
    }

    /// <summary>Fields in the last row read (may exceed the expected count for a ragged row).</summary>
    public int FieldCount { get; private set; }

    /// <summary>Whether the last row's quoted field ran to the end of the data without its closing quote.</summary>
    public bool Unterminated { get; private set; }

    public ReadOnlySpan<byte> Field(ReadOnlySpan<byte> data, int index)
    {
        var (start, length, scratch) = _fields[index];
        return scratch ? _scratch.AsSpan(start, length) : data.Slice(start, length);
    }

    /// <summary>
    /// Reads the row starting at <paramref name="position"/>; moves <paramref name="position"/> past its newline
    /// and <paramref name="line"/> past every newline it spans. Returns false for a blank line (no fields).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool ReadRow(ReadOnlySpan<byte> data, ref int position, ref long line)
    {
        FieldCount = 0;
        Unterminated = false;
        _scratchUsed = 0;
        var pos = position;
        if (data[pos] == (byte)'\n' || (data[pos] == (byte)'\r' && pos + 1 < data.Length && data[pos + 1] == (byte)'\n'))
        {
            position = pos + (data[pos] == (byte)'\n' ? 1 : 2);
            line++;
            return false;
        }

        while (true)
        {
            int end;
            if (pos < data.Length && data[pos] == _quote)
            {
                end = ReadQuoted(data, pos, ref line);
            }
            else
            {
                end = FieldEnd(data, pos);
                var length = end - pos;
                if (end < data.Length && data[end] == (byte)'\n' && length > 0 && data[end - 1] == (byte)'\r')
                {
                    length--;
                }
                else if (end == data.Length && length > 0 && data[end - 1] == (byte)'\r')
                {
                    length--;
                }

                AddField(pos, length, scratch: false);
            }

            if (end >= data.Length)
            {
                position = data.Length;
                return true;
            }

            if (data[end] == _separator)
            {
                pos = end + 1;
                if (pos == data.Length)
                {
                    // A row ending in a separator has an empty last field.
                    AddField(pos, 0, scratch: false);
                    position = pos;
                    return true;
                }

                continue;
            }

            position = end + 1;
            line++;
            return true;
        }
    }

    /// <summary>Where an unquoted field ends: most fields are short, so a plain loop first, then the vectorized search.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int FieldEnd(ReadOnlySpan<byte> data, int pos)
    {
        var limit = Math.Min(data.Length, pos + 24);
        for (var i = pos; i < limit; i++)
        {
            var b = data[i];
            if (b == _separator || b == (byte)'\n')
            {
                return i;
            }
        }

        if (limit == data.Length)
        {
            return data.Length;
        }

        var next = data[limit..].IndexOfAny(_fieldEnds);
        return next < 0 ? data.Length : limit + next;
    }

    /// <summary>Reads a quoted field at <paramref name="start"/>; returns where it ends (a separator, newline or the end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ReadQuoted(ReadOnlySpan<byte> data, int start, ref long line)
    {
        var i = start + 1;
        var scratchStart = -1;
        while (true)
        {
            var q = data[i..].IndexOf(_quote);
            if (q < 0)
            {
                // No closing quote before the end: keep what there is, flagged.
                Unterminated = true;
                line += data[i..].Count((byte)'\n');
                AddContent(data, start + 1, i, data.Length, scratchStart);
                return data.Length;
            }

            var at = i + q;
            line += data[i..at].Count((byte)'\n');
            if (at + 1 < data.Length && data[at + 1] == _quote)
            {
                // A doubled quote: copy what we have so far plus one quote to the scratch buffer.
                if (scratchStart < 0)
                {
                    scratchStart = _scratchUsed;
                    AppendScratch(data[(start + 1)..(at + 1)]);
                }
                else
                {
                    AppendScratch(data[i..(at + 1)]);
                }

                i = at + 2;
                continue;
            }

            // Closing quote. Anything up to the next separator or newline is kept as ordinary text.
            var after = at + 1;
            var next = data[after..].IndexOfAny(_fieldEnds);
            var end = next < 0 ? data.Length : after + next;
            var tailEnd = end;
            if (tailEnd > after && data[tailEnd - 1] == (byte)'\r')
            {
                tailEnd--;
            }

            if (tailEnd > after)
            {
                if (scratchStart < 0)
                {
                    scratchStart = _scratchUsed;
                    AppendScratch(data[(start + 1)..at]);
                }
                else
                {
                    AppendScratch(data[i..at]);
                }

                AppendScratch(data[after..tailEnd]);
                AddField(scratchStart, _scratchUsed - scratchStart, scratch: true);
            }
            else
            {
                AddContent(data, start + 1, i, at, scratchStart);
            }

            return end;
        }
    }

    private void AddContent(ReadOnlySpan<byte> data, int contentStart, int pendingStart, int end, int scratchStart)
    {
        if (scratchStart < 0)
        {
            AddField(contentStart, end - contentStart, scratch: false);
            return;
        }

        AppendScratch(data[pendingStart..end]);
        AddField(scratchStart, _scratchUsed - scratchStart, scratch: true);
    }

    private void AppendScratch(ReadOnlySpan<byte> bytes)
    {
        if (_scratchUsed + bytes.Length > _scratch.Length)
        {
            Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, _scratchUsed + bytes.Length));
        }

        bytes.CopyTo(_scratch.AsSpan(_scratchUsed));
        _scratchUsed += bytes.Length;
    }

    private void AddField(int start, int length, bool scratch)
    {
        if (FieldCount == _fields.Length)
        {
            Array.Resize(ref _fields, _fields.Length * 2);
        }

        _fields[FieldCount++] = (start, length, scratch);
    }
}
