using System.Globalization;
using Workbench.Data;
using Workbench.Learning.Training;
using Workbench.Testing;

namespace Workbench.Tests.Learning.Experiments;

/// <summary>
/// The data samples as frames, split with a fixed seed and standardised with the training rows' statistics:
/// breast cancer (two classes, string labels) and digits (ten classes, integer labels).
/// </summary>
internal sealed record ExperimentData(Frame TrainFrame, Frame TestFrame, DenseMatrix TrainX, DenseMatrix TestX, string[] TrainLabels, string[] TestLabels)
{
    private static readonly Lazy<ExperimentData> CancerData = new(() => Load("breast_cancer.csv", "diagnosis"));
    private static readonly Lazy<ExperimentData> DigitsData = new(() => Load("digits.csv", "label"));

    public static ExperimentData Cancer => CancerData.Value;

    public static ExperimentData Digits => DigitsData.Value;

    public int[] TrainIds => TrainLabels.Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();

    public int[] TestIds => TestLabels.Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Training rows for the Trainer, with class ids in sorted label order.</summary>
    public TrainingData Training(bool test = false)
    {
        var classes = TrainLabels.Distinct().Order(StringComparer.Ordinal).ToList();
        var labels = test ? TestLabels : TrainLabels;
        return TrainingData.Classification(test ? TestX : TrainX, labels.Select(l => classes.IndexOf(l)).ToArray());
    }

    private static ExperimentData Load(string file, string label)
    {
        var frame = Frame.ReadCsv(Path.Combine(RepoPaths.DataSamples, file));
        var (train, test) = frame.TrainTestSplit(0.25, seed: 7, stratify: label);
        var features = frame.ColumnNames.Where(c => c != label).ToArray();
        var (trainX, testX) = SampleData.Standardize(train.ToMatrix(features), test.ToMatrix(features));
        string[] Labels(Frame f) => Enumerable.Range(0, f.RowCount).Select(r => f[label].Format(r)!).ToArray();
        return new ExperimentData(train, test, trainX, testX, Labels(train), Labels(test));
    }
}
