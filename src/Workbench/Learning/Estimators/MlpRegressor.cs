using Workbench.Data;
using Workbench.Learning.Persistence;
using Workbench.Learning.Losses;
using Workbench.Learning.Training;

namespace Workbench.Learning.Estimators;

/// <summary>
/// A multi-layer perceptron regressor (<c>MLPRegressor</c>'s shape): one linear output trained with mean squared
/// error (or Huber for outlier-heavy targets). Scale features and targets first, as with scikit-learn.
/// </summary>
public sealed class MlpRegressor : MlpEstimator, IRegressor
{
    /// <summary>Null trains on squared error; a value trains on the Huber loss with that delta.</summary>
    public float? HuberDelta { get; set; }

    protected override string ValidationMonitor => "val_loss";

    protected override MonitorMode ValidationMode => MonitorMode.Min;

    /// <summary>Writes the fitted model to <paramref name="path"/> atomically (docs/model-format.md).</summary>
    public void Save(string path) => ModelFile.Save(this, path);

    /// <summary>Reads a model written by <see cref="Save"/>; checksums are verified and no code is run.</summary>
    public static MlpRegressor Load(string path) => ModelFile.Load<MlpRegressor>(path);

    public MlpRegressor Fit(DenseMatrix x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        FeatureCheck.Rows(x.Rows, y.Count);
        var values = new float[y.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = double.IsFinite(y[i]) ? (float)y[i] : throw new ArgumentException($"The target is {y[i]} at row {i}; drop or impute it before fitting.", nameof(y));
        }

        FitNetwork(Data(x, Targets.FromValues(values), Device), x.ColumnNames, 1, null);
        return this;
    }

    public double[] Predict(DenseMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        FeatureCheck.Columns(x, FeatureNames, nameof(MlpRegressor));
        var outputs = Outputs(new TrainingData(Tensors.Tensor.FromMatrix(x, Network.Device), Targets.FromValues(new float[x.Rows])), out _);
        return outputs.Select(v => (double)v).ToArray();
    }

    /// <summary>R² on (<paramref name="x"/>, <paramref name="y"/>), as scikit-learn's <c>score</c>.</summary>
    public double Score(DenseMatrix x, IReadOnlyList<double> y) => Metrics.Metrics.R2(y, Predict(x));

    protected override Loss CreateLoss() => HuberDelta is { } delta ? new HuberLoss(delta) : new MeanSquaredErrorLoss();
}
