namespace Workbench.Features;

/// <summary>
/// A fitted pipeline's dense plan bound to a fixed order of numeric input columns (a served request's CSV order), so
/// numbers parsed straight into one column-major buffer (or, for a plan that <see cref="TakesRows"/>, scaled as they
/// are read) are transformed without building a frame. Its matrix is the
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

    /// <summary>
    /// Whether these inputs are laid out as the matrix: each feature is its input column, centred and scaled at most
    /// once, so a reader can write the matrix row by row with <see cref="TryRowScaling"/>'s constants.
    /// </summary>
    public bool TakesRows => _plan.TakesRows(_binding, _inputColumns);

    /// <summary>Each feature's centre and scale, where <see cref="TakesRows"/> (see <see cref="DenseTransformPlan.TryRowScaling"/>).</summary>
    public bool TryRowScaling(Span<double> centers, Span<double> scales) => _plan.TryRowScaling(centers, scales);

    /// <summary>
    /// The most rows the plan takes (the pipeline's own rule: above it, with parallel steps, Transform runs its general
    /// path); read on every request, as the pipeline's setting may change.
    /// </summary>
    public int RowLimit => _pipeline.DensePlanRowLimit;

    /// <summary>The feature matrix over <paramref name="matrix"/>, written row by row with <see cref="TryRowScaling"/>'s constants.</summary>
    public FeatureMatrix RowMatrix(float[] matrix, int rows) => _plan.RowMatrix(matrix, rows, _names);
}
