using System.Globalization;

namespace Workbench.SageMaker.Container;

/// <summary>
/// The hyperparameters <c>workbench train</c> understands, parsed from SageMaker's strings. An unknown name or a
/// value that does not parse fails the job naming the hyperparameter, as a typo should not train the default.
/// </summary>
public sealed record TabularTrainingSettings
{
    public const string LogisticRegressionModel = "logistic_regression";
    public const string MlpModel = "mlp";

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "target", "model", "model_name", "C", "max_iter", "hidden_layer_sizes", "epochs", "learning_rate", "batch_size",
        "alpha", "seed", "drop_columns", "max_categories", "train_channel", "validation_channel", "fail_after_epoch", "schema_range_tolerance",
        "tol", "n_iter_no_change",
    };

    /// <summary>The label column (required).</summary>
    public required string Target { get; init; }

    /// <summary><c>logistic_regression</c> (default) or <c>mlp</c>.</summary>
    public string Model { get; init; } = LogisticRegressionModel;

    /// <summary>The registered name recorded in the model's <c>metadata.json</c>.</summary>
    public string ModelName { get; init; } = "model";

    public double C { get; init; } = 1.0;

    public int MaxIterations { get; init; } = 200;

    public IReadOnlyList<int> HiddenLayerSizes { get; init; } = [64];

    public int Epochs { get; init; } = 30;

    public double LearningRate { get; init; } = 1e-3;

    public int BatchSize { get; init; } = 64;

    public double Alpha { get; init; } = 1e-4;

    /// <summary>The MLP stops once the training loss has not improved by <c>tol</c> for <c>n_iter_no_change</c> epochs (scikit-learn's names and defaults).</summary>
    public double Tolerance { get; init; } = 1e-4;

    public int NoImprovementEpochs { get; init; } = 10;

    public ulong Seed { get; init; } = 42;

    public IReadOnlyList<string> DropColumns { get; init; } = [];

    /// <summary>Categorical columns keep at most this many categories (the rest become one "infrequent" column).</summary>
    public int MaxCategories { get; init; } = 30;

    public string TrainChannel { get; init; } = "train";

    /// <summary>
    /// How far beyond the training range (as a share of its width) the saved schema lets a served value go before the
    /// server refuses it; 0.5 by default, since a new patient slightly outside the training data is not bad input.
    /// </summary>
    public double SchemaRangeTolerance { get; init; } = 0.5;

    public string ValidationChannel { get; init; } = "validation";

    public static TabularTrainingSettings Parse(IReadOnlyDictionary<string, string> hyperparameters)
    {
        var unknown = hyperparameters.Keys.Where(k => !Known.Contains(k) && !k.StartsWith("sagemaker_", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new TrainingContainerException(
                $"Unknown hyperparameter(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))}; known: {string.Join(", ", Known.Order(StringComparer.Ordinal))}.");
        }

        if (!hyperparameters.TryGetValue("target", out var target) || string.IsNullOrWhiteSpace(target))
        {
            throw new TrainingContainerException("Hyperparameter 'target' (the label column) is required.");
        }

        var settings = new TabularTrainingSettings { Target = target };
        var model = Text("model", settings.Model);
        if (model is not (LogisticRegressionModel or MlpModel))
        {
            throw new TrainingContainerException($"Hyperparameter 'model' is '{model}'; expected '{LogisticRegressionModel}' or '{MlpModel}'.");
        }

        return settings with
        {
            Model = model,
            ModelName = Text("model_name", settings.ModelName),
            C = Positive("C", settings.C),
            MaxIterations = PositiveInt("max_iter", settings.MaxIterations),
            HiddenLayerSizes = hyperparameters.TryGetValue("hidden_layer_sizes", out var sizes) ? IntList("hidden_layer_sizes", sizes) : settings.HiddenLayerSizes,
            Epochs = PositiveInt("epochs", settings.Epochs),
            LearningRate = Positive("learning_rate", settings.LearningRate),
            BatchSize = PositiveInt("batch_size", settings.BatchSize),
            Alpha = NonNegative("alpha", settings.Alpha),
            Tolerance = NonNegative("tol", settings.Tolerance),
            NoImprovementEpochs = PositiveInt("n_iter_no_change", settings.NoImprovementEpochs),
            Seed = hyperparameters.TryGetValue("seed", out var seed)
                ? ulong.TryParse(seed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : throw Bad("seed", seed, "a non-negative whole number")
                : settings.Seed,
            DropColumns = hyperparameters.TryGetValue("drop_columns", out var drop)
                ? drop.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [],
            MaxCategories = PositiveInt("max_categories", settings.MaxCategories),
            SchemaRangeTolerance = NonNegative("schema_range_tolerance", settings.SchemaRangeTolerance),
            TrainChannel = Text("train_channel", settings.TrainChannel),
            ValidationChannel = Text("validation_channel", settings.ValidationChannel),
            FailAfterEpoch = hyperparameters.TryGetValue("fail_after_epoch", out _) ? PositiveInt("fail_after_epoch", 1) : null,
        };

        string Text(string name, string fallback) => hyperparameters.TryGetValue(name, out var value) && value.Length > 0 ? value : fallback;

        double Positive(string name, double fallback) => Number(name, fallback, v => v > 0, "a positive number");

        double NonNegative(string name, double fallback) => Number(name, fallback, v => v >= 0, "a non-negative number");

        double Number(string name, double fallback, Func<double, bool> valid, string expected)
        {
            if (!hyperparameters.TryGetValue(name, out var text))
            {
                return fallback;
            }

            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && valid(value)
                ? value
                : throw Bad(name, text, expected);
        }

        int PositiveInt(string name, int fallback)
        {
            if (!hyperparameters.TryGetValue(name, out var text))
            {
                return fallback;
            }

            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw Bad(name, text, "a positive whole number");
        }
    }

    /// <summary>A deliberate failure after this epoch, for rehearsing how a failed job surfaces (tests, demos).</summary>
    public int? FailAfterEpoch { get; init; }

    private static List<int> IntList(string name, string text)
    {
        var values = new List<int>();
        foreach (var part in text.Trim('[', ']', '(', ')').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            values.Add(int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw Bad(name, text, "positive whole numbers separated by commas, e.g. '64,32'"));
        }

        return values.Count > 0 ? values : throw Bad(name, text, "at least one layer size");
    }

    private static TrainingContainerException Bad(string name, string value, string expected) =>
        new($"Hyperparameter '{name}' is '{value}', which is not {expected}.");
}
