using System.Runtime.CompilerServices;
using Workbench.Learning.Kernels;
using Workbench.Learning.Tensors;

namespace Workbench.Learning.Devices;

public sealed partial class CpuBackend
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double SoftmaxCrossEntropy(Tensor logits, ReadOnlySpan<int> targets, Tensor? classWeights, float labelSmoothing, Tensor? gradient)
    {
        RequireMatrix(logits, nameof(logits));
        int rows = logits.Rows, classes = logits.Columns;
        if (targets.Length != rows)
        {
            throw new ArgumentException($"{targets.Length} targets for {rows} rows of logits.", nameof(targets));
        }

        if (labelSmoothing is < 0f or > 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "Label smoothing must be in [0, 1].");
        }

        for (var r = 0; r < rows; r++)
        {
            if ((uint)targets[r] >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(nameof(targets), $"Target {targets[r]} at row {r} is outside the {classes} classes 0..{classes - 1}.");
            }
        }

        if (classWeights is not null && classWeights.Count != classes)
        {
            throw new ArgumentException($"{classWeights.Count} class weights for {classes} classes.", nameof(classWeights));
        }

        var weights = classWeights is null ? null : Contiguous(classWeights).ToArray();
        var (input, inputOffset) = Segment(logits);
        var (grad, gradOffset) = gradient is null ? (null, 0) : WritableSegment(gradient);
        if (gradient is not null)
        {
            RequireShape(gradient, nameof(gradient), rows, classes);
        }

        var weightTotal = (double)rows;
        if (weights is not null)
        {
            weightTotal = 0.0;
            foreach (var target in targets)
            {
                weightTotal += weights[target];
            }
        }

        if (weightTotal <= 0.0)
        {
            throw new ArgumentException("The class weights of the batch's targets sum to zero; the weighted mean is undefined.", nameof(classWeights));
        }

        var scale = 1.0 / weightTotal;
        var grain = CpuParallel.RowGrain(classes);
        double nll, smooth;
        if (rows <= grain)
        {
            (nll, smooth) = LossKernels.CrossEntropyRows(input.AsSpan(inputOffset, rows * classes), classes, targets, weights, labelSmoothing, grad is null ? default : grad.AsSpan(gradOffset, rows * classes), scale);
        }
        else
        {
            var targetArray = targets.ToArray();
            var parts = new (double Nll, double Smooth)[CpuParallel.ChunkCount(rows, grain)];
            CpuParallel.For(rows, grain, Threads, (start, count) => parts[start / grain] = LossKernels.CrossEntropyRows(
                input.AsSpan(inputOffset + (start * classes), count * classes),
                classes,
                targetArray.AsSpan(start, count),
                weights,
                labelSmoothing,
                grad is null ? default : grad.AsSpan(gradOffset + (start * classes), count * classes),
                scale));
            (nll, smooth) = (0.0, 0.0);
            foreach (var part in parts)
            {
                nll += part.Nll;
                smooth += part.Smooth;
            }
        }

        return (((1.0 - labelSmoothing) * nll) + (labelSmoothing / classes * smooth)) * scale;
    }

    public double BinaryCrossEntropyWithLogits(Tensor logits, Tensor targets, Tensor? positiveWeight, Tensor? gradient)
    {
        ArgumentNullException.ThrowIfNull(logits);
        RequireSameCount(logits, targets, nameof(logits), nameof(targets));
        var columns = logits.Rank == 0 ? 1 : logits.Columns;
        if (positiveWeight is not null && positiveWeight.Count != columns)
        {
            throw new ArgumentException($"{positiveWeight.Count} positive weights for {columns} columns.", nameof(positiveWeight));
        }

        var weights = positiveWeight is null ? null : Contiguous(positiveWeight).ToArray();
        var (x, xOffset) = Segment(logits);
        var (t, tOffset) = Segment(targets);
        var (grad, gradOffset) = gradient is null ? (null, 0) : WritableSegment(gradient);
        var count = logits.Count;
        var scale = 1.0 / Math.Max(1, count);
        return scale * CpuParallel.Sum(count, CpuParallel.ElementGrain, Threads, (start, length) =>
        {
            var total = 0.0;
            for (var i = start; i < start + length; i++)
            {
                double z = x[xOffset + i];
                double y = t[tOffset + i];
                var w = weights is null ? 1.0 : weights[i % columns];
                total += (w * y * LossKernels.Softplus(-z)) + ((1.0 - y) * LossKernels.Softplus(z));
                if (grad is not null)
                {
                    var p = 1.0 / (1.0 + Math.Exp(-z));
                    grad[gradOffset + i] = (float)(scale * ((p * ((w * y) + 1.0 - y)) - (w * y)));
                }
            }

            return total;
        });
    }

    public double MeanSquaredError(Tensor predictions, Tensor targets, Tensor? gradient) =>
        Pointwise(predictions, targets, gradient, d => (d * d, 2.0 * d));

    public double Huber(Tensor predictions, Tensor targets, float delta, Tensor? gradient)
    {
        if (delta <= 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "Huber's delta must be positive.");
        }

        return Pointwise(predictions, targets, gradient, d => Math.Abs(d) < delta
            ? (0.5 * d * d, d)
            : (delta * (Math.Abs(d) - (0.5 * delta)), delta * Math.Sign(d)));
    }

    /// <summary>Mean of loss(prediction − target) with its gradient: the shape of MSE and Huber.</summary>
    private double Pointwise(Tensor predictions, Tensor targets, Tensor? gradient, Func<double, (double Loss, double Slope)> loss)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        RequireSameCount(predictions, targets, nameof(predictions), nameof(targets));
        var (p, pOffset) = Segment(predictions);
        var (t, tOffset) = Segment(targets);
        var (grad, gradOffset) = gradient is null ? (null, 0) : WritableSegment(gradient);
        var count = predictions.Count;
        var scale = 1.0 / Math.Max(1, count);
        return scale * CpuParallel.Sum(count, CpuParallel.ElementGrain, Threads, (start, length) =>
        {
            var total = 0.0;
            for (var i = start; i < start + length; i++)
            {
                var (value, slope) = loss((double)p[pOffset + i] - t[tOffset + i]);
                total += value;
                if (grad is not null)
                {
                    grad[gradOffset + i] = (float)(scale * slope);
                }
            }

            return total;
        });
    }
}
