using Workbench.Data;
using Workbench.Learning.Devices;
using Workbench.Learning.Layers;
using Workbench.Learning.Losses;
using Workbench.Learning.Optimizers;
using Workbench.Learning.Schedules;
using Workbench.Learning.Training;

namespace Workbench.Learning.Estimators;

/// <summary>
/// What MLPClassifier and MLPRegressor share: scikit-learn's hyper-parameters (hidden sizes, activation, alpha,
/// batch size, learning rate, max epochs, tol / n_iter_no_change, early stopping on a validation fraction), plus
/// dropout, normalisation, schedules, device and callbacks. The network is a <see cref="Sequential"/> trained by
/// the <see cref="Trainer"/>; weights start Glorot-uniform as in scikit-learn.
/// </summary>
public abstract class MlpEstimator
{
    private Sequential? _network;

    public IReadOnlyList<int> HiddenLayerSizes { get; set; } = [100];

    public MlpActivation Activation { get; set; } = MlpActivation.Relu;

    /// <summary>L2 penalty on weights (not biases), scikit-learn's <c>alpha</c>: each step adds alpha / batch · W to the gradient.</summary>
    public double Alpha { get; set; } = 1e-4;

    /// <summary>Rows per step; scikit-learn's "auto" is min(200, n).</summary>
    public int BatchSize { get; set; } = 200;

    public double LearningRate { get; set; } = 1e-3;

    public MlpSolver Solver { get; set; } = MlpSolver.Adam;

    public int MaxEpochs { get; set; } = 200;

    /// <summary>Minimum improvement of the monitored value (training loss, or validation score with early stopping).</summary>
    public double Tolerance { get; set; } = 1e-4;

    /// <summary>Epochs without an improvement of at least <see cref="Tolerance"/> before stopping (scikit-learn's <c>n_iter_no_change</c>).</summary>
    public int NoImprovementEpochs { get; set; } = 10;

    /// <summary>Hold out <see cref="ValidationFraction"/> of the rows, stop on its score and keep the best epoch's weights.</summary>
    public bool EarlyStopping { get; set; }

    public double ValidationFraction { get; set; } = 0.1;

    public double Dropout { get; set; }

    public MlpNormalization Normalization { get; set; } = MlpNormalization.None;

    /// <summary>Optional learning-rate schedule, stepped per epoch.</summary>
    public LearningRateSchedule? Schedule { get; set; }

    public double? ClipGradientNorm { get; set; }

    /// <summary>Seeds weights, shuffles, the validation split and dropout: the same seed gives the same model.</summary>
    public ulong RandomState { get; set; }

    /// <summary>Where to train (default <see cref="Device.Default"/>).</summary>
    public Device? Device { get; set; }

    /// <summary>Progress bars, trackers, live displays: called by the Trainer during <c>Fit</c>.</summary>
    public IList<TrainingCallback> Callbacks { get; } = [];

    /// <summary>Writes a checkpoint every epoch (or as configured) so an interrupted fit can resume.</summary>
    public CheckpointOptions? Checkpoints { get; set; }

    /// <summary>A checkpoint written by an earlier fit of the same settings and data: training resumes after its epoch.</summary>
    public string? ResumeFrom { get; set; }

    /// <summary>The trained network.</summary>
    public Sequential Network => FeatureCheck.Fitted(_network, GetType().Name);

    /// <summary>Per-epoch metrics of the last fit (<c>loss_curve_</c> is <c>History.Metric("loss")</c>).</summary>
    public TrainingHistory History { get; private set; } = new();

    public TrainingSummary? LastFit { get; private set; }

    public IReadOnlyList<string> FeatureNames { get; private set; } = [];

    protected abstract Loss CreateLoss();

    /// <summary>Builds the network and trains it; <paramref name="stratify"/> keeps class proportions in the validation split.</summary>
    protected void FitNetwork(TrainingData data, IReadOnlyList<string> featureNames, int outputs, int[]? stratify)
    {
        if (HiddenLayerSizes.Any(s => s < 1) || BatchSize < 1 || MaxEpochs < 1 || LearningRate <= 0 || Alpha < 0)
        {
            throw new ArgumentException("Hidden layer sizes, BatchSize and MaxEpochs must be positive, LearningRate positive and Alpha non-negative.");
        }

        if (EarlyStopping && ValidationFraction is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "ValidationFraction must be in (0, 1).");
        }

        var device = Device ?? Devices.Device.Default;
        var random = DeterministicRandom.ForStream(RandomState, 1);
        var network = BuildNetwork(data.Features, outputs, random, device);
        var (train, validation) = EarlyStopping ? Split(data, stratify) : (data, null);
        var batch = Math.Min(BatchSize, train.Rows);
        var decay = Alpha / batch;
        Optimizer optimizer = Solver switch
        {
            MlpSolver.Adam => new Adam(network.Parameters(), LearningRate, weightDecay: decay),
            MlpSolver.AdamW => new AdamW(network.Parameters(), LearningRate, weightDecay: Alpha),
            _ => new Sgd(network.Parameters(), LearningRate, momentum: 0.9, nesterov: true, weightDecay: decay),
        };
        var options = new TrainerOptions
        {
            Epochs = MaxEpochs,
            BatchSize = batch,
            Seed = RandomState,
            Schedule = Schedule,
            ClipGradientNorm = ClipGradientNorm,
            DropLast = Normalization == MlpNormalization.BatchNorm && train.Rows % batch == 1,
            EarlyStopping = new Training.EarlyStopping
            {
                Monitor = EarlyStopping ? ValidationMonitor : "loss",
                Mode = EarlyStopping ? ValidationMode : MonitorMode.Min,
                MinDelta = Tolerance,
                Patience = NoImprovementEpochs + 1,
                RestoreBestWeights = EarlyStopping,
            },
            Checkpoints = Checkpoints,
        };
        var trainer = new Trainer(network, CreateLoss(), optimizer, options);
        trainer.History.Title = GetType().Name;
        foreach (var callback in Callbacks)
        {
            trainer.Callbacks.Add(callback);
        }

        LastFit = trainer.Fit(train, validation, ResumeFrom);
        History = trainer.History;
        _network = network;
        FeatureNames = featureNames.ToArray();
    }

    /// <summary>The monitored validation metric with early stopping (scikit-learn: accuracy for classifiers, R² for regressors).</summary>
    protected abstract string ValidationMonitor { get; }

    protected abstract MonitorMode ValidationMode { get; }

    protected float[] Outputs(TrainingData data, out int columns)
    {
        var outputs = Trainer.Predict(Network, data);
        columns = outputs.Columns;
        return outputs.ToArray();
    }

    internal void Restore(Sequential network, IReadOnlyList<string> features)
    {
        _network = network;
        FeatureNames = features;
    }

    private Sequential BuildNetwork(int inputs, int outputs, DeterministicRandom random, Device device)
    {
        var layers = new List<Module>();
        var width = inputs;
        var gain = Activation == MlpActivation.Sigmoid ? Math.Sqrt(1.0 / 3.0) : 1.0;
        for (var i = 0; i < HiddenLayerSizes.Count; i++)
        {
            layers.Add(Dense(width, HiddenLayerSizes[i]));
            if (Normalization == MlpNormalization.BatchNorm)
            {
                layers.Add(new BatchNorm1d(HiddenLayerSizes[i], device: device));
            }
            else if (Normalization == MlpNormalization.LayerNorm)
            {
                layers.Add(new LayerNorm(HiddenLayerSizes[i], device: device));
            }

            layers.Add(Activation switch
            {
                MlpActivation.Relu => new ReLU(device),
                MlpActivation.Gelu => new GELU(device),
                MlpActivation.Tanh => new Tanh(device),
                _ => new Sigmoid(device),
            });
            if (Dropout > 0)
            {
                layers.Add(new Dropout((float)Dropout, RandomState + (ulong)i, device));
            }

            width = HiddenLayerSizes[i];
        }

        layers.Add(Dense(width, outputs));
        var network = new Sequential(device, [.. layers]);
        foreach (var (name, parameter) in network.NamedParameters())
        {
            parameter.WeightDecay = name.EndsWith(".weight", StringComparison.Ordinal) && network[int.Parse(name[..name.IndexOf('.', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)] is Linear;
        }

        return network;

        // scikit-learn's init: U(−b, b) with b = √(6 / (fan_in + fan_out)) (√(2 / …) for logistic), biases too.
        Linear Dense(int fanIn, int fanOut)
        {
            var init = Initializer.XavierUniform(gain);
            return new Linear(fanIn, fanOut, weightInitializer: init, biasInitializer: init, random: random, device: device);
        }
    }

    private (TrainingData Train, TrainingData Validation) Split(TrainingData data, int[]? stratify)
    {
        var random = DeterministicRandom.ForStream(RandomState, 2);
        var validationRows = new List<int>();
        var groups = stratify is null
            ? [Enumerable.Range(0, data.Rows).ToArray()]
            : Enumerable.Range(0, data.Rows).GroupBy(i => stratify[i]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        foreach (var group in groups)
        {
            random.Shuffle(group.AsSpan());
            validationRows.AddRange(group.Take((int)Math.Ceiling(group.Length * ValidationFraction)));
        }

        var validation = validationRows.Order().ToArray();
        var held = new HashSet<int>(validation);
        var train = Enumerable.Range(0, data.Rows).Where(i => !held.Contains(i)).ToArray();
        if (train.Length == 0 || validation.Length == 0)
        {
            throw new ArgumentException($"Early stopping needs rows on both sides of the split; {data.Rows} rows with ValidationFraction {ValidationFraction} leave {train.Length} to train on.");
        }

        return (data.Subset(train), data.Subset(validation));
    }

    protected static TrainingData Data(DenseMatrix x, Targets targets, Device? device)
    {
        ArgumentNullException.ThrowIfNull(x);
        for (var i = 0; i < x.Values.Length; i++)
        {
            if (!float.IsFinite(x.Values[i]))
            {
                throw new ArgumentException($"The feature matrix holds {x.Values[i]} at row {i / x.Columns}, column '{x.ColumnNames[i % x.Columns]}'; impute or drop missing values before fitting.");
            }
        }

        return new TrainingData(Tensors.Tensor.FromMatrix(x, device), targets);
    }
}
