using Workbench.Data;
using Workbench.Learning.Persistence;
using Workbench.Learning.Losses;
using Workbench.Learning.Training;

namespace Workbench.Learning.Estimators;

/// <summary>
/// A multi-layer perceptron classifier in scikit-learn's shape (<c>MLPClassifier</c>) on Workbench's layers:
/// a softmax output over the sorted classes trained with cross-entropy (optionally class-weighted or
/// label-smoothed). Dense or CSR inputs; string or integer labels.
/// </summary>
public sealed class MlpClassifier : MlpEstimator, IClassifier
{
    private ClassLabels? _classes;

    /// <summary>Mixes one-hot targets with the uniform distribution (0 = off).</summary>
    public float LabelSmoothing { get; set; }

    /// <summary>Weight classes by n / (K · count) in the loss, for imbalanced data.</summary>
    public bool BalancedClassWeights { get; set; }

    public IReadOnlyList<string> Classes => ClassLabels.Names;

    public ClassLabels ClassLabels => FeatureCheck.Fitted(_classes, nameof(MlpClassifier));

    protected override string ValidationMonitor => "val_accuracy";

    protected override MonitorMode ValidationMode => MonitorMode.Max;

    private float[]? _classWeights;

    /// <summary>Writes the fitted model to <paramref name="path"/> atomically (docs/model-format.md).</summary>
    public void Save(string path) => ModelFile.Save(this, path);

    /// <summary>Reads a model written by <see cref="Save"/>; checksums are verified and no code is run.</summary>
    public static MlpClassifier Load(string path) => ModelFile.Load<MlpClassifier>(path);

    public MlpClassifier Fit(DenseMatrix x, IReadOnlyList<string> y) => Fit(x, ClassLabels.FromNames(y ?? throw new ArgumentNullException(nameof(y))), c => c.Encode(y));

    public MlpClassifier Fit(DenseMatrix x, IReadOnlyList<int> y) => Fit(x, ClassLabels.FromIntegers(y ?? throw new ArgumentNullException(nameof(y))), c => c.Encode(y));

    public MlpClassifier Fit(SparseMatrix x, IReadOnlyList<string> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        var classes = ClassLabels.FromNames(y ?? throw new ArgumentNullException(nameof(y)));
        var ids = classes.Encode(y);
        FeatureCheck.Rows(x.Rows, ids.Length);
        Prepare(classes, ids);
        FitNetwork(new TrainingData(x, Targets.Classes(ids)), x.ColumnNames, classes.Count, ids);
        return this;
    }

    public double[,] PredictProba(DenseMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        FeatureCheck.Columns(x, FeatureNames, nameof(MlpClassifier));
        return Probabilities(new TrainingData(Tensors.Tensor.FromMatrix(x, Network.Device), Targets.Classes(new int[x.Rows])));
    }

    public double[,] PredictProba(SparseMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        FeatureCheck.Columns(FeatureNames, x.Columns, x.ColumnNames, nameof(MlpClassifier));
        return Probabilities(new TrainingData(x, Targets.Classes(new int[x.Rows])));
    }

    public int[] PredictClassIds(DenseMatrix x) => Classifier.ArgMax(PredictProba(x));

    public string[] Predict(DenseMatrix x) => ClassLabels.Decode(PredictClassIds(x));

    public string[] Predict(SparseMatrix x) => ClassLabels.Decode(Classifier.ArgMax(PredictProba(x)));

    public int[] PredictIntegers(DenseMatrix x) => ClassLabels.DecodeIntegers(PredictClassIds(x));

    /// <summary>Mean accuracy on (<paramref name="x"/>, <paramref name="y"/>), as scikit-learn's <c>score</c>.</summary>
    public double Score(DenseMatrix x, IReadOnlyList<string> y) => Metrics.Metrics.Accuracy(y, Predict(x));

    /// <summary>Mean accuracy against integer labels (the model must have been fitted on integers).</summary>
    public double Score(DenseMatrix x, IReadOnlyList<int> y) => Metrics.Metrics.Accuracy(y, PredictIntegers(x));

    protected override Loss CreateLoss() => new CrossEntropyLoss(_classWeights, LabelSmoothing);

    internal void Restore(ClassLabels classes) => _classes = classes;

    private MlpClassifier Fit(DenseMatrix x, ClassLabels classes, Func<ClassLabels, int[]> encode)
    {
        ArgumentNullException.ThrowIfNull(x);
        var ids = encode(classes);
        FeatureCheck.Rows(x.Rows, ids.Length);
        Prepare(classes, ids);
        FitNetwork(Data(x, Targets.Classes(ids), Device), x.ColumnNames, classes.Count, ids);
        return this;
    }

    private void Prepare(ClassLabels classes, int[] ids)
    {
        if (classes.Count < 2)
        {
            throw new ArgumentException($"MlpClassifier needs at least two classes; the labels hold only '{classes.Names[0]}'.");
        }

        _classes = classes;
        _classWeights = null;
        if (BalancedClassWeights)
        {
            var counts = new double[classes.Count];
            foreach (var id in ids)
            {
                counts[id]++;
            }

            _classWeights = counts.Select(c => (float)(ids.Length / (classes.Count * c))).ToArray();
        }
    }

    private double[,] Probabilities(TrainingData data)
    {
        var logits = Outputs(data, out var columns);
        var scores = new double[data.Rows, columns];
        for (var i = 0; i < data.Rows; i++)
        {
            for (var c = 0; c < columns; c++)
            {
                scores[i, c] = logits[(i * columns) + c];
            }
        }

        return Classifier.Softmax(scores);
    }
}
