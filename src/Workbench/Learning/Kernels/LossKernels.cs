using System.Runtime.CompilerServices;
using System.Numerics.Tensors;

namespace Workbench.Learning.Kernels;

/// <summary>Row kernels for softmax and the losses, written once for the CPU backend's parallel loops.</summary>
internal static class LossKernels
{
    /// <summary>Numerically stable softmax (or log-softmax) of one row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SoftmaxRow(ReadOnlySpan<float> row, Span<float> result, bool log)
    {
        if (row.Length == 0)
        {
            return;
        }

        var max = TensorPrimitives.Max(row);
        TensorPrimitives.Subtract(row, max, result);
        if (log)
        {
            var sum = 0.0;
            foreach (var value in result)
            {
                sum += Math.Exp(value);
            }

            TensorPrimitives.Subtract(result, (float)Math.Log(sum), result);
            return;
        }

        TensorPrimitives.Exp(result, result);
        var total = TensorPrimitives.Sum(result);
        TensorPrimitives.Multiply(result, 1f / total, result);
    }

    /// <summary>
    /// Rows of PyTorch's cross-entropy: returns Σ weighted NLL and Σ smoothing terms; writes the gradient
    /// <c>scale · ((1−ε)·w_y·(p − e_y) + (ε/C)·(Σw·p − w))</c> when <paramref name="gradient"/> is not empty.
    /// Rows are chunk-local and summed in row order, so the result does not depend on how rows are split.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double Nll, double Smooth) CrossEntropyRows(
        ReadOnlySpan<float> logits, int classes, ReadOnlySpan<int> targets, float[]? weights, float smoothing, Span<float> gradient, double scale)
    {
        double nll = 0.0, smooth = 0.0;
        var weightSum = weights is null ? classes : SumOf(weights);
        var soft = smoothing / classes;
        Span<float> exponentials = classes <= 1024 ? stackalloc float[classes] : new float[classes];
        for (var r = 0; r < targets.Length; r++)
        {
            var row = logits.Slice(r * classes, classes);
            var target = targets[r];
            var max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, exponentials);
            TensorPrimitives.Exp(exponentials, exponentials);
            var sum = (double)TensorPrimitives.Sum(exponentials);
            var logSum = max + Math.Log(sum);
            var targetWeight = weights is null ? 1.0 : weights[target];
            nll += targetWeight * (logSum - row[target]);
            if (smoothing > 0f)
            {
                for (var c = 0; c < classes; c++)
                {
                    smooth += (weights is null ? 1.0 : weights[c]) * (logSum - row[c]);
                }
            }

            if (gradient.IsEmpty)
            {
                continue;
            }

            var hard = (1.0 - smoothing) * targetWeight;
            var output = gradient.Slice(r * classes, classes);
            TensorPrimitives.Multiply(exponentials, (float)(scale * (hard + (soft * weightSum)) / sum), output);
            if (smoothing > 0f)
            {
                for (var c = 0; c < classes; c++)
                {
                    output[c] -= (float)(scale * soft * (weights is null ? 1.0 : weights[c]));
                }
            }

            output[target] -= (float)(scale * hard);
        }

        return (nll, smooth);
    }

    /// <summary>log(1 + e^x) without overflow.</summary>
    public static double Softplus(double x) => x > 0 ? x + Math.Log(1.0 + Math.Exp(-x)) : Math.Log(1.0 + Math.Exp(x));

    private static double SumOf(ReadOnlySpan<float> values)
    {
        var total = 0.0;
        foreach (var value in values)
        {
            total += value;
        }

        return total;
    }
}
