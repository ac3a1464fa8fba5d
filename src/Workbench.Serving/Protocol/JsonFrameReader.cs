using System.Runtime.CompilerServices;
using Workbench.Serving.Models;

namespace Workbench.Serving.Protocol;

/// <summary>
/// The short JSON way for any model, categorical columns included: the forms <see cref="NumericJsonReader"/> takes,
/// with cells that are numbers, strings without escapes, true, false or null, scanned by hand
/// (<see cref="JsonRowScanner"/>) into the <see cref="FrameBuilder"/> the general reader fills, cell by cell with the
/// same calls, so the frame is the same. <c>dataframe_split</c> is taken when its <c>columns</c> are the request's, in
/// its order. Anything else, and any cell the builder records a problem for, makes the readers return null and the
/// body is read by <see cref="JsonRequestParser"/>, which names the problem.
/// </summary>
internal static class JsonFrameReader
{
    /// <summary>The filled builder for a JSON body, or null when the body must be read the general way.</summary>
    public static FrameBuilder? TryRead(RequestLayout layout, ColumnKeys keys, ReadOnlySpan<byte> body)
    {
        var lead = body.IndexOfAnyExcept(" \t\r\n"u8);
        if (lead >= 0 && body[lead] == (byte)'{')
        {
            var single = new FrameBuilder(layout, 1);
            var one = new FrameSink(keys, single);
            if (JsonRowScanner.TryRowObject(body, lead, ref one))
            {
                return Done(single);
            }
        }

        if (!JsonRowScanner.TryFindRows(body, out var last, out var start, out _, out var capacity))
        {
            return null;
        }

        var builder = new FrameBuilder(layout, capacity);
        var sink = new FrameSink(keys, builder);
        return JsonRowScanner.TryScanRows(body[..(last + 1)], start, ref sink, int.MaxValue, out _, out var end)
            && JsonRowsEnvelope.TryCheck(body, start, end, out var columns)
            && (columns is null || columns.SequenceEqual(layout.Columns.Select(c => c.Name)))
                ? Done(builder)
                : null;
    }

    /// <summary>The filled builder for a JSON Lines body, or null when the body must be read the general way.</summary>
    public static FrameBuilder? TryReadLines(RequestLayout layout, ColumnKeys keys, ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        var rows = RequestReader.LineCount(body);
        var builder = new FrameBuilder(layout, rows);
        var sink = new FrameSink(keys, builder);
        return JsonRowScanner.TryLines(body, rows, ref sink) ? Done(builder) : null;
    }

    // A cell the builder refused (text in a number column, a fraction in an integer one) is the general reader's to
    // report, with its line and wording.
    private static FrameBuilder? Done(FrameBuilder builder) => builder.TotalProblems == 0 && builder.Rows > 0 ? builder : null;

    /// <summary>Each cell given to the builder as the general reader gives a JSON value of its kind.</summary>
    private readonly struct FrameSink(ColumnKeys keys, FrameBuilder builder) : IJsonRowSink
    {
        public ColumnKeys Keys => keys;

        public void BeginRow(int row) => builder.BeginRow();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryCell(ReadOnlySpan<byte> s, ref int at, int column, int row)
        {
            var first = s[at];
            if (first == (byte)'"')
            {
                var length = JsonRowScanner.StringLength(s, at);
                if (length < 0 || !System.Text.Unicode.Utf8.IsValid(s.Slice(at + 1, length)))
                {
                    return false;
                }

                builder.SetText(column, s.Slice(at + 1, length));
                at += length + 2;
                return true;
            }

            if (first is (byte)'t' or (byte)'f' or (byte)'n')
            {
                var literal = JsonRowScanner.LiteralLength(s, at);
                if (literal == 0)
                {
                    return false;
                }

                if (first == (byte)'n')
                {
                    builder.SetMissing(column);
                }
                else
                {
                    builder.SetBoolean(column, first == (byte)'t');
                }

                at += literal;
                return true;
            }

            if (!JsonRowScanner.TryNumber(s, ref at, out var value))
            {
                return false;
            }

            builder.SetNumber(column, value);
            return true;
        }
    }
}
