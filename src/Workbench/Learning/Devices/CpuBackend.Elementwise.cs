using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using Workbench.Learning.Kernels;
using Workbench.Learning.Tensors;
using Tensor = Workbench.Learning.Tensors.Tensor;

namespace Workbench.Learning.Devices;

public sealed partial class CpuBackend
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Unary(UnaryOp op, Tensor x, Tensor result)
    {
        ArgumentNullException.ThrowIfNull(x);
        RequireSameCount(x, result, nameof(x), nameof(result));
        var (input, inputOffset) = Segment(x);
        var (output, outputOffset) = WritableSegment(result);
        CpuParallel.For(x.Count, CpuParallel.ElementGrain, Threads, (start, length) =>
        {
            ReadOnlySpan<float> source = input.AsSpan(inputOffset + start, length);
            var target = output.AsSpan(outputOffset + start, length);
            switch (op)
            {
                case UnaryOp.Negate: TensorPrimitives.Negate(source, target); break;
                case UnaryOp.Abs: TensorPrimitives.Abs(source, target); break;
                case UnaryOp.Exp: TensorPrimitives.Exp(source, target); break;
                case UnaryOp.Log: TensorPrimitives.Log(source, target); break;
                case UnaryOp.Sqrt: TensorPrimitives.Sqrt(source, target); break;
                case UnaryOp.Square: TensorPrimitives.Multiply(source, source, target); break;
                case UnaryOp.Reciprocal: TensorPrimitives.Reciprocal(source, target); break;
                case UnaryOp.Relu: TensorPrimitives.Max(source, 0f, target); break;
                case UnaryOp.Gelu: ActivationKernels.Gelu(source, target); break;
                case UnaryOp.Tanh: TensorPrimitives.Tanh(source, target); break;
                case UnaryOp.Sigmoid: TensorPrimitives.Sigmoid(source, target); break;
                default: throw new ArgumentOutOfRangeException(nameof(op), op, null);
            }
        });
    }

    public void Binary(BinaryOp op, Tensor a, Tensor b, Tensor result)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(result);
        a.RequireShape(result.ShapeArray, nameof(result));
        b.RequireShape(result.ShapeArray, nameof(result));
        _ = Writable(result);
        var aData = Data(a);
        var bData = Data(b);
        var output = Data(result);
        StridedLoop.ForEachRun(result.ShapeArray, [a.StrideArray, b.StrideArray, result.StrideArray], [a.Offset, b.Offset, result.Offset], (offsets, length, inner) =>
        {
            var target = output.AsSpan(offsets[2], length);
            if (inner[0] == 1 && inner[1] == 1)
            {
                ApplyBinary(op, aData.AsSpan(offsets[0], length), bData.AsSpan(offsets[1], length), target);
            }
            else if (inner[0] == 1 && inner[1] == 0)
            {
                ApplyBinary(op, aData.AsSpan(offsets[0], length), bData[offsets[1]], target);
            }
            else if (inner[0] == 0 && inner[1] == 1 && op is BinaryOp.Add or BinaryOp.Multiply or BinaryOp.Maximum or BinaryOp.Minimum)
            {
                ApplyBinary(op, bData.AsSpan(offsets[1], length), aData[offsets[0]], target);
            }
            else
            {
                for (var i = 0; i < length; i++)
                {
                    target[i] = Scalar(op, aData[offsets[0] + (i * inner[0])], bData[offsets[1] + (i * inner[1])]);
                }
            }
        });
    }

    public void Affine(Tensor x, float scale, float shift, Tensor result)
    {
        ArgumentNullException.ThrowIfNull(x);
        RequireSameCount(x, result, nameof(x), nameof(result));
        var (input, inputOffset) = Segment(x);
        var (output, outputOffset) = WritableSegment(result);
        CpuParallel.For(x.Count, CpuParallel.ElementGrain, Threads, (start, length) =>
        {
            ReadOnlySpan<float> source = input.AsSpan(inputOffset + start, length);
            var target = output.AsSpan(outputOffset + start, length);
            if (shift == 0f)
            {
                TensorPrimitives.Multiply(source, scale, target);
            }
            else
            {
                TensorPrimitives.Multiply(source, scale, target);
                TensorPrimitives.Add(target, shift, target);
            }
        });
    }

    public void Axpy(float alpha, Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        RequireSameCount(x, y, nameof(x), nameof(y));
        var (input, inputOffset) = Segment(x);
        var (output, outputOffset) = WritableSegment(y);
        CpuParallel.For(x.Count, CpuParallel.ElementGrain, Threads, (start, length) =>
        {
            var target = output.AsSpan(outputOffset + start, length);
            TensorPrimitives.MultiplyAdd(input.AsSpan(inputOffset + start, length), alpha, target, target);
        });
    }

    public void Clamp(Tensor x, float min, float max, Tensor result)
    {
        ArgumentNullException.ThrowIfNull(x);
        RequireSameCount(x, result, nameof(x), nameof(result));
        if (min > max)
        {
            throw new ArgumentException($"Clamp's min {min} is above its max {max}.");
        }

        var (input, inputOffset) = Segment(x);
        var (output, outputOffset) = WritableSegment(result);
        CpuParallel.For(x.Count, CpuParallel.ElementGrain, Threads, (start, length) =>
        {
            var target = output.AsSpan(outputOffset + start, length);
            TensorPrimitives.Max(input.AsSpan(inputOffset + start, length), min, target);
            TensorPrimitives.Min(target, max, target);
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRowVector(Tensor matrix, Tensor row)
    {
        RequireMatrix(matrix, nameof(matrix));
        ArgumentNullException.ThrowIfNull(row);
        var columns = matrix.Columns;
        if (row.Count != columns)
        {
            throw new ArgumentException($"Row vector has {row.Count} values for a matrix with {columns} columns.", nameof(row));
        }

        var (vector, vectorOffset) = Segment(row);
        var (output, outputOffset) = WritableSegment(matrix);
        CpuParallel.For(matrix.Rows, CpuParallel.RowGrain(columns), Threads, (start, rows) =>
        {
            var bias = vector.AsSpan(vectorOffset, columns);
            for (var r = start; r < start + rows; r++)
            {
                var target = output.AsSpan(outputOffset + (r * columns), columns);
                TensorPrimitives.Add(target, bias, target);
            }
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SumRows(Tensor matrix, Tensor result, float beta = 0f)
    {
        RequireMatrix(matrix, nameof(matrix));
        var columns = matrix.Columns;
        if (result.Count != columns)
        {
            throw new ArgumentException($"SumRows writes {columns} column sums; the result has {result.Count} values.", nameof(result));
        }

        var (input, inputOffset) = Segment(matrix);
        var (output, outputOffset) = WritableSegment(result);
        var rows = matrix.Rows;

        // Column slices per worker; each sums its rows top to bottom, so the order never depends on threads.
        var slices = Math.Max(1, Math.Min(Threads, (rows * columns) / CpuParallel.ElementGrain));
        slices = Math.Min(slices, Math.Max(1, columns / 16));
        CpuParallel.For(slices, 1, Threads, (slice, _) =>
        {
            var first = slice * columns / slices;
            var width = ((slice + 1) * columns / slices) - first;
            var target = output.AsSpan(outputOffset + first, width);
            ScaleInPlace(target, beta);
            for (var r = 0; r < rows; r++)
            {
                TensorPrimitives.Add(target, input.AsSpan(inputOffset + (r * columns) + first, width), target);
            }
        });
    }

    public void ReduceLast(ReduceOp op, Tensor x, Tensor result)
    {
        ArgumentNullException.ThrowIfNull(x);
        var n = x.Rank == 0 ? 1 : x.Columns;
        var outer = n == 0 ? result.Count : x.Count / n;
        if (result.Count != outer)
        {
            throw new ArgumentException($"ReduceLast of {TensorShape.Format(x.ShapeArray)} gives {outer} values; the result holds {result.Count}.", nameof(result));
        }

        if (n == 0 && op is ReduceOp.Max or ReduceOp.Min)
        {
            throw new ArgumentException($"Cannot take the {op} of an empty dimension.", nameof(x));
        }

        var (input, inputOffset) = Segment(x);
        var (output, outputOffset) = WritableSegment(result);
        CpuParallel.For(outer, CpuParallel.RowGrain(n), Threads, (start, rows) =>
        {
            for (var r = start; r < start + rows; r++)
            {
                var row = input.AsSpan(inputOffset + (r * n), n);
                output[outputOffset + r] = op switch
                {
                    ReduceOp.Sum => (float)SumDouble(row),
                    ReduceOp.Mean => n == 0 ? float.NaN : (float)(SumDouble(row) / n),
                    ReduceOp.Max => TensorPrimitives.Max(row),
                    ReduceOp.Min => TensorPrimitives.Min(row),
                    _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
                };
            }
        });
    }

    public void ArgMaxRows(Tensor x, Span<int> result)
    {
        RequireMatrix(x, nameof(x));
        if (result.Length < x.Rows)
        {
            throw new ArgumentException($"ArgMaxRows needs room for {x.Rows} indices; got {result.Length}.", nameof(result));
        }

        if (x.Columns == 0)
        {
            throw new ArgumentException("ArgMaxRows needs at least one column.", nameof(x));
        }

        var input = Contiguous(x);
        var columns = x.Columns;
        for (var r = 0; r < x.Rows; r++)
        {
            result[r] = TensorPrimitives.IndexOfMax(input.Slice(r * columns, columns));
        }
    }

    public double Sum(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var (input, offset) = Segment(x);
        return CpuParallel.Sum(x.Count, CpuParallel.ElementGrain, Threads, (start, length) => SumDouble(input.AsSpan(offset + start, length)));
    }

    public double SumOfSquares(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var (input, offset) = Segment(x);
        return CpuParallel.Sum(x.Count, CpuParallel.ElementGrain, Threads, (start, length) =>
        {
            var total = 0.0;
            var span = input.AsSpan(offset + start, length);
            for (var i = 0; i < span.Length; i += Block)
            {
                total += TensorPrimitives.SumOfSquares(span.Slice(i, Math.Min(Block, span.Length - i)));
            }

            return total;
        });
    }

    public void Softmax(Tensor x, Tensor result, bool log = false)
    {
        RequireMatrix(x, nameof(x));
        RequireShape(result, nameof(result), x.Rows, x.Columns);
        var columns = x.Columns;
        var (input, inputOffset) = Segment(x);
        var (output, outputOffset) = WritableSegment(result);
        CpuParallel.For(x.Rows, CpuParallel.RowGrain(columns), Threads, (start, rows) =>
        {
            for (var r = start; r < start + rows; r++)
            {
                LossKernels.SoftmaxRow(input.AsSpan(inputOffset + (r * columns), columns), output.AsSpan(outputOffset + (r * columns), columns), log);
            }
        });
    }

    /// <summary>Block length for float partial sums that are then accumulated in double.</summary>
    private const int Block = 1024;

    /// <summary>Sums in float over short blocks and in double across blocks: fast and accurate to ~1e-7 relative.</summary>
    internal static double SumDouble(ReadOnlySpan<float> values)
    {
        var total = 0.0;
        for (var i = 0; i < values.Length; i += Block)
        {
            total += TensorPrimitives.Sum(values.Slice(i, Math.Min(Block, values.Length - i)));
        }

        return total;
    }

    private static void ApplyBinary(BinaryOp op, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> result)
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(a, b, result); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(a, b, result); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(a, b, result); break;
            case BinaryOp.Divide: TensorPrimitives.Divide(a, b, result); break;
            case BinaryOp.Maximum: TensorPrimitives.Max(a, b, result); break;
            case BinaryOp.Minimum: TensorPrimitives.Min(a, b, result); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, null);
        }
    }

    private static void ApplyBinary(BinaryOp op, ReadOnlySpan<float> a, float b, Span<float> result)
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(a, b, result); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(a, b, result); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(a, b, result); break;
            case BinaryOp.Divide: TensorPrimitives.Divide(a, b, result); break;
            case BinaryOp.Maximum: TensorPrimitives.Max(a, b, result); break;
            case BinaryOp.Minimum: TensorPrimitives.Min(a, b, result); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, null);
        }
    }

    private static float Scalar(BinaryOp op, float a, float b) => op switch
    {
        BinaryOp.Add => a + b,
        BinaryOp.Subtract => a - b,
        BinaryOp.Multiply => a * b,
        BinaryOp.Divide => a / b,
        BinaryOp.Maximum => float.IsNaN(a) || float.IsNaN(b) ? float.NaN : Math.Max(a, b),
        BinaryOp.Minimum => float.IsNaN(a) || float.IsNaN(b) ? float.NaN : Math.Min(a, b),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };
}
