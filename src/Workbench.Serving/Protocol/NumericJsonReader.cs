using System.Buffers;
using System.Runtime.CompilerServices;
using Workbench.Features;

namespace Workbench.Serving.Protocol;

/// <summary>
/// The short way for JSON bodies of numeric rows, as MLflow and SageMaker clients send them:
/// <c>{"instances": [[…], …]}</c>, <c>{"inputs": [[…], …]}</c>,
/// <c>{"dataframe_split": {"columns": […], "data": [[…], …]}}</c> (columns in any order; other keys such as
/// <c>index</c> ignored, as the general reader ignores them), <c>{"dataframe_records": […]}</c>, a bare list of rows,
/// or one flat row; rows as lists in the request's column order or as objects keyed by column name
/// (<c>{"mean_radius": 17.99, …}</c>, as pandas' <c>to_dict("records")</c> gives them), and one such object alone.
/// <see cref="JsonRowScanner"/> scans the rows straight into <see cref="NumericInput"/>'s column-major buffer, where
/// building a document costs several times the parsing; the envelope around them is checked by System.Text.Json with
/// the rows array read as <c>[]</c>. Anything else (a string, null or boolean cell, a number the exact parse does not
/// take, a row of the wrong length, an object row missing a column or naming one twice, a key with an escape, a second
/// key the general reader would choose between, invalid JSON) makes <see cref="TryRead"/> return null and the body is
/// read the general way, which names the problem when there is one.
/// </summary>
internal static class NumericJsonReader
{
    /// <summary>The model's input for <paramref name="body"/>, or null when the body must be read the general way.</summary>
    public static FeatureMatrix? TryRead(NumericInput input, ReadOnlySpan<byte> body)
    {
        var lead = body.IndexOfAnyExcept(" \t\r\n"u8);
        if (lead >= 0 && body[lead] == (byte)'{' && TryReadRowObject(input, body, lead) is { } row)
        {
            return row;
        }

        if (!JsonRowScanner.TryFindRows(body, out var last, out var start, out var objects, out var stride))
        {
            return null;
        }

        var width = input.Columns;
        var buffer = ArrayPool<double>.Shared.Rent(checked(stride * width));
        double[]? reordered = null;
        try
        {
            var sink = new NumberSink(input.Keys, buffer, stride);
            if (!JsonRowScanner.TryScanRows(body[..(last + 1)], start, ref sink, stride, out var rows, out var end)
                || !JsonRowsEnvelope.TryCheck(body, start, end, out var columns)
                || (objects && columns is not null)
                || Order(input, columns) is not { } order)
            {
                return null;
            }

            if (order.Length == 0)
            {
                return input.TryFinish(buffer, rows, stride);
            }

            reordered = ArrayPool<double>.Shared.Rent(checked(rows * width));
            for (var p = 0; p < width; p++)
            {
                buffer.AsSpan(p * stride, rows).CopyTo(reordered.AsSpan(order[p] * rows, rows));
            }

            return input.TryFinish(reordered, rows, rows);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
            if (reordered is not null)
            {
                ArrayPool<double>.Shared.Return(reordered);
            }
        }
    }

    /// <summary>
    /// The model's input for a JSON Lines body of one row per line, each a list of numbers, an object keyed by column
    /// name, or <c>{"features": [numbers]}</c> (SageMaker's form); null when the body must be read the general way
    /// (blank lines included, which the general reader skips).
    /// </summary>
    public static FeatureMatrix? TryReadLines(NumericInput input, ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        var rows = RequestReader.LineCount(body);
        var buffer = ArrayPool<double>.Shared.Rent(checked(rows * input.Columns));
        try
        {
            var sink = new NumberSink(input.Keys, buffer, rows);
            return JsonRowScanner.TryLines(body, rows, ref sink) ? input.TryFinish(buffer, rows, rows) : null;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    // A body that is one row given as an object.
    private static FeatureMatrix? TryReadRowObject(NumericInput input, ReadOnlySpan<byte> body, int lead)
    {
        var buffer = ArrayPool<double>.Shared.Rent(input.Columns);
        try
        {
            var sink = new NumberSink(input.Keys, buffer, 1);
            return JsonRowScanner.TryRowObject(body, lead, ref sink) ? input.TryFinish(buffer, 1, 1) : null;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// For each position in a row, the request column it holds: empty when rows are in the request's own order, null
    /// when <c>dataframe_split.columns</c> does not name every request column exactly once and nothing else.
    /// </summary>
    private static int[]? Order(NumericInput input, List<string>? columns)
    {
        if (columns is null)
        {
            return [];
        }

        if (columns.Count != input.Columns)
        {
            return null;
        }

        var order = new int[columns.Count];
        var seen = new bool[columns.Count];
        var identity = true;
        for (var p = 0; p < order.Length; p++)
        {
            var column = input.IndexOf(columns[p]);
            if (column < 0 || seen[column])
            {
                return null;
            }

            seen[column] = true;
            order[p] = column;
            identity &= column == p;
        }

        return identity ? [] : order;
    }

    /// <summary>Finite numbers only, row r's value for column c at <c>buffer[c * stride + r]</c>.</summary>
    private readonly struct NumberSink(ColumnKeys keys, double[] buffer, int stride) : IJsonRowSink
    {
        public ColumnKeys Keys => keys;

        public void BeginRow(int row)
        {
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryCell(ReadOnlySpan<byte> s, ref int at, int column, int row) =>
            JsonRowScanner.TryNumber(s, ref at, out buffer[(column * stride) + row]);
    }
}
