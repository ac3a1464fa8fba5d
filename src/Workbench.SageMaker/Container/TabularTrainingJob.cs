using System.Globalization;
using Workbench.Data;
using Workbench.Features;
using Workbench.Features.Validation;
using Workbench.Learning.Estimators;
using Workbench.Learning.Metrics;
using Workbench.Learning.Training;
using Workbench.Registry;
using Workbench.Tracking;

namespace Workbench.SageMaker.Container;

/// <summary>What a training run produced.</summary>
public sealed record TrainingOutcome(string ModelDir, IReadOnlyList<string> ModelFiles, IReadOnlyDictionary<string, double> FinalMetrics, bool StoppedEarly, int EpochsRun);

/// <summary>
/// The training a <c>workbench train</c> container runs: a feature pipeline built from the columns' types (numeric:
/// median imputation and standard scaling; categorical: most-frequent imputation and one-hot with infrequent
/// grouping; booleans as 0/1; free text and timestamps left out and listed), then LogisticRegression or an MLP. The
/// model directory gets the registry's layout (model file, feature pipeline, schema, <c>metadata.json</c> with
/// checksums), so <c>model.tar.gz</c> imports into the registry and the inference server loads it.
/// </summary>
public sealed class TabularTrainingJob(TrainingEnvironment environment, TabularTrainingSettings settings, TextWriter log)
{
    private readonly TrainingEnvironment _environment = environment ?? throw new ArgumentNullException(nameof(environment));
    private readonly TabularTrainingSettings _settings = settings ?? throw new ArgumentNullException(nameof(settings));
    private readonly TextWriter _log = log ?? throw new ArgumentNullException(nameof(log));

    /// <summary>Trains and writes the model. <paramref name="stop"/> (SIGTERM) ends an MLP after the current epoch, and the model so far is still saved.</summary>
    public TrainingOutcome Run(CancellationToken stop = default)
    {
        var train = Channel(_settings.TrainChannel, required: true)!;
        var validationChannel = Channel(_settings.ValidationChannel, required: false);
        var (trainFrame, trainFiles) = ChannelData.Read(train);
        Log($"channel {train.Name}: {trainFrame.RowCount} rows x {trainFrame.ColumnCount} columns from {trainFiles.Count} file(s)");
        var labels = Labels(trainFrame, train.Name);
        var features = FeatureFrame(trainFrame, train.Name);

        var pipeline = BuildPipeline(features, out var ignored);
        if (ignored.Count > 0)
        {
            Log($"columns not used (free text, timestamps): {string.Join(", ", ignored)}");
        }

        var x = pipeline.FitTransform(features).Dense!;
        Log($"features: {x.Columns} from {pipeline.InputColumns.Count} columns; classes: {string.Join(", ", labels.Distinct().Order(StringComparer.Ordinal))}");

        Frame? validationFrame = null;
        IReadOnlyList<string>? validationLabels = null;
        if (validationChannel is not null)
        {
            (validationFrame, var validationFiles) = ChannelData.Read(validationChannel);
            validationLabels = Labels(validationFrame, validationChannel.Name);
            Log($"channel {validationChannel.Name}: {validationFrame.RowCount} rows from {validationFiles.Count} file(s)");
        }

        var work = Path.Combine(_environment.OutputDataDir, "work");
        Directory.CreateDirectory(work);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        IClassifier model;
        var stoppedEarly = false;
        var epochsRun = 0;
        string modelPath;
        if (_settings.Model == TabularTrainingSettings.MlpModel)
        {
            var mlp = FitMlp(x, labels, stop, out stoppedEarly);
            epochsRun = mlp.LastFit?.EpochsRun ?? 0;
            model = mlp;
            modelPath = Path.Combine(work, "model.wbm");
            mlp.Save(modelPath);
        }
        else
        {
            stop.ThrowIfCancellationRequested();
            var logistic = new LogisticRegression { C = _settings.C, MaxIterations = _settings.MaxIterations }.Fit(x, labels);
            Log($"logistic regression: {logistic.Iterations} iterations, converged: {logistic.Converged}");
            model = logistic;
            modelPath = Path.Combine(work, "model.wbm");
            logistic.Save(modelPath);
        }

        // An MLP already printed train:loss and train:accuracy for every epoch; a second, final value would read as one more epoch.
        Report(metrics, "train", model, x, labels, epoch: null, print: _settings.Model != TabularTrainingSettings.MlpModel);
        if (validationFrame is not null)
        {
            var validationX = pipeline.Transform(FeatureFrame(validationFrame, validationChannel!.Name)).Dense!;
            Report(metrics, "validation", model, validationX, validationLabels!, epoch: null);
        }

        var pipelinePath = Path.Combine(work, "feature_pipeline.json");
        pipeline.Save(pipelinePath);
        var schemaPath = Path.Combine(work, "schema.json");
        DataSchema.Infer(trainFrame, new SchemaInferenceOptions { Label = _settings.Target, RangeTolerance = _settings.SchemaRangeTolerance }).Save(schemaPath);

        var files = WriteModelDirectory(modelPath, pipelinePath, schemaPath, metrics, trainFrame, train);
        Directory.Delete(work, recursive: true);
        return new TrainingOutcome(_environment.ModelDir, files, metrics, stoppedEarly, epochsRun);
    }

    private TrainingChannel? Channel(string name, bool required)
    {
        if (_environment.Channels.TryGetValue(name, out var channel))
        {
            return channel;
        }

        if (!required)
        {
            return null;
        }

        var known = _environment.Channels.Count == 0 ? "none" : string.Join(", ", _environment.Channels.Keys.Order(StringComparer.Ordinal));
        throw new TrainingContainerException(
            $"Channel '{name}' is missing (the job's channels: {known}); expected its data under {_environment.Layout.Channel(name)} or in SM_CHANNEL_{name.ToUpperInvariant()}.");
    }

    private List<string> Labels(Frame frame, string channel)
    {
        if (!frame.Contains(_settings.Target))
        {
            throw new TrainingContainerException(
                $"Channel '{channel}': the target column '{_settings.Target}' is not in the data (columns: {string.Join(", ", frame.ColumnNames.Take(40))}).");
        }

        var column = frame[_settings.Target];
        var labels = new List<string>(frame.RowCount);
        for (var row = 0; row < frame.RowCount; row++)
        {
            labels.Add(column.Format(row) ?? throw new TrainingContainerException(
                $"Channel '{channel}': row {row + 1} has no value in the target column '{_settings.Target}'; drop or label it."));
        }

        if (labels.Distinct().Count() < 2 && channel == _settings.TrainChannel)
        {
            throw new TrainingContainerException($"Channel '{channel}': the target column '{_settings.Target}' has a single class ('{labels.FirstOrDefault()}'); a classifier needs two or more.");
        }

        return labels;
    }

    private Frame FeatureFrame(Frame frame, string channel)
    {
        var missing = _settings.DropColumns.Where(c => !frame.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new TrainingContainerException($"Hyperparameter 'drop_columns' names {string.Join(", ", missing.Select(m => $"'{m}'"))}, not in channel '{channel}'.");
        }

        return frame.Drop([_settings.Target, .. _settings.DropColumns]);
    }

    private FeaturePipeline BuildPipeline(Frame features, out List<string> ignored)
    {
        var numeric = features.Schema.Where(c => c.Type is ColumnType.Double or ColumnType.Single or ColumnType.Int64).Select(c => c.Name).ToArray();
        var categorical = features.Schema.Where(c => c.Type == ColumnType.Categorical).Select(c => c.Name).ToArray();
        var booleans = features.Schema.Where(c => c.Type == ColumnType.Boolean).Select(c => c.Name).ToArray();
        ignored = features.Schema.Where(c => c.Type is ColumnType.String or ColumnType.DateTime).Select(c => c.Name).ToList();
        var pipeline = new FeaturePipeline { Output = MatrixOutput.Dense };
        if (numeric.Length > 0)
        {
            pipeline.Add("numeric", ColumnSelector.Names(numeric), new SimpleImputer(ImputeStrategy.Median), new StandardScaler());
        }

        if (categorical.Length > 0)
        {
            pipeline.Add("categorical", ColumnSelector.Names(categorical), new SimpleImputer(ImputeStrategy.MostFrequent),
                new OneHotEncoder { HandleUnknown = UnknownCategoryPolicy.InfrequentIfExist, MaxCategories = _settings.MaxCategories });
        }

        if (booleans.Length > 0)
        {
            pipeline.Add("boolean", ColumnSelector.Names(booleans), new SimpleImputer(ImputeStrategy.MostFrequent));
        }

        if (numeric.Length + categorical.Length + booleans.Length == 0)
        {
            throw new TrainingContainerException($"No usable feature columns besides the target '{_settings.Target}' (ignored: {string.Join(", ", ignored)}).");
        }

        return pipeline;
    }

    private MlpClassifier FitMlp(DenseMatrix x, IReadOnlyList<string> labels, CancellationToken stop, out bool stoppedEarly)
    {
        Directory.CreateDirectory(_environment.CheckpointDir);
        var resume = Trainer.LatestCheckpoint(_environment.CheckpointDir);
        var mlp = new MlpClassifier
        {
            HiddenLayerSizes = _settings.HiddenLayerSizes,
            MaxEpochs = _settings.Epochs,
            LearningRate = _settings.LearningRate,
            BatchSize = _settings.BatchSize,
            Alpha = _settings.Alpha,
            Tolerance = _settings.Tolerance,
            NoImprovementEpochs = _settings.NoImprovementEpochs,
            RandomState = _settings.Seed,
            Checkpoints = new CheckpointOptions(_environment.CheckpointDir),
            ResumeFrom = resume,
        };
        if (resume is not null)
        {
            Log($"resuming from checkpoint {Path.GetFileName(resume)}");
        }

        var epochs = new EpochReporter(this, stop, _settings.FailAfterEpoch);
        mlp.Callbacks.Add(epochs);
        mlp.Fit(x, labels);
        stoppedEarly = epochs.Stopped;
        Log(stoppedEarly
            ? $"stopped after epoch {mlp.LastFit?.EpochsRun} on request (SIGTERM); saving the model trained so far"
            : $"mlp: {mlp.LastFit?.EpochsRun} epochs, {mlp.LastFit?.Status}");
        return mlp;
    }

    private void Report(Dictionary<string, double> metrics, string channel, IClassifier model, DenseMatrix x, IReadOnlyList<string> labels, int? epoch, bool print = true)
    {
        var probabilities = model.PredictProba(x);
        var classes = model.Classes;
        var predicted = model.Predict(x);
        Emit(metrics, $"{channel}:loss", Metrics.LogLoss(labels, probabilities, classes), epoch, print);
        Emit(metrics, $"{channel}:accuracy", Metrics.Accuracy(labels, predicted), epoch, print);
        if (channel == "validation" && classes.Count == 2 && labels.Distinct().Count() == 2)
        {
            Emit(metrics, $"{channel}:auc", Metrics.RocAuc(labels, probabilities.Column(1), classes[1]), epoch, print);
        }
    }

    private void Emit(Dictionary<string, double> metrics, string name, double value, int? epoch, bool print)
    {
        metrics[name] = value;
        if (print)
        {
            _log.WriteLine(TrainingMetricFormat.Line(name, value, epoch));
            _log.Flush();
        }
    }

    private void Log(string message)
    {
        _log.WriteLine(message);
        _log.Flush();
    }

    private List<string> WriteModelDirectory(string modelPath, string pipelinePath, string schemaPath, IReadOnlyDictionary<string, double> metrics, Frame trainFrame, TrainingChannel train)
    {
        // The run and the registered version live in the job's output data (uploaded with it as output.tar.gz);
        // the registry writes the model directory so its layout and metadata.json are exactly what it imports.
        var home = Path.Combine(_environment.OutputDataDir, "workbench");
        using var tracker = Tracker.Open(home, new TrackerOptions { CaptureEnvironment = false });
        string runId;
        using (var run = tracker.StartRun("sagemaker-training", _settings.ModelName))
        {
            runId = run.RunId;
            run.LogParams(_environment.Hyperparameters.Select(h => new KeyValuePair<string, object?>(h.Key, h.Value)));
            run.LogInput(DatasetFingerprint.Of(trainFrame), train.Name, train.Path, trainFrame.RowCount);
            run.LogMetrics(metrics);
            run.LogModel(modelPath);
            run.LogArtifact(pipelinePath, "feature_pipeline.json", ArtifactKind.FeaturePipeline);
            run.LogArtifact(schemaPath, "schema.json", ArtifactKind.Schema);
            run.SetTag("sagemaker.current_host", _environment.CurrentHost);
            run.End();
        }

        var registry = new ModelRegistry(tracker);
        var version = registry.RegisterModel(_settings.ModelName, runId, description: $"trained by workbench train ({_settings.Model})");
        Directory.CreateDirectory(_environment.ModelDir);
        var written = registry.Download(version, _environment.ModelDir).ToList();
        Log($"model written to {_environment.ModelDir}: {string.Join(", ", written.Select(Path.GetFileName))}");
        return written;
    }

    private sealed class EpochReporter(TabularTrainingJob job, CancellationToken stop, int? failAfter) : TrainingCallback
    {
        public bool Stopped { get; private set; }

        public override void OnEpochEnd(TrainingContext context, EpochRecord epoch)
        {
            foreach (var (name, value) in epoch.Metrics.Where(m => m.Key is "loss" or "accuracy").OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                job._log.WriteLine(TrainingMetricFormat.Line($"train:{name}", value, epoch.Epoch));
            }

            job._log.Flush();
            if (failAfter is { } limit && epoch.Epoch >= limit)
            {
                throw new TrainingContainerException(
                    string.Create(CultureInfo.InvariantCulture, $"Deliberate failure after epoch {epoch.Epoch} (hyperparameter 'fail_after_epoch' = {limit})."));
            }

            if (stop.IsCancellationRequested)
            {
                Stopped = true;
                context.RequestStop("SIGTERM");
            }
        }
    }
}
