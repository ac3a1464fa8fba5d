namespace Workbench.Features;

/// <summary>
/// A fitted pipeline's dense plan bound to a fixed order of numeric input columns (a served request's CSV order), so
/// numbers parsed straight into one column-major buffer (or, for a plan that <see cref="TakesRows"/>, a row-major one)
/// are transformed without building a frame. Its matrix is the
/// one <see cref="FeaturePipeline.Transform"/> gives for the same values; null wherever Transform would take its
/// general path (a value not finite after a transform, too many rows for the plan).
/// </summary>
internal sealed class NumericInputPlan
{
    private readonly FeaturePipeline _pipeline;
    private readonly DenseTransformPlan _plan;
    private readonly int[] _binding;
    private readonly IReadOnlyList<string> _names;
    private readonly int _inputColumns;

    internal NumericInputPlan(FeaturePipeline pipeline, DenseTransformPlan plan, int[] binding, int inputColumns, IReadOnlyList<string> names)
    {
        _inputColumns = inputColumns;
        _pipeline = pipeline;
        _plan = plan;
        _binding = binding;
        _names = names;
    }

    /// <summary>
    /// The feature matrix of <paramref name="rows"/> rows held column by column in <paramref name="columnMajor"/>,
    /// columns <paramref name="stride"/> values apart, all finite (as the request readers parse them); or null.
    /// </summary>
    public FeatureMatrix? TryTransform(double[] columnMajor, int rows, int stride) =>
        _pipeline.TakesDensePlan(rows) ? _plan.TryTransform(columnMajor, rows, stride, _binding, _names) : null;

    /// <summary>Whether <see cref="TryTransformRows"/> takes these inputs: each feature is its input column, centred and scaled at most once.</summary>
    public bool TakesRows => _plan.TakesRows(_binding, _inputColumns);

    /// <summary>
    /// <see cref="TryTransform"/> for <paramref name="rows"/> rows held row by row in <paramref name="rowMajor"/>, one
    /// value per input column a row, where <see cref="TakesRows"/>: the same matrix, with no transposes.
    /// </summary>
    public FeatureMatrix? TryTransformRows(ReadOnlySpan<double> rowMajor, int rows) =>
        _pipeline.TakesDensePlan(rows) ? _plan.TryTransformRows(rowMajor, rows, _names) : null;
}
