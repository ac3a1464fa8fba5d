using Workbench.Data;

namespace Workbench.Features;

/// <summary>
/// scikit-learn's <c>ColumnTransformer</c> and <c>Pipeline</c> in one: named steps, each taking columns (by name,
/// type or pattern) through a chain of transforms, side by side into one float32 feature matrix for Learning,
/// with the feature names kept (<c>smoker=current</c>, <c>bmi</c>, <c>chief_complaint:chest pain</c>). The fitted
/// pipeline is saved as a versioned JSON document and loaded by the serving endpoint, which applies the very same
/// object the notebook fitted (no training / serving skew).
/// </summary>
/// <example>
/// <code>
/// var pipeline = new FeaturePipeline()
///     .Add("numeric", ColumnSelector.Names("age", "bmi"), new SimpleImputer(ImputeStrategy.Median), new StandardScaler())
///     .Add("categorical", ColumnSelector.Categorical(), new OneHotEncoder { HandleUnknown = UnknownCategoryPolicy.Ignore })
///     .Add("complaint", "chief_complaint", new TfidfVectorizer { NgramRange = (1, 2), MinDf = 2 });
/// var train = pipeline.FitTransform(trainFrame, target: "readmitted_30d");
/// pipeline.Save("features.json");
/// var served = FeaturePipeline.Load("features.json").Transform(requestFrame);
/// </code>
/// </example>
/// <remarks>
/// <para><b>Fit.</b> Inside a step each transform is fitted on the output of the one before (fit-transform), as in
/// scikit-learn's Pipeline; steps run in parallel. <c>FitTransform</c> returns the training matrix, in which a
/// <see cref="TargetEncoder"/> gives out-of-fold values; <c>Transform</c> of the same rows gives full-fit values.</para>
/// <para><b>Output.</b> The matrix is sparse when <see cref="Output"/> says so, or (<see cref="MatrixOutput.Auto"/>)
/// when some step produces sparse output and non-zero cells are fewer than <see cref="SparseThreshold"/> (0.3) of all
/// cells, as ColumnTransformer's <c>sparse_threshold</c>; dense otherwise. Every cell must be a number: a missing value
/// that reaches the matrix is an error naming the step, feature and first row, never a silent NaN.</para>
/// <para><b>Names.</b> Feature names come from the transforms; if two steps produce the same name, each of those
/// features is prefixed with its step (<c>numeric__age</c>), as scikit-learn's verbose names are.</para>
/// <para><b>Transform.</b> The fitted pipeline looks its input columns up by name (other columns are ignored; the
/// target is not needed) and fails, listing every missing column, when some are absent.</para>
/// </remarks>
public sealed partial class FeaturePipeline
{
    private readonly List<PipelineStep> _steps = [];
    /// <summary>Frames up to this many rows take the dense plan on any thread count (larger ones gain from the parallel general path).</summary>
    private const int DensePlanMaxRows = 8192;

    private static readonly DenseTransformPlan NoDensePlan = DenseTransformPlan.TryBuild([])!;

    private List<PipelineStep> _fitted = [];

    // Built on the first Transform after fitting or loading; NoDensePlan when the steps do not allow one.
    private DenseTransformPlan? _densePlan;
    private IReadOnlyList<string> _names = [];
    private (string Name, ColumnType Type)[] _inputs = [];

    /// <summary>Columns no step selects: dropped (default) or passed through.</summary>
    public RemainderPolicy Remainder { get; init; } = RemainderPolicy.Drop;

    public MatrixOutput Output { get; init; } = MatrixOutput.Auto;

    /// <summary>Density below which <see cref="MatrixOutput.Auto"/> gives a sparse matrix (when a step is sparse).</summary>
    public double SparseThreshold { get; init; } = 0.3;

    /// <summary>
    /// Threads for running steps and writing the matrix (null: one per processor; 1: the calling thread). Not saved:
    /// a loaded pipeline may be set to 1 where many small requests run side by side (a serving endpoint).
    /// </summary>
    public int? MaxDegreeOfParallelism { get; set; }

    /// <summary>The steps as configured.</summary>
    public IReadOnlyList<PipelineStep> Steps => IsFitted ? _fitted : _steps;

    public bool IsFitted { get; private set; }

    /// <summary>The target column given at fit time (kept out of every step).</summary>
    public string? Target { get; private set; }

    /// <summary>The columns (and their types at fit time) that <see cref="Transform"/> reads.</summary>
    public IReadOnlyList<(string Name, ColumnType Type)> InputColumns => IsFitted ? _inputs : throw new NotFittedException(nameof(FeaturePipeline), nameof(InputColumns));

    /// <summary>Adds a step: the selected columns through <paramref name="transforms"/> in order (none: passed through as numbers).</summary>
    public FeaturePipeline Add(string name, ColumnSelector columns, params FeatureTransform[] transforms)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(transforms);
        if (IsFitted)
        {
            throw new InvalidOperationException("the pipeline is already fitted; build a new one to change its steps.");
        }

        if (name == "remainder" || _steps.Any(s => s.Name == name))
        {
            throw new ArgumentException($"a step is already called '{name}'{(name == "remainder" ? " (reserved for the remainder)" : string.Empty)}; give each step its own name.", nameof(name));
        }

        foreach (var transform in transforms)
        {
            ArgumentNullException.ThrowIfNull(transform, nameof(transforms));
            if (_steps.Any(s => s.Transforms.Contains(transform)) || transforms.Count(t => ReferenceEquals(t, transform)) > 1)
            {
                throw new ArgumentException($"step '{name}': this {transform.GetType().Name} instance is already used in the pipeline; give each step its own transform objects.", nameof(transforms));
            }
        }

        for (var i = 0; i < transforms.Length - 1; i++)
        {
            if (transforms[i].ProducesSparse)
            {
                throw new ArgumentException($"step '{name}': {transforms[i].GetType().Name} produces sparse output, so it must be the last transform of its step.", nameof(transforms));
            }
        }

        _steps.Add(new PipelineStep(name, columns, transforms));
        return this;
    }

    /// <summary>Adds a step for one column.</summary>
    public FeaturePipeline Add(string name, string column, params FeatureTransform[] transforms) => Add(name, ColumnSelector.Names(column), transforms);

    /// <summary>Fits every step on <paramref name="frame"/>; <paramref name="target"/> is kept out of the features and given to supervised transforms.</summary>
    public FeaturePipeline Fit(Frame frame, string? target = null)
    {
        FitSteps(frame, target);
        return this;
    }

    /// <summary>Fits on <paramref name="frame"/> and returns its feature matrix (out-of-fold for target encoders).</summary>
    public FeatureMatrix FitTransform(Frame frame, string? target = null) => Assemble(FitSteps(frame, target), frame.RowCount);

    /// <summary>The feature matrix of <paramref name="frame"/>, with exactly the fitted pipeline's columns.</summary>
    public FeatureMatrix Transform(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (!IsFitted)
        {
            throw new NotFittedException(nameof(FeaturePipeline), nameof(Transform));
        }

        if (TakesDensePlan(frame.RowCount) && DensePlan is { } plan && plan.TryTransform(frame, _names) is { } direct)
        {
            return direct;
        }

        var missing = _fitted.SelectMany(s => s.Columns.Where(c => !frame.Contains(c)).Select(c => $"'{c}' (step {s.Name})")).ToArray();
        if (missing.Length > 0)
        {
            throw new ArgumentException($"the frame lacks {missing.Length} column{(missing.Length == 1 ? string.Empty : "s")} the pipeline was fitted on: {string.Join(", ", missing)}.");
        }

        var outputs = Run(_fitted, step => RunChain(step, frame.Select([.. step.Columns]), null, fit: false));
        return Assemble(outputs, frame.RowCount);
    }

    /// <summary>
    /// The short way through this pipeline for numbers that arrive column by column in <paramref name="inputOrder"/>
    /// (a served CSV request), or null when its steps allow no dense plan or it reads a column not in the order.
    /// </summary>
    internal NumericInputPlan? BindNumericInputs(IReadOnlyList<string> inputOrder) =>
        IsFitted && Output != MatrixOutput.Sparse && DensePlan is { } plan && plan.Bind(inputOrder) is { } binding
            ? new NumericInputPlan(this, plan, binding, inputOrder.Count, _names)
            : null;

    private DenseTransformPlan? DensePlan
    {
        get
        {
            _densePlan ??= DenseTransformPlan.TryBuild(_fitted) ?? NoDensePlan;
            return _densePlan == NoDensePlan ? null : _densePlan;
        }
    }

    /// <summary>Whether <see cref="Transform"/> of <paramref name="rows"/> rows tries the dense plan first.</summary>
    internal bool TakesDensePlan(int rows) => rows <= DensePlanRowLimit;

    /// <summary>The most rows <see cref="TakesDensePlan"/> takes: none for sparse output, any number on one thread.</summary>
    internal int DensePlanRowLimit => Output == MatrixOutput.Sparse ? -1 : MaxDegreeOfParallelism == 1 ? int.MaxValue : DensePlanMaxRows;

    /// <summary>The names of the matrix's columns, in order.</summary>
    public IReadOnlyList<string> GetFeatureNamesOut() => IsFitted ? _names : throw new NotFittedException(nameof(FeaturePipeline), nameof(GetFeatureNamesOut));

    public override string ToString() => IsFitted
        ? $"FeaturePipeline: {_fitted.Count} steps, {_inputs.Length} input columns -> {_names.Count} features"
        : $"FeaturePipeline: {_steps.Count} steps (not fitted)";

    private (string Step, FeatureOutput Output)[] FitSteps(Frame frame, string? target)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (IsFitted)
        {
            throw new InvalidOperationException("the pipeline is already fitted; build a new one (or Load the saved one) to fit again.");
        }

        if (!(SparseThreshold is >= 0 and <= 1))
        {
            throw new ArgumentException($"SparseThreshold must be within 0..1, got {SparseThreshold}.");
        }

        Column? y = null;
        if (target is not null)
        {
            y = frame[target];
        }

        var steps = _steps.ToList();
        var selected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            step.Columns = step.Selector.Resolve(frame, target, step.Name);
            selected.UnionWith(step.Columns);
        }

        if (Remainder == RemainderPolicy.Passthrough)
        {
            var rest = frame.ColumnNames.Where(c => c != target && !selected.Contains(c)).ToArray();
            if (rest.Length > 0)
            {
                steps.Add(new PipelineStep("remainder", ColumnSelector.Names(rest), [], isRemainder: true) { Columns = rest });
            }
        }

        if (steps.Count == 0)
        {
            throw new InvalidOperationException("the pipeline has no steps: Add at least one (or pass the remainder through).");
        }

        foreach (var step in steps.Where(s => s.IsPassthrough))
        {
            foreach (var name in step.Columns.Where(c => !frame[c].IsNumeric))
            {
                throw new ArgumentException($"step '{step.Name}' passes column '{name}' ({frame[name].Type.DisplayName()}) through, but only numbers and booleans can go into the matrix unencoded; give it an encoder{(step.IsRemainder ? " or drop the remainder" : string.Empty)}.");
            }
        }

        foreach (var step in steps)
        {
            foreach (var transform in step.Transforms.Where(t => t.NeedsTarget && y is null))
            {
                throw new ArgumentException($"step '{step.Name}': {transform.GetType().Name} needs the target: Fit(frame, target: \"...\").");
            }
        }

        var outputs = Run(steps, step => RunChain(step, frame.Select([.. step.Columns]), y, fit: true));
        foreach (var (step, output) in steps.Zip(outputs))
        {
            step.FeatureNames = output.Output.FeatureNames;
        }

        _fitted = steps;
        Target = target;
        _inputs = steps.SelectMany(s => s.Columns).Distinct(StringComparer.Ordinal).Select(c => (c, frame[c].Type)).ToArray();
        _names = UniqueNames(steps);
        IsFitted = true;
        return outputs;
    }

    private (string Step, FeatureOutput Output)[] Run(IReadOnlyList<PipelineStep> steps, Func<PipelineStep, FeatureOutput> run)
    {
        var outputs = new (string Step, FeatureOutput Output)[steps.Count];
        if (steps.Count == 1 || MaxDegreeOfParallelism == 1)
        {
            // Serving transforms a request's rows on one thread: worker tasks would cost more than the steps.
            for (var i = 0; i < steps.Count; i++)
            {
                RunStep(i);
            }

            return outputs;
        }

        try
        {
            Parallel.For(0, steps.Count, new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism ?? -1 }, RunStep);
        }
        catch (AggregateException e)
        {
            // The first failing step's own error (ArgumentException naming the column, ...), not a wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.Flatten().InnerExceptions[0]).Throw();
        }

        return outputs;

        void RunStep(int i)
        {
            var output = run(steps[i]);
            MatrixAssembler.CheckDense(steps[i].Name, output);
            outputs[i] = (steps[i].Name, output);
        }
    }

    private static FeatureOutput RunChain(PipelineStep step, Frame input, Column? y, bool fit)
    {
        if (step.IsPassthrough)
        {
            return FeatureOutput.Dense(input);
        }

        var current = input;
        FeatureOutput? output = null;
        for (var i = 0; i < step.Transforms.Count; i++)
        {
            if (i > 0)
            {
                // Add() keeps sparse transforms last, so the previous output is a frame (one-hot output is materialized here only).
                current = output!.Frame!;
            }

            var transform = step.Transforms[i];
            output = fit ? transform.FitTransformFeatures(current, y) : transform.TransformFeatures(current);
        }

        return output!;
    }

    private FeatureMatrix Assemble((string Step, FeatureOutput Output)[] outputs, int rows) =>
        MatrixAssembler.Assemble(outputs, rows, Output, SparseThreshold, MaxDegreeOfParallelism, _names);

    private static IReadOnlyList<string> UniqueNames(IReadOnlyList<PipelineStep> steps) =>
        new FeatureNameList(steps.Select(s => (s.Name, s.FeatureNames)).ToArray());
}
