using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using Workbench.Learning.Kernels;
using Workbench.Learning.Tensors;
using Tensor = Workbench.Learning.Tensors.Tensor;

namespace Workbench.Learning.Devices;

public sealed partial class CpuBackend
{
    public void SgdStep(Tensor parameter, Tensor gradient, Tensor? velocity, in SgdStepOptions options)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        RequireSameCount(parameter, gradient, nameof(parameter), nameof(gradient));
        var o = options;
        var (w, wOffset) = WritableSegment(parameter);
        var (g, gOffset) = Segment(gradient);
        var (v, vOffset) = velocity is null ? (null, 0) : WritableSegment(velocity);
        if (o.Momentum != 0f && v is null)
        {
            throw new ArgumentException("SGD with momentum needs a velocity buffer.", nameof(velocity));
        }

        CpuParallel.For(parameter.Count, CpuParallel.ElementGrain, Threads, (start, length) =>
        {
            var weights = w.AsSpan(wOffset + start, length);
            Span<float> step = new float[length];
            g.AsSpan(gOffset + start, length).CopyTo(step);
            if (o.WeightDecay != 0f)
            {
                TensorPrimitives.MultiplyAdd(weights, o.WeightDecay, step, step);
            }

            if (o.Momentum != 0f)
            {
                var buffer = v!.AsSpan(vOffset + start, length);
                if (o.FirstStep)
                {
                    step.CopyTo(buffer);
                }
                else
                {
                    // buf = momentum · buf + (1 − dampening) · step
                    TensorPrimitives.Multiply(buffer, o.Momentum, buffer);
                    TensorPrimitives.MultiplyAdd(step, 1f - o.Dampening, buffer, buffer);
                }

                if (o.Nesterov)
                {
                    TensorPrimitives.MultiplyAdd(buffer, o.Momentum, step, step);
                }
                else
                {
                    buffer.CopyTo(step);
                }
            }

            TensorPrimitives.MultiplyAdd(step, -o.LearningRate, weights, weights);
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AdamStep(Tensor parameter, Tensor gradient, Tensor firstMoment, Tensor secondMoment, in AdamStepOptions options)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        RequireSameCount(parameter, gradient, nameof(parameter), nameof(gradient));
        RequireSameCount(parameter, firstMoment, nameof(parameter), nameof(firstMoment));
        RequireSameCount(parameter, secondMoment, nameof(parameter), nameof(secondMoment));
        var o = options;
        if (o.Step < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), o.Step, "Adam's step counts from 1.");
        }

        var (w, wOffset) = WritableSegment(parameter);
        var (g, gOffset) = Segment(gradient);
        var (m, mOffset) = WritableSegment(firstMoment);
        var (v, vOffset) = WritableSegment(secondMoment);
        var correction1 = 1.0 - Math.Pow(o.Beta1, o.Step);
        var correction2 = 1.0 - Math.Pow(o.Beta2, o.Step);
        var stepSize = (float)(o.LearningRate / correction1);
        var inverseSqrtCorrection2 = (float)(1.0 / Math.Sqrt(correction2));
        CpuParallel.For(parameter.Count, CpuParallel.ElementGrain, Threads, (start, length) =>
        {
            var weights = w.AsSpan(wOffset + start, length);
            var first = m.AsSpan(mOffset + start, length);
            var second = v.AsSpan(vOffset + start, length);
            ReadOnlySpan<float> grad = g.AsSpan(gOffset + start, length);
            if (o.WeightDecay != 0f)
            {
                if (o.DecoupledWeightDecay)
                {
                    TensorPrimitives.Multiply(weights, 1f - (o.LearningRate * o.WeightDecay), weights);
                }
                else
                {
                    // L2: the decayed gradient is a temporary; the stored gradient stays as backward left it.
                    var decayed = new float[length];
                    TensorPrimitives.MultiplyAdd(weights, o.WeightDecay, grad, decayed);
                    grad = decayed;
                }
            }

            OptimizerKernels.Adam(weights, grad, first, second, o.Beta1, o.Beta2, o.Epsilon, stepSize, inverseSqrtCorrection2);
        });
    }
}
