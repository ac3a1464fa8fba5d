using System.Buffers;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Workbench.Data;

namespace Workbench.Features;

/// <summary>
/// A transform applied column by column, in place, over doubles with NaN for missing cells: one output column per
/// input column, keeping its name (the scalers, power and log transforms).
/// </summary>
internal interface IColumnwiseTransform
{
    IReadOnlyList<string> FeatureNamesIn { get; }

    void ApplyInPlace(int index, string name, Span<double> values);

    /// <summary>
    /// For a transform that is <c>(v - center) / scale</c> on column <paramref name="index"/> (the standard and robust
    /// scalers), its two constants, so a plan can apply it and check the results in one pass; false for any other.
    /// </summary>
    bool TryCenterScale(int index, out double center, out double scale);
}

/// <summary>
/// The short way through a fitted pipeline whose steps are all column-wise numeric transforms or passthroughs and
/// whose output is dense: each input column is read once into a column-major block, run through its step's transforms
/// in place there, and the block is transposed into the float matrix, with no intermediate frames. A served request's few rows take it, where building
/// frames would cost more than the arithmetic. A column that is not numeric, or a value that is missing or not finite
/// before or after a transform, makes <see cref="TryTransform(Frame, IReadOnlyList{string})"/> return null: the caller then runs the general path,
/// which raises its usual error (or, for a value these transforms accept, gives the same answer). Both paths do the
/// same arithmetic, so the matrices are identical.
/// </summary>
internal sealed class DenseTransformPlan
{
    private readonly Feature[] _features;
    private readonly IReadOnlyList<FeatureBlock> _blocks;

    private DenseTransformPlan(Feature[] features, IReadOnlyList<FeatureBlock> blocks)
    {
        _features = features;
        _blocks = blocks;
    }

    /// <summary>The plan for <paramref name="steps"/>, or null when a step is not column-wise numeric.</summary>
    public static DenseTransformPlan? TryBuild(IReadOnlyList<PipelineStep> steps)
    {
        var features = new List<Feature>();
        var blocks = new List<FeatureBlock>();
        foreach (var step in steps)
        {
            var start = features.Count;
            if (step.IsPassthrough)
            {
                features.AddRange(step.Columns.Select(c => new Feature(c, [])));
            }
            else
            {
                if (step.Transforms.Any(t => t is not IColumnwiseTransform))
                {
                    return null;
                }

                var chain = step.Transforms.Cast<IColumnwiseTransform>().ToArray();
                foreach (var name in chain[^1].FeatureNamesIn)
                {
                    var stages = new Stage[chain.Length];
                    for (var t = 0; t < chain.Length; t++)
                    {
                        var index = IndexOf(chain[t].FeatureNamesIn, name);
                        if (index < 0)
                        {
                            return null;
                        }

                        stages[t] = new Stage(chain[t], index);
                    }

                    features.Add(new Feature(name, stages));
                }
            }

            if (features.Count - start != step.FeatureNames.Count)
            {
                return null;
            }

            blocks.Add(new FeatureBlock(step.Name, start, features.Count - start, false));
        }

        return new DenseTransformPlan([.. features], blocks);
    }

    /// <summary>The feature matrix of <paramref name="frame"/>, or null when the general path must run (see the class remarks).</summary>
    public FeatureMatrix? TryTransform(Frame frame, IReadOnlyList<string> names) =>
        TryTransform(new FrameColumns(frame), frame.RowCount, names);

    /// <summary>
    /// For each feature, the index of the column it reads in <paramref name="inputOrder"/>, or null when a feature
    /// reads a column that is not there: the binding <see cref="TryTransform(double[], int, int, int[], IReadOnlyList{string})"/> takes.
    /// </summary>
    public int[]? Bind(IReadOnlyList<string> inputOrder)
    {
        var binding = new int[_features.Length];
        for (var f = 0; f < binding.Length; f++)
        {
            binding[f] = IndexOf(inputOrder, _features[f].Column);
            if (binding[f] < 0)
            {
                return null;
            }
        }

        return binding;
    }

    /// <summary>
    /// The feature matrix of finite numbers held column by column in <paramref name="columnMajor"/> (column i at
    /// <c>[i * stride, i * stride + rows)</c>, in the order given to <see cref="Bind"/>); null when a value is not
    /// finite after a transform. Identical to the frame overload's matrix for the same values.
    /// </summary>
    public FeatureMatrix? TryTransform(double[] columnMajor, int rows, int stride, int[] binding, IReadOnlyList<string> names) =>
        TryTransform(new ColumnMajorNumbers(columnMajor, rows, stride, binding), rows, names);

    private FeatureMatrix? TryTransform<TColumns>(TColumns columns, int rows, IReadOnlyList<string> names)
        where TColumns : struct, IFeatureColumns
    {
        var width = _features.Length;
        // Each feature is transformed where it lies in a column-major scratch block, which one blocked transpose then
        // turns into the model's row-major float32 matrix.
        var transformed = ArrayPool<double>.Shared.Rent(checked(rows * width));
        try
        {
            for (var f = 0; f < width; f++)
            {
                var feature = _features[f];
                var values = transformed.AsSpan(f * rows, rows);
                if (!columns.TryCopy(f, feature.Column, values))
                {
                    return null;
                }

                // Only all-finite values take the plan: a missing cell (NaN) stays missing through these transforms and
                // an infinite one is refused by them, so the general path's error is due either way.
                if (!columns.AllFinite && !AllFinite(values))
                {
                    return null;
                }

                foreach (var stage in feature.Stages)
                {
                    // The constants are read on every request, as the transform's own pass reads them.
                    if (!(stage.Transform.TryCenterScale(stage.Index, out var center, out var scale) ? CenterScale(values, center, scale) : Apply(stage, feature.Column, values)))
                    {
                        return null;
                    }
                }
            }

            var matrix = GC.AllocateUninitializedArray<float>(rows * width);
            BlockTranspose.TransposeToSingle(transformed.AsSpan(0, rows * width), width, rows, matrix);
            return new FeatureMatrix(new DenseMatrix(matrix, rows, width, names), null, _blocks);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(transformed);
        }
    }

    /// <summary>
    /// Whether requests of <paramref name="inputColumns"/> columns bound by <paramref name="binding"/> are already laid
    /// out as the matrix: feature f is input column f itself, passed through or centred and scaled once, so a reader can
    /// write each row of the matrix as it reads the row (<see cref="TryRowScaling"/>, <see cref="RowMatrix"/>).
    /// </summary>
    public bool TakesRows(int[] binding, int inputColumns)
    {
        if (inputColumns != _features.Length)
        {
            return false;
        }

        for (var f = 0; f < _features.Length; f++)
        {
            if (binding[f] != f || !TryCenterScale(f, out _, out _))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// For a binding <see cref="TakesRows"/> accepted, each feature's transform as <c>(v - centers[f]) / scales[f]</c>:
    /// computed in double and narrowed to float32, that is the value <see cref="TryTransform(double[], int, int, int[], IReadOnlyList{string})"/>
    /// writes for a finite v whose result is finite. A passthrough is (v - 0) / 1, which is v itself for every finite v
    /// (-0 included). False when a stage no longer centres and scales.
    /// </summary>
    public bool TryRowScaling(Span<double> centers, Span<double> scales)
    {
        for (var f = 0; f < _features.Length; f++)
        {
            if (!TryCenterScale(f, out centers[f], out scales[f]))
            {
                return false;
            }
        }

        return true;
    }

    // Feature f's transform as one centre and scale: its single centring-and-scaling stage, or 0 and 1 when it is
    // passed through; false for any other chain.
    private bool TryCenterScale(int f, out double center, out double scale)
    {
        (center, scale) = (0.0, 1.0);
        var stages = _features[f].Stages;
        return stages.Length == 0 || (stages.Length == 1 && stages[0].Transform.TryCenterScale(stages[0].Index, out center, out scale));
    }

    /// <summary>The feature matrix over <paramref name="matrix"/>, <paramref name="rows"/> rows written by <see cref="TryRowScaling"/>'s arithmetic.</summary>
    public FeatureMatrix RowMatrix(float[] matrix, int rows, IReadOnlyList<string> names) =>
        new(new DenseMatrix(matrix, rows, _features.Length, names), null, _blocks);

    private static bool Apply(Stage stage, string column, Span<double> values)
    {
        stage.Transform.ApplyInPlace(stage.Index, column, values);
        return AllFinite(values);
    }

    /// <summary>
    /// <c>(v - center) / scale</c> in place, the same two IEEE operations per value as the scalers' own two passes,
    /// and whether every result is finite, in one pass.
    /// </summary>
    private static bool CenterScale(Span<double> values, double center, double scale)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<double>.Count)
        {
            var centers = Vector256.Create(center);
            var scales = Vector256.Create(scale);
            var infinity = Vector256.Create(double.PositiveInfinity);
            var finite = Vector256<double>.AllBitsSet;
            ref var first = ref MemoryMarshal.GetReference(values);
            for (; i <= values.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var scaled = (Vector256.LoadUnsafe(ref first, (nuint)i) - centers) / scales;
                scaled.StoreUnsafe(ref first, (nuint)i);
                // NaN is not below infinity either.
                finite &= Vector256.LessThan(Vector256.Abs(scaled), infinity);
            }

            if (finite.AsUInt64() != Vector256<ulong>.AllBitsSet)
            {
                return false;
            }
        }

        var allFinite = true;
        for (; i < values.Length; i++)
        {
            values[i] = (values[i] - center) / scale;
            allFinite &= double.IsFinite(values[i]);
        }

        return allFinite;
    }

    /// <summary>True when no value is NaN or infinite: the schema's one-pass check with no bounds.</summary>
    private static bool AllFinite(ReadOnlySpan<double> values) =>
        Validation.ColumnCheck.AllFiniteWithin(values, double.NegativeInfinity, double.PositiveInfinity);

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Where a plan reads each feature's input column from.</summary>
    private interface IFeatureColumns
    {
        /// <summary>Whether every value is already known to be finite (numbers parsed as finite), so the check before the transforms can be skipped.</summary>
        bool AllFinite { get; }

        /// <summary>Copies feature <paramref name="feature"/>'s input column, named <paramref name="column"/>, into <paramref name="values"/>; false when it is not numeric.</summary>
        bool TryCopy(int feature, string column, Span<double> values);
    }

    private readonly struct FrameColumns(Frame frame) : IFeatureColumns
    {
        public bool AllFinite => false;

        public bool TryCopy(int feature, string column, Span<double> values)
        {
            if (!frame.TryGetColumn(column, out var found) || !found.IsNumeric)
            {
                return false;
            }

            found.CopyNumbers(values);
            return true;
        }
    }

    private readonly struct ColumnMajorNumbers(double[] buffer, int rows, int stride, int[] binding) : IFeatureColumns
    {
        public bool AllFinite => true;

        public bool TryCopy(int feature, string column, Span<double> values)
        {
            buffer.AsSpan(binding[feature] * stride, rows).CopyTo(values);
            return true;
        }
    }

    private readonly record struct Stage(IColumnwiseTransform Transform, int Index);

    private sealed record Feature(string Column, Stage[] Stages);
}
