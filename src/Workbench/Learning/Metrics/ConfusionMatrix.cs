using System.Globalization;
using System.Text;

namespace Workbench.Learning.Metrics;

/// <summary>
/// Counts of (true class, predicted class): rows are true labels, columns predicted labels, both in sorted label
/// order — scikit-learn's <c>confusion_matrix</c>. Renders as a heatmap in notebooks.
/// </summary>
public sealed class ConfusionMatrix
{
    public ConfusionMatrix(IReadOnlyList<string> labels, long[,] counts)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.GetLength(0) != labels.Count || counts.GetLength(1) != labels.Count)
        {
            throw new ArgumentException($"A {counts.GetLength(0)} x {counts.GetLength(1)} matrix for {labels.Count} labels.", nameof(counts));
        }

        Labels = labels;
        Counts = counts;
    }

    public IReadOnlyList<string> Labels { get; }

    /// <summary>[true, predicted] counts.</summary>
    public long[,] Counts { get; }

    public long Total => Counts.Cast<long>().Sum();

    public long this[int trueIndex, int predictedIndex] => Counts[trueIndex, predictedIndex];

    /// <summary>Row-normalised (recall per class on the diagonal), column-normalised or over all, like <c>normalize=</c>.</summary>
    public double[,] Normalized(ConfusionNormalization normalization = ConfusionNormalization.True)
    {
        var k = Labels.Count;
        var result = new double[k, k];
        var total = (double)Total;
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                double denominator = normalization switch
                {
                    ConfusionNormalization.True => Enumerable.Range(0, k).Sum(c => Counts[i, c]),
                    ConfusionNormalization.Predicted => Enumerable.Range(0, k).Sum(r => Counts[r, j]),
                    _ => total,
                };
                result[i, j] = denominator == 0 ? 0.0 : Counts[i, j] / denominator;
            }
        }

        return result;
    }

    public override string ToString()
    {
        var width = Math.Max(Labels.Max(l => l.Length), Counts.Cast<long>().Max().ToString(CultureInfo.InvariantCulture).Length) + 1;
        var builder = new StringBuilder();
        builder.Append("true\\pred".PadRight(width + 2));
        foreach (var label in Labels)
        {
            builder.Append(label.PadLeft(width));
        }

        for (var i = 0; i < Labels.Count; i++)
        {
            builder.Append('\n').Append(Labels[i].PadRight(width + 2));
            for (var j = 0; j < Labels.Count; j++)
            {
                builder.Append(Counts[i, j].ToString(CultureInfo.InvariantCulture).PadLeft(width));
            }
        }

        return builder.ToString();
    }
}

public enum ConfusionNormalization
{
    /// <summary>Each row sums to 1.</summary>
    True,

    /// <summary>Each column sums to 1.</summary>
    Predicted,

    /// <summary>All cells sum to 1.</summary>
    All,
}
