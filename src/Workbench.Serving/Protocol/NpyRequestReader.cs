using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Workbench.Data;
using Workbench.Data.Io;
using Workbench.Features;
using Workbench.Serving.Models;

namespace Workbench.Serving.Protocol;

/// <summary>
/// <c>application/x-npy</c> bodies, the rows SageMaker's Python SDK sends by default for scikit-learn and PyTorch
/// predictors (<c>NumpySerializer</c>):
/// <list type="bullet">
/// <item>a 2-d array, rows × the request's columns in order (C or Fortran order, any numeric, boolean or string type);</item>
/// <item>a 1-d array of one row's values, or of one value per row for a one-column model;</item>
/// <item>a structured array whose fields are named by column, in any order (<c>DataFrame.to_records(index=False)</c>); other fields are ignored.</item>
/// </list>
/// NaN is a missing value, as pandas reads it; infinities are refused as in every other format. A header or shape that
/// cannot be read is a 400 of its own; each cell goes through the same <see cref="FrameBuilder"/> calls a JSON value
/// of its kind does, so cells are checked and named by row and column as everywhere else.
/// </summary>
internal static class NpyRequestReader
{
    /// <summary>The body's array.</summary>
    /// <exception cref="ServingException">400 <c>invalid_npy</c>: not an <c>.npy</c> array, or one that cannot be read.</exception>
    public static NpyArray Open(ReadOnlyMemory<byte> body)
    {
        try
        {
            return NpyArray.Read(body, "the request body");
        }
        catch (DataFormatException e)
        {
            throw ServingException.BadRequest("invalid_npy", e.Message);
        }
    }

    /// <summary>
    /// The short way for a simple numeric array of finite values in the request's shape: straight into the model's
    /// input as CSV's short way does; null for anything else (the general way reads it and names what is wrong).
    /// </summary>
    public static FeatureMatrix? TryReadNumeric(NumericInput input, NpyArray array)
    {
        var columns = input.Columns;
        if (array.Dtype is not { IsNumeric: true } dtype || !TryRows(array, columns, out var rows) || rows == 0)
        {
            return null;
        }

        var buffer = ArrayPool<double>.Shared.Rent(checked(rows * columns));
        try
        {
            if (dtype == NpyDtype.Float64 && BitConverter.IsLittleEndian)
            {
                CopyFloat64(array, rows, columns, buffer);
            }
            else
            {
                for (var r = 0; r < rows; r++)
                {
                    for (var c = 0; c < columns; c++)
                    {
                        buffer[(c * rows) + r] = dtype.ReadDouble(array.Item(array.IndexOf(r, c)));
                    }
                }
            }

            // NaN (missing) and infinities go the general way, which imputes, refuses or names them.
            return AllFinite(buffer.AsSpan(0, rows * columns)) ? input.TryFinish(buffer, rows, rows) : null;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>Every row of <paramref name="array"/> into <paramref name="builder"/>, cell by cell.</summary>
    /// <exception cref="ServingException">400 <c>wrong_shape</c> for a simple array not in the request's shape; 400 <c>missing_column</c> for a structured array without a field the request needs.</exception>
    public static void Read(NpyArray array, FrameBuilder builder)
    {
        var layout = builder.Layout;
        if (array.IsStructured)
        {
            ReadRecords(array, builder);
            return;
        }

        if (!TryRows(array, layout.Count, out var rows))
        {
            throw ServingException.BadRequest("wrong_shape", $"the array has shape {NpyArray.ShapeText(array.Shape)}; send a 2-d array of rows × {layout.Count} columns ({layout.Describe()}), one row as a 1-d array of {layout.Count} values, or a structured array with a field per column.");
        }

        var dtype = array.Dtype!;
        for (var r = 0; r < rows; r++)
        {
            builder.BeginRow();
            for (var c = 0; c < layout.Count; c++)
            {
                SetCell(builder, c, dtype, array.Item(array.IndexOf(r, c)));
            }
        }
    }

    /// <summary>
    /// How many rows an array holds for a request of <paramref name="columns"/> columns, for sizing the builder: never
    /// more than its data could hold at a byte per cell, so a header declaring many tiny records reserves little.
    /// </summary>
    public static int EstimateRows(NpyArray array, int columns)
    {
        var rows = array.IsStructured ? array.Count : TryRows(array, columns, out var fit) ? fit : 4;
        return (int)Math.Clamp(Math.Min(rows, array.Data.Length / Math.Max(1, columns)), 1, int.MaxValue);
    }

    private static void ReadRecords(NpyArray array, FrameBuilder builder)
    {
        var layout = builder.Layout;
        if (array.Shape.Count > 1)
        {
            throw ServingException.BadRequest("wrong_shape", $"the structured array has shape {NpyArray.ShapeText(array.Shape)}; send one record per row in a 1-d array.");
        }

        var fields = layout.Columns.Select(column => array.Fields.FirstOrDefault(f => f.Name == column.Name)).ToArray();
        var absent = layout.Columns.Where((_, c) => fields[c] is null).ToList();
        if (absent.Count > 0)
        {
            throw ServingException.InvalidData(absent.Select(c => new RequestProblem(null, c.Name, null, "missing_column", $"the structured array has no field for this column (its fields: {string.Join(", ", array.Fields.Select(f => f.Name))})")).ToList());
        }

        for (long r = 0; r < array.Count; r++)
        {
            builder.BeginRow();
            var record = array.Item(r);
            for (var c = 0; c < fields.Length; c++)
            {
                var field = fields[c]!;
                SetCell(builder, c, field.Dtype, record.Slice(field.Offset, field.Dtype.ItemSize));
            }
        }
    }

    // The call the JSON reader makes for a value of this kind, so both formats give the same frame and problems.
    private static void SetCell(FrameBuilder builder, int column, NpyDtype dtype, ReadOnlySpan<byte> item)
    {
        switch (dtype.Kind)
        {
            case NpyKind.Boolean:
                builder.SetBoolean(column, item[0] != 0);
                break;
            case NpyKind.Float:
                var value = dtype.ReadDouble(item);
                if (double.IsNaN(value))
                {
                    builder.SetMissing(column);
                }
                else
                {
                    builder.SetNumber(column, value);
                }

                break;
            case NpyKind.Integer or NpyKind.Unsigned:
                if (dtype.TryReadInt64(item, out var integer))
                {
                    builder.SetInteger(column, integer);
                }
                else
                {
                    builder.SetNumber(column, dtype.ReadDouble(item));
                }

                break;
            default:
                byte[] text;
                try
                {
                    text = dtype.ReadUtf8(item);
                }
                catch (FormatException e)
                {
                    builder.RowProblem("wrong_type", e.Message, builder.Layout[column].Name);
                    break;
                }

                builder.SetText(column, text);
                break;
        }
    }

    private static bool TryRows(NpyArray array, int columns, out int rows)
    {
        var shape = array.Shape;
        long count = shape.Count switch
        {
            2 when shape[1] == columns => shape[0],
            1 when columns == 1 => shape[0],
            1 when shape[0] == columns => 1,
            0 when columns == 1 => 1,
            _ => -1,
        };
        rows = (int)Math.Clamp(count, -1, int.MaxValue);
        return count >= 0 && count <= int.MaxValue;
    }

    private static void CopyFloat64(NpyArray array, int rows, int columns, double[] buffer)
    {
        var values = MemoryMarshal.Cast<byte, double>(array.Data.Span);
        if (array.FortranOrder || array.Shape.Count < 2 || rows == 1 || columns == 1)
        {
            // Stored column by column already, as the buffer is.
            values[..(rows * columns)].CopyTo(buffer);
            return;
        }

        for (var r = 0; r < rows; r++)
        {
            var row = values.Slice(r * columns, columns);
            for (var c = 0; c < columns; c++)
            {
                buffer[(c * rows) + r] = row[c];
            }
        }
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            if (!double.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }
}
