using Workbench.Data;

namespace Workbench.Learning.Estimators;

/// <summary>What every Workbench classifier offers, in scikit-learn's shape.</summary>
public interface IClassifier
{
    /// <summary>Class names in sorted order: the columns of <see cref="PredictProba"/>.</summary>
    IReadOnlyList<string> Classes { get; }

    /// <summary>Feature names seen at fit time, in order.</summary>
    IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Class probabilities [n, classes], columns in <see cref="Classes"/> order.</summary>
    double[,] PredictProba(DenseMatrix x);

    /// <summary>The most probable class per row, as its label.</summary>
    string[] Predict(DenseMatrix x);

    /// <summary>The most probable class per row, as an index into <see cref="Classes"/>.</summary>
    int[] PredictClassIds(DenseMatrix x);
}

/// <summary>What every Workbench regressor offers.</summary>
public interface IRegressor
{
    IReadOnlyList<string> FeatureNames { get; }

    double[] Predict(DenseMatrix x);
}

/// <summary>Helpers shared by classifiers.</summary>
public static class Classifier
{
    /// <summary>Index of the largest value in each row (first on ties).</summary>
    public static int[] ArgMax(double[,] scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var result = new int[scores.GetLength(0)];
        for (var i = 0; i < result.Length; i++)
        {
            var best = 0;
            for (var c = 1; c < scores.GetLength(1); c++)
            {
                if (scores[i, c] > scores[i, best])
                {
                    best = c;
                }
            }

            result[i] = best;
        }

        return result;
    }

    /// <summary>Row-wise softmax in double.</summary>
    public static double[,] Softmax(double[,] scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var result = new double[scores.GetLength(0), scores.GetLength(1)];
        Softmax(Flat(scores), scores.GetLength(1), Flat(result));
        return result;
    }

    /// <summary>Row-wise softmax of <paramref name="scores"/> ([n, k] row-major) into <paramref name="result"/>.</summary>
    internal static void Softmax(ReadOnlySpan<double> scores, int k, Span<double> result)
    {
        for (var start = 0; start + k <= scores.Length; start += k)
        {
            var row = scores.Slice(start, k);
            var output = result.Slice(start, k);
            var max = double.NegativeInfinity;
            for (var c = 0; c < k; c++)
            {
                max = Math.Max(max, row[c]);
            }

            var sum = 0.0;
            for (var c = 0; c < k; c++)
            {
                output[c] = Math.Exp(row[c] - max);
                sum += output[c];
            }

            for (var c = 0; c < k; c++)
            {
                output[c] /= sum;
            }
        }
    }

    /// <summary>A 2-D array's values in row-major order, as one span over the array itself.</summary>
    internal static Span<double> Flat(double[,] values) =>
        System.Runtime.InteropServices.MemoryMarshal.CreateSpan(
            ref System.Runtime.CompilerServices.Unsafe.As<byte, double>(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(values)),
            values.Length);

    /// <summary>Column <paramref name="column"/> of a 2-D array, for binary metrics on <c>PredictProba(x)</c>.</summary>
    public static double[] Column(this double[,] values, int column)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new double[values.GetLength(0)];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = values[i, column];
        }

        return result;
    }
}
