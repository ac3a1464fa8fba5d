using System.Runtime.CompilerServices;
using Workbench.Data.Io;

namespace Workbench.Serving.Protocol;

/// <summary>Where <see cref="PlainNumberRow.TryRead"/> writes a row: one cell per column.</summary>
internal interface INumberRowCells
{
    ref double this[int column] { get; }
}

/// <summary>
/// One CSV record of numbers, one per column in order, separated by commas and ended by LF, CRLF or the body's end:
/// the record almost every client sends. Each field is scanned as a plain number (see
/// <see cref="FieldParser.TryParsePlainNumber{TLimit}"/>), else read whole as the general reader reads it.
/// </summary>
internal static class PlainNumberRow
{
    /// <summary>
    /// Reads the record at <paramref name="position"/> into <paramref name="cells"/> and moves past it. False, with
    /// <paramref name="position"/> unchanged, for any other record (the cells may be partly written): the caller
    /// reads it the general way, which names what is wrong with it.
    /// </summary>
    /// <typeparam name="TLimit"><see cref="EndsWithDelimiter"/> when the body's last byte is a line feed, else <see cref="WithinSpan"/>.</typeparam>
    /// <typeparam name="TCells">A struct, so the writes are inlined rather than called through an interface.</typeparam>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryRead<TLimit, TCells>(ReadOnlySpan<byte> body, ref int position, int columns, TCells cells)
        where TLimit : struct, IScanLimit
        where TCells : struct, INumberRowCells
    {
        var at = position;
        var last = columns - 1;
        for (var c = 0; c <= last; c++)
        {
            if (!FieldParser.TryParsePlainNumber<TLimit>(body, ref at, out cells[c]) && !TryReadField(body, ref at, out cells[c]))
            {
                return false;
            }

            if (c < last)
            {
                if ((uint)at >= (uint)body.Length || body[at] != (byte)',')
                {
                    return false;
                }

                at++;
            }
        }

        if (at < body.Length)
        {
            if (body[at] == (byte)'\n')
            {
                at++;
            }
            else if (body[at] == (byte)'\r' && at + 1 < body.Length && body[at + 1] == (byte)'\n')
            {
                at += 2;
            }
            else
            {
                return false;
            }
        }

        position = at;
        return true;
    }

    /// <summary>
    /// The field <c>[start, end)</c> of <paramref name="body"/> (no quotes or carriage returns in it) as one finite
    /// number, as <see cref="TryRead{TLimit, TCells}"/> reads a field: the plain scan, else the general reader's way.
    /// </summary>
    public static bool TryReadField(ReadOnlySpan<byte> body, int start, int end, out double value)
    {
        var at = start;
        return (FieldParser.TryParsePlainNumber(body, ref at, out value) && at == end) || TryReadNumber(body[start..end], out value);
    }

    /// <summary>
    /// A field the plain scan declines that is still one finite number, read exactly as the general reader reads an
    /// unquoted field: 17 significant digits (a double written to round-trip, as pandas and Python write them), more
    /// leading zeros, a plus sign, surrounding spaces. Moves <paramref name="at"/> to the field's end.
    /// </summary>
    private static bool TryReadField(ReadOnlySpan<byte> body, ref int at, out double value)
    {
        var rest = body[at..];
        var length = rest.IndexOfAny((byte)',', (byte)'\n');
        var field = length < 0 ? rest : rest[..length];
        if (length < 0 || rest[length] == (byte)'\n')
        {
            // The general reader leaves a record's CR out of its last field.
            field = field.EndsWith((byte)'\r') ? field[..^1] : field;
        }

        if (!TryReadNumber(field, out value))
        {
            return false;
        }

        at += field.Length;
        return true;
    }

    private static bool TryReadNumber(ReadOnlySpan<byte> field, out double value)
    {
        if (field.Contains((byte)'"') || !FieldParser.TryParseDouble(field, out value) || !double.IsFinite(value))
        {
            value = 0;
            return false;
        }

        return true;
    }
}
