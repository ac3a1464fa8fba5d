using System.Runtime.CompilerServices;
using System.Numerics;

namespace Workbench.Learning.Kernels;

/// <summary>Fused optimizer updates: one pass over parameters, gradients and moments.</summary>
internal static class OptimizerKernels
{
    /// <summary>
    /// PyTorch's Adam update: m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²;
    /// w −= stepSize · m / (√v / √(1−β2^t) + ε) with stepSize = lr / (1−β1^t).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Adam(Span<float> weights, ReadOnlySpan<float> grad, Span<float> first, Span<float> second, float beta1, float beta2, float epsilon, float stepSize, float inverseSqrtCorrection2)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<float>.Count;
            var b1 = new Vector<float>(beta1);
            var b2 = new Vector<float>(beta2);
            var c1 = new Vector<float>(1f - beta1);
            var c2 = new Vector<float>(1f - beta2);
            var eps = new Vector<float>(epsilon);
            var size = new Vector<float>(stepSize);
            var correction = new Vector<float>(inverseSqrtCorrection2);
            for (; i <= weights.Length - width; i += width)
            {
                var g = new Vector<float>(grad.Slice(i, width));
                var m = (b1 * new Vector<float>(first.Slice(i, width))) + (c1 * g);
                var v = (b2 * new Vector<float>(second.Slice(i, width))) + (c2 * g * g);
                m.CopyTo(first.Slice(i, width));
                v.CopyTo(second.Slice(i, width));
                var denominator = (Vector.SquareRoot(v) * correction) + eps;
                (new Vector<float>(weights.Slice(i, width)) - (size * m / denominator)).CopyTo(weights.Slice(i, width));
            }
        }

        for (; i < weights.Length; i++)
        {
            var g = grad[i];
            var m = (beta1 * first[i]) + ((1f - beta1) * g);
            var v = (beta2 * second[i]) + ((1f - beta2) * g * g);
            first[i] = m;
            second[i] = v;
            weights[i] -= stepSize * m / ((MathF.Sqrt(v) * inverseSqrtCorrection2) + epsilon);
        }
    }
}
