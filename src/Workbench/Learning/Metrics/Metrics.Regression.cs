using System.Numerics;

namespace Workbench.Learning.Metrics;

public static partial class Metrics
{
    public static double MeanSquaredError<T>(IReadOnlyList<T> yTrue, IReadOnlyList<T> yPred)
        where T : INumberBase<T> => Residuals(yTrue, yPred).Average(d => d * d);

    public static double RootMeanSquaredError<T>(IReadOnlyList<T> yTrue, IReadOnlyList<T> yPred)
        where T : INumberBase<T> => Math.Sqrt(MeanSquaredError(yTrue, yPred));

    public static double MeanAbsoluteError<T>(IReadOnlyList<T> yTrue, IReadOnlyList<T> yPred)
        where T : INumberBase<T> => Residuals(yTrue, yPred).Average(Math.Abs);

    /// <summary>
    /// Coefficient of determination, 1 − SS_res / SS_tot (<c>r2_score</c>); a constant <paramref name="yTrue"/>
    /// gives 1 for a perfect prediction and 0 otherwise, as scikit-learn's <c>force_finite</c>.
    /// </summary>
    public static double R2<T>(IReadOnlyList<T> yTrue, IReadOnlyList<T> yPred)
        where T : INumberBase<T>
    {
        var residuals = Residuals(yTrue, yPred);
        var truth = yTrue.Select(double.CreateChecked).ToArray();
        var mean = truth.Average();
        var total = truth.Sum(v => (v - mean) * (v - mean));
        var residual = residuals.Sum(d => d * d);
        return total == 0 ? (residual == 0 ? 1.0 : 0.0) : 1.0 - (residual / total);
    }

    private static double[] Residuals<T>(IReadOnlyList<T> yTrue, IReadOnlyList<T> yPred)
        where T : INumberBase<T>
    {
        LabelSet<int>.RequireSameLength(yTrue, yPred, nameof(yTrue), nameof(yPred));
        var result = new double[yTrue.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = double.CreateChecked(yTrue[i]) - double.CreateChecked(yPred[i]);
        }

        return result;
    }
}
