using Workbench.Learning.Layers;

namespace Workbench.Learning.Optimizers;

/// <summary>Gradient clipping, as <c>torch.nn.utils.clip_grad_norm_</c> and <c>clip_grad_value_</c>.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales all gradients together so their global L2 norm is at most <paramref name="maxNorm"/>; returns the
    /// norm before clipping (a useful metric: spikes signal instability).
    /// </summary>
    public static double ClipNorm(IEnumerable<Parameter> parameters, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (maxNorm <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "maxNorm must be positive.");
        }

        var list = parameters.Where(p => p.RequiresGradient).ToArray();
        var sumOfSquares = 0.0;
        foreach (var parameter in list)
        {
            sumOfSquares += parameter.Gradient.Device.Backend.SumOfSquares(parameter.Gradient);
        }

        var norm = Math.Sqrt(sumOfSquares);
        var factor = maxNorm / (norm + 1e-6);
        if (factor < 1.0)
        {
            foreach (var parameter in list)
            {
                parameter.Gradient.Device.Backend.Affine(parameter.Gradient, (float)factor, 0f, parameter.Gradient);
            }
        }

        return norm;
    }

    /// <summary>Clamps every gradient element to [−<paramref name="clipValue"/>, <paramref name="clipValue"/>].</summary>
    public static void ClipValue(IEnumerable<Parameter> parameters, double clipValue)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (clipValue <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(clipValue), clipValue, "clipValue must be positive.");
        }

        foreach (var parameter in parameters.Where(p => p.RequiresGradient))
        {
            parameter.Gradient.Device.Backend.Clamp(parameter.Gradient, (float)-clipValue, (float)clipValue, parameter.Gradient);
        }
    }
}
