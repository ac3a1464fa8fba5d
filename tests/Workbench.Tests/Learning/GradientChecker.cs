using Workbench.Learning;
using Workbench.Learning.Layers;
using Workbench.Learning.Losses;
using Workbench.Learning.Tensors;

namespace Workbench.Tests.Learning;

/// <summary>
/// Central finite differences against a module's or a loss's analytic gradients. The objective for a module is
/// <c>Σ output · G</c> with a fixed random G, so every output element contributes; sums are taken in double.
/// Float32 forward passes limit the accuracy, hence h = 1e-2 and a mixed absolute/relative tolerance.
/// </summary>
internal static class GradientChecker
{
    public const float Step = 1e-2f;

    public static void CheckModule(Module module, Tensor input, double tolerance = 2e-2, bool checkInput = true, ulong seed = 99)
    {
        var counters = module.NamedCounters().ToDictionary(c => c.Name, c => c.Value);
        var output = module.Forward(input);
        var upstream = Tensor.RandomNormal([.. output.Shape], seed: seed);
        module.ZeroGradients();
        module.LoadCounters(counters);
        output = module.Forward(input);
        var inputGradient = module.Backward(upstream).Clone();

        double Objective()
        {
            module.LoadCounters(counters);
            var result = module.Forward(input).ToArray();
            var weights = upstream.ToArray();
            var total = 0.0;
            for (var i = 0; i < result.Length; i++)
            {
                total += (double)result[i] * weights[i];
            }

            return total;
        }

        if (checkInput)
        {
            Compare("input", input, inputGradient, Objective, tolerance);
        }

        foreach (var (name, parameter) in module.NamedParameters().Where(p => p.Parameter.RequiresGradient))
        {
            Compare(name, parameter.Value, parameter.Gradient.Clone(), Objective, tolerance);
        }
    }

    public static void CheckLoss(Loss loss, Tensor predictions, Targets targets, double tolerance = 1e-2)
    {
        var gradient = Tensor.ZerosLike(predictions);
        loss.Compute(predictions, targets, gradient);
        Compare("predictions", predictions, gradient, () => loss.Compute(predictions, targets), tolerance);
    }

    private static void Compare(string what, Tensor variable, Tensor analytic, Func<double> objective, double tolerance)
    {
        var values = variable.AsSpan();
        var expected = analytic.ToArray();
        expected.Should().HaveCount(values.Length, $"the gradient of {what} has the variable's shape");
        var worst = 0.0;
        var scale = Math.Max(1.0, expected.Max(v => Math.Abs((double)v)));
        for (var i = 0; i < values.Length; i++)
        {
            var original = values[i];
            values[i] = original + Step;
            var plus = objective();
            values[i] = original - Step;
            var minus = objective();
            values[i] = original;
            var numeric = (plus - minus) / (2.0 * Step);
            var error = Math.Abs(numeric - expected[i]) / scale;
            worst = Math.Max(worst, error);
            error.Should().BeLessThan(tolerance, $"d/d{what}[{i}]: analytic {expected[i]}, numeric {numeric}");
        }

        objective();
        worst.Should().BeLessThan(tolerance);
    }

    /// <summary>Inputs N(0, 1) kept away from ReLU's kink (|x| ≥ 0.1) so finite differences are valid.</summary>
    public static Tensor SmoothInput(ulong seed, params int[] shape)
    {
        var random = new DeterministicRandom(seed);
        var values = new float[TensorShape.CountOf(shape)];
        for (var i = 0; i < values.Length; i++)
        {
            var v = (float)random.NextGaussian();
            values[i] = Math.Abs(v) < 0.1f ? (v < 0 ? -0.1f - v : 0.1f + v) : v;
        }

        return Tensor.FromArray(Workbench.Learning.Devices.Device.Cpu, values, shape);
    }
}
