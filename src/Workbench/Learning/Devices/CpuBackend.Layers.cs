using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using Workbench.Learning.Kernels;
using Workbench.Learning.Tensors;
using Tensor = Workbench.Learning.Tensors.Tensor;

namespace Workbench.Learning.Devices;

public sealed partial class CpuBackend
{
    public void ActivationForward(Activation activation, Tensor x, Tensor y) => Unary(activation switch
    {
        Activation.Relu => UnaryOp.Relu,
        Activation.Gelu => UnaryOp.Gelu,
        Activation.Tanh => UnaryOp.Tanh,
        Activation.Sigmoid => UnaryOp.Sigmoid,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    }, x, y);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ActivationBackward(Activation activation, Tensor x, Tensor y, Tensor dy, Tensor dx)
    {
        ArgumentNullException.ThrowIfNull(x);
        RequireSameCount(x, dy, nameof(x), nameof(dy));
        RequireSameCount(x, dx, nameof(x), nameof(dx));
        var (input, inputOffset) = Segment(activation is Activation.Sigmoid or Activation.Tanh ? y : x);
        var (gradient, gradientOffset) = Segment(dy);
        var (output, outputOffset) = WritableSegment(dx);
        CpuParallel.For(x.Count, CpuParallel.ElementGrain, Threads, (start, length) =>
        {
            ReadOnlySpan<float> source = input.AsSpan(inputOffset + start, length);
            ReadOnlySpan<float> upstream = gradient.AsSpan(gradientOffset + start, length);
            var target = output.AsSpan(outputOffset + start, length);
            switch (activation)
            {
                case Activation.Relu: ActivationKernels.ReluBackward(source, upstream, target); break;
                case Activation.Gelu: ActivationKernels.GeluBackward(source, upstream, target); break;
                case Activation.Tanh: ActivationKernels.TanhBackward(source, upstream, target); break;
                case Activation.Sigmoid: ActivationKernels.SigmoidBackward(source, upstream, target); break;
                default: throw new ArgumentOutOfRangeException(nameof(activation), activation, null);
            }
        });
    }

    public void DropoutForward(Tensor x, Tensor y, Tensor mask, float p, ulong seed, ulong stream)
    {
        ArgumentNullException.ThrowIfNull(x);
        RequireSameCount(x, y, nameof(x), nameof(y));
        RequireSameCount(x, mask, nameof(x), nameof(mask));
        if (p is < 0f or >= 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout probability must be in [0, 1).");
        }

        var (input, inputOffset) = Segment(x);
        var (output, outputOffset) = WritableSegment(y);
        var (maskData, maskOffset) = WritableSegment(mask);
        CpuParallel.For(x.Count, CpuParallel.ElementGrain, Threads, (start, length) =>
        {
            var maskSpan = maskData.AsSpan(maskOffset + start, length);
            ActivationKernels.DropoutMask(maskSpan, start, p, seed, stream);
            TensorPrimitives.Multiply(input.AsSpan(inputOffset + start, length), maskSpan, output.AsSpan(outputOffset + start, length));
        });
    }

    public void LayerNormForward(Tensor x, Tensor gamma, Tensor beta, float epsilon, Tensor y, Tensor mean, Tensor inverseStd)
    {
        RequireMatrix(x, nameof(x));
        int rows = x.Rows, columns = x.Columns;
        RequireShape(y, nameof(y), rows, columns);
        var (input, inputOffset) = Segment(x);
        var (g, gOffset) = Segment(gamma);
        var (b, bOffset) = Segment(beta);
        var (output, outputOffset) = WritableSegment(y);
        var (means, meansOffset) = WritableSegment(mean);
        var (inverse, inverseOffset) = WritableSegment(inverseStd);
        CpuParallel.For(rows, CpuParallel.RowGrain(columns), Threads, (start, count) =>
        {
            for (var r = start; r < start + count; r++)
            {
                var row = input.AsSpan(inputOffset + (r * columns), columns);
                var target = output.AsSpan(outputOffset + (r * columns), columns);
                var mu = SumDouble(row) / columns;
                var variance = 0.0;
                foreach (var value in row)
                {
                    var d = value - mu;
                    variance += d * d;
                }

                var rstd = (float)(1.0 / Math.Sqrt((variance / columns) + epsilon));
                means[meansOffset + r] = (float)mu;
                inverse[inverseOffset + r] = rstd;
                TensorPrimitives.Subtract(row, (float)mu, target);
                TensorPrimitives.Multiply(target, rstd, target);
                TensorPrimitives.MultiplyAdd(target, g.AsSpan(gOffset, columns), b.AsSpan(bOffset, columns), target);
            }
        });
    }

    public void LayerNormBackward(Tensor dy, Tensor x, Tensor gamma, Tensor mean, Tensor inverseStd, Tensor dx, Tensor dgamma, Tensor dbeta)
    {
        RequireMatrix(x, nameof(x));
        int rows = x.Rows, columns = x.Columns;
        var (upstream, upstreamOffset) = Segment(dy);
        var (input, inputOffset) = Segment(x);
        var (g, gOffset) = Segment(gamma);
        var (means, meansOffset) = Segment(mean);
        var (inverse, inverseOffset) = Segment(inverseStd);
        var (output, outputOffset) = WritableSegment(dx);
        var (dg, dgOffset) = WritableSegment(dgamma);
        var (db, dbOffset) = WritableSegment(dbeta);
        CpuParallel.For(rows, CpuParallel.RowGrain(columns), Threads, (start, count) =>
        {
            var normalized = new float[columns];
            var scaled = new float[columns];
            for (var r = start; r < start + count; r++)
            {
                var rstd = inverse[inverseOffset + r];
                var row = input.AsSpan(inputOffset + (r * columns), columns);
                var grad = upstream.AsSpan(upstreamOffset + (r * columns), columns);
                TensorPrimitives.Subtract(row, means[meansOffset + r], normalized);
                TensorPrimitives.Multiply(normalized, rstd, normalized);
                TensorPrimitives.Multiply(grad, g.AsSpan(gOffset, columns), scaled);
                var meanScaled = (float)(SumDouble(scaled) / columns);
                var meanScaledNormalized = (float)(TensorPrimitives.Dot(scaled, normalized) / columns);
                var target = output.AsSpan(outputOffset + (r * columns), columns);
                TensorPrimitives.MultiplyAdd(normalized, -meanScaledNormalized, scaled, target);
                TensorPrimitives.Subtract(target, meanScaled, target);
                TensorPrimitives.Multiply(target, rstd, target);
            }
        });

        // Parameter gradients sum over rows in row order (fixed, thread-independent).
        var normalizedRow = new float[columns];
        var dgSpan = dg.AsSpan(dgOffset, columns);
        var dbSpan = db.AsSpan(dbOffset, columns);
        for (var r = 0; r < rows; r++)
        {
            var grad = upstream.AsSpan(upstreamOffset + (r * columns), columns);
            TensorPrimitives.Subtract(input.AsSpan(inputOffset + (r * columns), columns), means[meansOffset + r], normalizedRow);
            TensorPrimitives.Multiply(normalizedRow, inverse[inverseOffset + r], normalizedRow);
            TensorPrimitives.MultiplyAdd(grad, normalizedRow, dgSpan, dgSpan);
            TensorPrimitives.Add(dbSpan, grad, dbSpan);
        }
    }

    public void BatchNormForwardTraining(Tensor x, Tensor gamma, Tensor beta, float epsilon, float momentum, Tensor runningMean, Tensor runningVariance, Tensor y, Tensor mean, Tensor inverseStd)
    {
        RequireMatrix(x, nameof(x));
        int rows = x.Rows, columns = x.Columns;
        if (rows < 2)
        {
            throw new ArgumentException($"BatchNorm1d in training mode needs more than one row per batch (got {rows}); use a larger batch or Eval().", nameof(x));
        }

        var input = Contiguous(x);
        var sums = new double[columns];
        var squares = new double[columns];
        for (var r = 0; r < rows; r++)
        {
            var row = input.Slice(r * columns, columns);
            for (var c = 0; c < columns; c++)
            {
                sums[c] += row[c];
            }
        }

        for (var c = 0; c < columns; c++)
        {
            sums[c] /= rows;
        }

        for (var r = 0; r < rows; r++)
        {
            var row = input.Slice(r * columns, columns);
            for (var c = 0; c < columns; c++)
            {
                var d = row[c] - sums[c];
                squares[c] += d * d;
            }
        }

        var means = Writable(mean);
        var inverse = Writable(inverseStd);
        var rm = Writable(runningMean);
        var rv = Writable(runningVariance);
        for (var c = 0; c < columns; c++)
        {
            var biased = squares[c] / rows;
            means[c] = (float)sums[c];
            inverse[c] = (float)(1.0 / Math.Sqrt(biased + epsilon));
            rm[c] = (float)(((1.0 - momentum) * rm[c]) + (momentum * sums[c]));
            rv[c] = (float)(((1.0 - momentum) * rv[c]) + (momentum * squares[c] / (rows - 1)));
        }

        Normalize(input, rows, columns, means, inverse, Contiguous(gamma), Contiguous(beta), Writable(y));
    }

    public void BatchNormForwardInference(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVariance, float epsilon, Tensor y)
    {
        RequireMatrix(x, nameof(x));
        var columns = x.Columns;
        var variance = Contiguous(runningVariance);
        var inverse = new float[columns];
        for (var c = 0; c < columns; c++)
        {
            inverse[c] = (float)(1.0 / Math.Sqrt(variance[c] + epsilon));
        }

        Normalize(Contiguous(x), x.Rows, columns, Contiguous(runningMean), inverse, Contiguous(gamma), Contiguous(beta), Writable(y));
    }

    public void BatchNormBackward(Tensor dy, Tensor x, Tensor gamma, Tensor mean, Tensor inverseStd, Tensor dx, Tensor dgamma, Tensor dbeta)
    {
        RequireMatrix(x, nameof(x));
        int rows = x.Rows, columns = x.Columns;
        var input = Contiguous(x);
        var upstream = Contiguous(dy);
        var means = Contiguous(mean);
        var inverse = Contiguous(inverseStd);
        var g = Contiguous(gamma);
        var sumDy = new double[columns];
        var sumDyXhat = new double[columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var grad = upstream[(r * columns) + c];
                sumDy[c] += grad;
                sumDyXhat[c] += grad * (input[(r * columns) + c] - means[c]) * inverse[c];
            }
        }

        var output = Writable(dx);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var xhat = (input[(r * columns) + c] - means[c]) * inverse[c];
                output[(r * columns) + c] = (float)(g[c] * inverse[c] / rows * ((rows * upstream[(r * columns) + c]) - sumDy[c] - (xhat * sumDyXhat[c])));
            }
        }

        var dg = Writable(dgamma);
        var db = Writable(dbeta);
        for (var c = 0; c < columns; c++)
        {
            dg[c] += (float)sumDyXhat[c];
            db[c] += (float)sumDy[c];
        }
    }

    public void EmbeddingBagForward(Tensor weight, ReadOnlySpan<int> ids, ReadOnlySpan<int> offsets, EmbeddingBagMode mode, Tensor output)
    {
        RequireMatrix(weight, nameof(weight));
        var bags = ValidateBags(ids, offsets, weight.Rows);
        var dimension = weight.Columns;
        RequireShape(output, nameof(output), bags, dimension);
        var table = Contiguous(weight);
        var result = Writable(output);
        result.Clear();
        for (var b = 0; b < bags; b++)
        {
            var target = result.Slice(b * dimension, dimension);
            var count = offsets[b + 1] - offsets[b];
            for (var k = offsets[b]; k < offsets[b + 1]; k++)
            {
                TensorPrimitives.Add(target, table.Slice(ids[k] * dimension, dimension), target);
            }

            if (mode == EmbeddingBagMode.Mean && count > 1)
            {
                TensorPrimitives.Multiply(target, 1f / count, target);
            }
        }
    }

    public void EmbeddingBagBackward(Tensor outputGradient, ReadOnlySpan<int> ids, ReadOnlySpan<int> offsets, EmbeddingBagMode mode, Tensor weightGradient)
    {
        RequireMatrix(weightGradient, nameof(weightGradient));
        var bags = ValidateBags(ids, offsets, weightGradient.Rows);
        var dimension = weightGradient.Columns;
        RequireShape(outputGradient, nameof(outputGradient), bags, dimension);
        var upstream = Contiguous(outputGradient);
        var target = Writable(weightGradient);
        for (var b = 0; b < bags; b++)
        {
            var count = offsets[b + 1] - offsets[b];
            var scale = mode == EmbeddingBagMode.Mean && count > 0 ? 1f / count : 1f;
            var source = upstream.Slice(b * dimension, dimension);
            for (var k = offsets[b]; k < offsets[b + 1]; k++)
            {
                var row = target.Slice(ids[k] * dimension, dimension);
                TensorPrimitives.MultiplyAdd(source, scale, row, row);
            }
        }
    }

    private static int ValidateBags(ReadOnlySpan<int> ids, ReadOnlySpan<int> offsets, int vocabulary)
    {
        if (offsets.Length == 0 || offsets[0] != 0 || offsets[^1] != ids.Length)
        {
            throw new ArgumentException($"Bag offsets must start at 0 and end at the number of ids ({ids.Length}); one entry per bag plus the end.");
        }

        for (var b = 0; b < offsets.Length - 1; b++)
        {
            if (offsets[b + 1] < offsets[b])
            {
                throw new ArgumentException($"Bag offsets decrease at bag {b} ({offsets[b]} then {offsets[b + 1]}).");
            }
        }

        for (var k = 0; k < ids.Length; k++)
        {
            if ((uint)ids[k] >= (uint)vocabulary)
            {
                throw new ArgumentOutOfRangeException(nameof(ids), $"Token id {ids[k]} at position {k} is outside the vocabulary 0..{vocabulary - 1}.");
            }
        }

        return offsets.Length - 1;
    }

    private static void Normalize(ReadOnlySpan<float> input, int rows, int columns, ReadOnlySpan<float> means, ReadOnlySpan<float> inverse, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> output)
    {
        Span<float> scale = new float[columns];
        Span<float> shift = new float[columns];
        for (var c = 0; c < columns; c++)
        {
            scale[c] = gamma[c] * inverse[c];
            shift[c] = beta[c] - (means[c] * scale[c]);
        }

        for (var r = 0; r < rows; r++)
        {
            TensorPrimitives.MultiplyAdd(input.Slice(r * columns, columns), scale, shift, output.Slice(r * columns, columns));
        }
    }
}
