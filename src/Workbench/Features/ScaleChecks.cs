using Workbench.Features.Persistence;

namespace Workbench.Features;

/// <summary>Checks on scales read from a saved pipeline, so a hand-edited or corrupted file cannot divide by zero.</summary>
internal static class ScaleChecks
{
    public static double[] Positive(StateReader state, string key, double[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!(values[i] > 0) || !double.IsFinite(values[i]))
            {
                throw state.Fail($"{key}[{i}]", $"a scale must be a positive finite number, found {values[i]}");
            }
        }

        return values;
    }

    public static double[] Finite(StateReader state, string key, double[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw state.Fail($"{key}[{i}]", $"expected a finite number, found {values[i]}");
            }
        }

        return values;
    }
}
