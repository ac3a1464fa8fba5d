using System.Numerics.Tensors;

namespace Workbench.Learning.Kernels;

/// <summary>Row kernels for softmax and the losses, written once for the CPU backend's parallel loops.</summary>
internal static class LossKernels
{
    /// <summary>Numerically stable softmax (or log-softmax) of one row.</summary>
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
    /// One row of PyTorch's cross-entropy: returns (weighted NLL, smoothing term); writes the unnormalised
    /// gradient <c>(1−ε)·w_y·(p − e_y) + (ε/C)·(Σw·p − w)</c> when <paramref name="gradient"/> is not empty.
    /// </summary>
    public static (double Nll, double Smooth) CrossEntropyRow(
        ReadOnlySpan<float> logits, int target, ReadOnlySpan<float> weights, float smoothing, Span<float> scratch, Span<float> gradient)
    {
        var classes = logits.Length;
        SoftmaxRow(logits, scratch, log: true);
        var targetWeight = weights.IsEmpty ? 1.0 : weights[target];
        var nll = -targetWeight * scratch[target];
        var smooth = 0.0;
        var weightSum = (double)classes;
        if (smoothing > 0f)
        {
            if (weights.IsEmpty)
            {
                smooth = -SumOf(scratch);
            }
            else
            {
                weightSum = 0.0;
                for (var c = 0; c < classes; c++)
                {
                    smooth -= weights[c] * scratch[c];
                    weightSum += weights[c];
                }
            }
        }

        if (!gradient.IsEmpty)
        {
            TensorPrimitives.Exp(scratch, gradient);
            var hard = (1.0 - smoothing) * targetWeight;
            var soft = smoothing / classes;
            var scale = (float)(hard + (soft * weightSum));
            TensorPrimitives.Multiply(gradient, scale, gradient);
            gradient[target] -= (float)hard;
            if (smoothing > 0f)
            {
                for (var c = 0; c < classes; c++)
                {
                    gradient[c] -= (float)(soft * (weights.IsEmpty ? 1.0 : weights[c]));
                }
            }
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
